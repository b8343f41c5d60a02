"""Queries beyond the examples for the differential test (CLI in-process, CLI through the endpoint, the endpoint's
own bytes): where SPARQL engines are known to differ, and where our own wiring (term conversion, blank nodes,
result writers, errors) could. Each is written for the real glossary; their results are not pinned, only compared."""

from __future__ import annotations

PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX mcg: <https://w3id.org/microcredential-glossary/def/>
PREFIX org: <https://w3id.org/microcredential-glossary/organisation/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX term: <https://w3id.org/microcredential-glossary/term/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

QUERIES: dict[str, str] = {
    # --- aggregates ---------------------------------------------------------------------------------------------
    "count-all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "count-distinct-predicates": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
    "count-by-type": """SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s rdf:type ?type }
        GROUP BY ?type ORDER BY DESC(?n) ?type""",
    "sum-avg-min-max": """SELECT (SUM(?y) AS ?sum) (AVG(?y) AS ?avg) (MIN(?y) AS ?min) (MAX(?y) AS ?max) WHERE {
        ?d a mcg:SourceDefinition ; dcterms:issued ?issued BIND(xsd:integer(STR(?issued)) AS ?y) }""",
    "sample-and-having": """SELECT ?org (COUNT(?d) AS ?n) (SAMPLE(?d) AS ?one) WHERE { ?d prov:wasAttributedTo ?org }
        GROUP BY ?org HAVING (COUNT(?d) > 1) ORDER BY DESC(?n) ?org""",
    "aggregate-on-empty": "SELECT (COUNT(?x) AS ?n) (SUM(?x) AS ?s) (AVG(?x) AS ?a) WHERE { ?x <urn:none> ?y }",
    "max-of-mixed-types": "SELECT (MAX(?o) AS ?max) (MIN(?o) AS ?min) WHERE { term:microcredential ?p ?o }",
    # --- GROUP_CONCAT -------------------------------------------------------------------------------------------
    "group-concat-language-tags": """SELECT ?t (GROUP_CONCAT(?alt; SEPARATOR=" | ") AS ?alts) WHERE {
        ?t skos:altLabel ?alt } GROUP BY ?t ORDER BY ?t""",
    "group-concat-one-language": """SELECT (GROUP_CONCAT(?l) AS ?all) WHERE {
        VALUES ?l { "a"@en "b"@en } }""",
    "group-concat-mixed-languages": """SELECT (GROUP_CONCAT(?l; SEPARATOR=",") AS ?all) WHERE {
        VALUES ?l { "a"@en "b"@fr "c" } }""",
    "group-concat-empty-group": """SELECT ?t (GROUP_CONCAT(?alt) AS ?alts) WHERE {
        ?t a mcg:Term OPTIONAL { ?t skos:altLabel ?alt } } GROUP BY ?t ORDER BY ?t""",
    "group-concat-no-solution": "SELECT (GROUP_CONCAT(?x) AS ?all) WHERE { ?x <urn:none> ?y }",
    "group-concat-distinct-sorted-input": """SELECT (GROUP_CONCAT(DISTINCT ?kind; SEPARATOR=", ") AS ?kinds) WHERE {
        { SELECT DISTINCT ?kind WHERE { ?s a ?kind } ORDER BY ?kind } }""",
    # --- typed literals -----------------------------------------------------------------------------------------
    "gyear-compared-to-gyear": """SELECT ?d ?year WHERE { ?d dcterms:issued ?year
        FILTER(?year >= "2021"^^xsd:gYear) } ORDER BY ?year ?d""",
    "gyear-compared-to-integer": """SELECT ?d WHERE { ?d dcterms:issued ?year FILTER(?year > 2020) } ORDER BY ?d""",
    "gyear-equal": """SELECT ?d WHERE { ?d dcterms:issued ?year FILTER(?year = "2021"^^xsd:gYear) } ORDER BY ?d""",
    "gyear-order": """SELECT DISTINCT ?year WHERE { ?d dcterms:issued ?year } ORDER BY DESC(?year)""",
    "date-compared": """SELECT ?t ?m WHERE { ?t dcterms:modified ?m FILTER(?m < "2024-06-01"^^xsd:date) }
        ORDER BY ?m ?t""",
    "date-functions": """SELECT ?t (YEAR(?m) AS ?y) (MONTH(?m) AS ?mo) (DAY(?m) AS ?da) WHERE {
        ?t dcterms:modified ?m } ORDER BY ?t LIMIT 10""",
    "date-versus-datetime": """SELECT ?t WHERE { ?t dcterms:modified ?m
        FILTER(?m > "2024-01-01T00:00:00Z"^^xsd:dateTime) } ORDER BY ?t""",
    "numeric-promotion": """SELECT (1 + 2.5 AS ?a) (7 / 2 AS ?b) ("3"^^xsd:integer * 1.0e0 AS ?c)
        ("1.0"^^xsd:decimal = 1 AS ?d) WHERE {}""",
    "string-and-langstring-equality": """SELECT ("a" = "a"@en AS ?x) (SAMETERM("a", "a"^^xsd:string) AS ?y)
        (STR("a"@en) = "a" AS ?z) (LANG("a"@EN) AS ?lang) WHERE {}""",
    "cast-errors-unbound": """SELECT ?t (xsd:integer(?l) AS ?n) WHERE { ?t skos:prefLabel ?l } ORDER BY ?t LIMIT 3""",
    # --- dataset clauses ----------------------------------------------------------------------------------------
    "from-a-graph-that-is-not-there": "SELECT (COUNT(*) AS ?n) FROM <urn:mcg:nothing> WHERE { ?s ?p ?o }",
    "from-named": "SELECT ?g (COUNT(*) AS ?n) FROM NAMED <urn:mcg:nothing> WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "graph-variable": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    # --- patterns -----------------------------------------------------------------------------------------------
    "optional-unbound": """SELECT ?d ?year WHERE { ?d a mcg:SourceDefinition OPTIONAL { ?d dcterms:issued ?year } }
        ORDER BY ?d""",
    "optional-with-filter": """SELECT ?t ?alt WHERE { ?t a mcg:Term
        OPTIONAL { ?t skos:altLabel ?alt FILTER(STRLEN(?alt) > 12) } } ORDER BY ?t ?alt""",
    "minus": """SELECT ?t WHERE { ?t a mcg:Term MINUS { ?t skos:altLabel ?alt } } ORDER BY ?t""",
    "minus-no-shared-variable": """SELECT ?t WHERE { ?t a mcg:Term MINUS { ?x skos:altLabel ?y } } ORDER BY ?t""",
    "filter-not-exists": """SELECT ?t WHERE { ?t a mcg:Term FILTER NOT EXISTS { ?t skos:broader ?b } } ORDER BY ?t""",
    "union": """SELECT ?x ?label WHERE { { ?x skos:prefLabel ?label } UNION { ?x schema:name ?label } }
        ORDER BY ?label ?x""",
    "bind-and-if": """SELECT ?t (IF(BOUND(?b), "narrower", "top") AS ?kind) WHERE { ?t a mcg:Term
        OPTIONAL { ?t skos:broader ?b } } ORDER BY ?t ?kind""",
    "coalesce": """SELECT ?d (COALESCE(?year, "no year") AS ?when) WHERE { ?d a mcg:SourceDefinition
        OPTIONAL { ?d dcterms:issued ?year } } ORDER BY ?d""",
    "subquery-limit": """SELECT ?t ?n WHERE { { SELECT ?t (COUNT(?r) AS ?n) WHERE { ?t skos:related ?r }
        GROUP BY ?t ORDER BY DESC(?n) ?t LIMIT 5 } } ORDER BY DESC(?n) ?t""",
    "distinct-reduced-offset": "SELECT DISTINCT ?p WHERE { ?s ?p ?o } ORDER BY ?p OFFSET 3 LIMIT 5",
    "unordered-select": "SELECT ?t ?l WHERE { ?t skos:prefLabel ?l } LIMIT 20",
    "blank-nodes": "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(ISBLANK(?s) || ISBLANK(?o)) } ORDER BY ?p STR(?o)",
    # --- property paths -----------------------------------------------------------------------------------------
    "path-one-or-more": """SELECT ?t ?ancestor WHERE { ?t skos:broader+ ?ancestor } ORDER BY ?t ?ancestor""",
    "path-zero-or-more": """SELECT ?x WHERE { term:open-badge skos:broader* ?x } ORDER BY ?x""",
    "path-inverse-and-sequence": """SELECT DISTINCT ?org WHERE {
        term:microcredential mcg:sourceDefinition/prov:wasAttributedTo ?org } ORDER BY ?org""",
    "path-alternative": """SELECT ?x WHERE { term:microcredential (skos:related|skos:broader) ?x } ORDER BY ?x""",
    "path-negated": """SELECT DISTINCT ?p WHERE { term:microcredential !(rdf:type|skos:related) ?o .
        term:microcredential ?p ?o } ORDER BY ?p""",
    "path-zero-or-one-unbound-both": "SELECT (COUNT(*) AS ?n) WHERE { ?a skos:broader? ?b }",
    "rdf-list": """SELECT ?c ?member WHERE { ?c skos:memberList/rdf:rest*/rdf:first ?member } ORDER BY ?c ?member""",
    # --- VALUES -------------------------------------------------------------------------------------------------
    "values-inline": """SELECT ?t ?l WHERE { VALUES ?t { term:microcredential term:badge <urn:mcg:none> }
        OPTIONAL { ?t skos:prefLabel ?l } } ORDER BY ?t""",
    "values-undef": """SELECT * WHERE { VALUES (?a ?b) { (1 UNDEF) (UNDEF "x") } } ORDER BY ?a ?b""",
    "values-after": """SELECT ?t WHERE { ?t skos:prefLabel ?l } VALUES ?l { "Badge"@en "Credential"@en }""",
    # --- strings and regular expressions ------------------------------------------------------------------------
    "regex-case-insensitive": """SELECT ?t WHERE { ?t skos:prefLabel ?l FILTER(REGEX(?l, "^micro", "i")) }
        ORDER BY ?t""",
    "regex-invalid": """SELECT ?t WHERE { ?t skos:prefLabel ?l FILTER(REGEX(?l, "(")) } ORDER BY ?t""",
    "regex-invalid-in-select": """SELECT ?t (REGEX(?l, "[") AS ?m) WHERE { ?t skos:prefLabel ?l }
        ORDER BY ?t LIMIT 3""",
    "replace-invalid": """SELECT (REPLACE("abc", "(", "x") AS ?r) WHERE {}""",
    "string-functions": """SELECT ?l (UCASE(?l) AS ?u) (STRLEN(?l) AS ?n) (SUBSTR(?l, 2, 3) AS ?s)
        (STRBEFORE(?l, " ") AS ?b) (CONCAT(?l, "!") AS ?c) (LANGMATCHES(LANG(?l), "en") AS ?en)
        WHERE { ?t skos:prefLabel ?l } ORDER BY ?l LIMIT 8""",
    "encode-and-hash": """SELECT (ENCODE_FOR_URI("a b/é") AS ?e) (MD5("x") AS ?h) (STRUUID() != "" AS ?u) WHERE {}""",
    "iri-functions": """SELECT (IRI("urn:x") AS ?i) (STR(term:badge) AS ?s) (ISIRI(term:badge) AS ?is)
        (DATATYPE(1) AS ?d) WHERE {}""",
    # --- ASK, CONSTRUCT, DESCRIBE -------------------------------------------------------------------------------
    "ask-false": "ASK { term:microcredential skos:broader term:microcredential }",
    "construct-template": """CONSTRUCT { ?t rdfs:label ?l ; skos:broader ?b } WHERE {
        ?t skos:prefLabel ?l OPTIONAL { ?t skos:broader ?b } }""",
    "construct-with-blank-nodes": """CONSTRUCT { ?t schema:about [ rdfs:label ?l ] } WHERE {
        ?t skos:prefLabel ?l } """,
    "construct-where": "CONSTRUCT WHERE { term:badge ?p ?o }",
    "construct-empty": "CONSTRUCT WHERE { ?s <urn:none> ?o }",
    "describe-term": "DESCRIBE term:microcredential",
    "describe-where": 'DESCRIBE ?org WHERE { ?org schema:name "Credential Engine"@en }',
    # --- errors -------------------------------------------------------------------------------------------------
    "error-syntax": "SELECT ?x WHERE {\n  ?x ?p ?o\n  FILTER(\n}",
    "error-undeclared-prefix-only": "SELECT ?x WHERE { ?x nope:thing ?o }",
    "error-group-by-projection": "SELECT ?t ?l WHERE { ?t skos:prefLabel ?l } GROUP BY ?t",
    "error-duplicate-projection": "SELECT (1 AS ?x) (2 AS ?x) WHERE {}",
    "error-update": "DELETE WHERE { ?s ?p ?o }",
    "error-service": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
}

# the queries without a PREFIX line of their own get the common ones (except the one meant to lack its prefix)
QUERIES = {
    name: text if name.startswith("error-undeclared") or text.startswith("PREFIX") else PREFIXES + text
    for name, text in QUERIES.items()
}
