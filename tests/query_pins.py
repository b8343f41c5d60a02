"""Expected results of the example queries (ontology/queries/*.rq), pinned by hand from the data.

Rows are written as people read them in `mcg query`'s table: IRIs as prefixed names, literals as their text,
None for an unbound value. A cell ending in "…" pins only the beginning of a long text. A query with few rows is
pinned in full (`rows`); a long one by its row count, its first rows (`first`) and some rows anywhere (`some`).
Graph results are pinned by their triple count and some triples; ASK by its answer.
"""

from __future__ import annotations

from rdflib import URIRef

from mcglossary.sparql.query import QueryResult, compact

CE, HEQCO = "org:credential-engine", "org:heqco"

PINS: dict[str, dict] = {
    "all-terms": {
        "count": 62,
        "first": [
            ("term:alternative-credential", "Alternative credential", "A credential earned outside, or alongside, …"),
            ("term:assessment", "Assessment", "The process of gathering and judging evidence …"),
        ],
        "some": [("term:microcredential", "Microcredential", "A credential certifying the outcomes of a short, …")],
    },
    "alternative-labels": {
        "count": 66,
        "first": [
            ("academic credit", "term:credit-unit", "Credit unit"),
            ("academic degree", "term:degree", "Degree"),
            ("additional information", "term:further-information", "Further information"),
            ("assessment type", "term:type-of-assessment", "Type of assessment"),
        ],
        "some": [
            ("micromasters", "term:microcredential", "Microcredential"),
            ("short-term program", "term:short-learning-programme", "Short learning programme"),
        ],
    },
    "broader-chains": {
        "count": 58,
        "first": [
            ("term:alternative-credential", "Alternative credential", "term:credential", "Credential"),
            ("term:badge", "Badge", "term:credential", "Credential"),
        ],
        "some": [
            # polyhierarchy: open badge -> digital badge -> badge | digital credential -> credential
            ("term:open-badge", "Open badge", "term:badge", "Badge"),
            ("term:open-badge", "Open badge", "term:credential", "Credential"),
            ("term:open-badge", "Open badge", "term:digital-badge", "Digital badge"),
            ("term:open-badge", "Open badge", "term:digital-credential", "Digital credential"),
            ("term:ects-credit", "ECTS credit", "term:volume-of-learning", "Volume of learning"),
        ],
    },
    "eu-mandatory-elements": {
        "rows": [
            ("1", "term:learner-identification", "Learner identification"),
            ("2", "term:credential-title", "Credential title"),
            ("3", "term:issuer-country", "Issuer country or region"),
            ("4", "term:awarding-body", "Awarding body"),
            ("5", "term:date-of-issuing", "Date of issuing"),
            ("6", "term:learning-outcome", "Learning outcome"),
            ("7", "term:notional-workload", "Notional workload"),
            ("8", "term:level-and-cycle", "Level and cycle"),
            ("9", "term:type-of-assessment", "Type of assessment"),
            ("10", "term:form-of-participation", "Form of participation"),
            ("11", "term:type-of-quality-assurance", "Type of quality assurance"),
        ]
    },
    "examples-and-providers": {
        "rows": [
            ("term:microcredential", "Microcredential", "example:micromasters", "MicroMasters", "org:edx", "edX"),
            ("term:microcredential", "Microcredential", "example:nanodegree", "Nanodegree", "org:udacity", "Udacity"),
            (
                "term:microcredential",
                "Microcredential",
                "example:specialization",
                "Specialization",
                "org:coursera",
                "Coursera",
            ),
            (
                "term:microcredential",
                "Microcredential",
                "example:suny-microcredentials",
                "SUNY microcredentials",
                "org:suny",
                "State University of New York",
            ),
        ]
    },
    "initiatives": {
        "rows": [
            (
                "initiative:suny-micro-credentialing-task-force",
                "SUNY Micro-Credentialing Task Force",
                "2015",
                "org:suny",
                "State University of New York",
            ),
            (
                "initiative:credential-engine-counting-credentials",
                "Counting U.S. Postsecondary and Secondary Credentials",
                "2018",
                CE,
                "Credential Engine",
            ),
            (
                "initiative:suny-micro-credential-policy",
                "SUNY micro-credential policy",
                "2018",
                "org:suny",
                "State University of New York",
            ),
            (
                "initiative:unesco-common-definition-micro-credentials",
                "UNESCO work towards a common definition of micro-credentials",
                "2021",
                "org:unesco",
                "UNESCO",
            ),
            (
                "initiative:european-approach-to-micro-credentials",
                "European approach to micro-credentials",
                "2022",
                "org:council-of-the-european-union",
                "Council of the European Union",
            ),
            (
                "initiative:european-approach-to-micro-credentials",
                "European approach to micro-credentials",
                "2022",
                "org:european-commission",
                "European Commission",
            ),
            (
                "initiative:wgu-unified-credential-framework",
                "WGU Unified Credential Framework",
                "2022",
                "org:wgu",
                "Western Governors University",
            ),
        ]
    },
    "mappings": {
        "count": 27,
        "first": [
            (
                "ceterms",
                "term:assessment",
                "Assessment",
                "skos:closeMatch",
                "<https://purl.org/ctdl/terms/AssessmentProfile>",
            ),
            (
                "ceterms",
                "term:awarding-body",
                "Awarding body",
                "skos:broadMatch",
                "<https://purl.org/ctdl/terms/CredentialOrganization>",
            ),
        ],
        "some": [
            (
                "ceterms",
                "term:microcredential",
                "Microcredential",
                "skos:closeMatch",
                "<https://purl.org/ctdl/terms/MicroCredential>",
            ),
            (
                "elm",
                "term:learning-outcome",
                "Learning outcome",
                "skos:exactMatch",
                "<http://data.europa.eu/snb/model/elm/LearningOutcome>",
            ),
            ("schema", "term:credential", "Credential", "skos:closeMatch", "schema:EducationalOccupationalCredential"),
            ("schema", "term:certification", "Certification", "skos:broadMatch", "schema:Certification"),
        ],
        "absent_prefixes": ("esco", "cred", "ob", "clr", "ceasn"),
    },
    "organisations-by-definitions": {
        "rows": [
            (CE, "Credential Engine", "2"),
            (HEQCO, "Higher Education Quality Council of Ontario", "1"),
            ("org:nea", "National Education Association", "1"),
            ("org:oecd", "OECD", "1"),
            ("org:suny", "State University of New York", "1"),
            ("org:unesco", "UNESCO", "1"),
            ("org:wgu", "Western Governors University", "1"),
            ("org:wikipedia", "Wikipedia", "1"),
        ]
    },
    "search-labels": {
        "rows": [
            ("term:credential-title", "Credential title", "title of the micro-credential", "alternative"),
            (
                "term:micro-credential-element",
                "Micro-credential element",
                "standard element of a micro-credential",
                "alternative",
            ),
            ("term:micro-credential-element", "Micro-credential element", "Micro-credential element", "preferred"),
            ("term:micro-pathway", "Micro-pathway", "micro pathway", "alternative"),
            ("term:micro-pathway", "Micro-pathway", "micropathway", "alternative"),
            ("term:micro-pathway", "Micro-pathway", "Micro-pathway", "preferred"),
            ("term:microcredential", "Microcredential", "micro credential", "alternative"),
            ("term:microcredential", "Microcredential", "micro-credential", "alternative"),
            ("term:microcredential", "Microcredential", "micro-degree", "alternative"),
            ("term:microcredential", "Microcredential", "microdegree", "alternative"),
            ("term:microcredential", "Microcredential", "micromasters", "alternative"),
            ("term:microcredential", "Microcredential", "Microcredential", "preferred"),
            (
                "term:stand-alone-micro-credential",
                "Stand-alone micro-credential",
                "standalone micro-credential",
                "alternative",
            ),
            (
                "term:stand-alone-micro-credential",
                "Stand-alone micro-credential",
                "standalone microcredential",
                "alternative",
            ),
            (
                "term:stand-alone-micro-credential",
                "Stand-alone micro-credential",
                "Stand-alone micro-credential",
                "preferred",
            ),
        ]
    },
    "source-definitions": {
        "rows": [
            (
                CE,
                "Credential Engine",
                "2021",
                "An online educational credential that covers more than a single course"
                " but is less than a full degree.",
            ),
            (CE, "Credential Engine", "2022", "A micro-credential is (1) a record of focused learning achievement …"),
            (HEQCO, "Higher Education Quality Council of Ontario", None, "A representation of learning, awarded …"),
            (
                "org:nea",
                "National Education Association",
                None,
                "Micro-credentials are a digital form of certification …",
            ),
            ("org:oecd", "OECD", None, "Typically in the United States, micro-credentials …"),
            ("org:suny", "State University of New York", None, "Microcredentials are compact credentials …"),
            ("org:unesco", "UNESCO", "2021", "Typically focused on a specific set of learning outcomes …"),
            ("org:wgu", "Western Governors University", None, "A form of credential endorsed by the issuing …"),
            ("org:wikipedia", "Wikipedia", None, "In higher education, a microdegree and also microcredentials …"),
        ]
    },
    "terms-by-topic": {
        "count": 91,
        "first": [
            ("topic:credential-types", "Credential types", "term:alternative-credential", "Alternative credential"),
            ("topic:credential-types", "Credential types", "term:badge", "Badge"),
        ],
        "some": [
            ("topic:credential-types", "Credential types", "term:microcredential", "Microcredential"),
            ("topic:structure-and-pathways", "Structure and pathways", "term:microcredential", "Microcredential"),
            ("topic:standard-elements", "Standard elements", "term:learner-identification", "Learner identification"),
        ],
    },
    "terms-without-source-definition": {
        "count": 61,
        "first": [
            ("term:alternative-credential", "Alternative credential"),
            ("term:assessment", "Assessment"),
            ("term:awarding-body", "Awarding body"),
        ],
        "some": [("term:volume-of-learning", "Volume of learning")],
        "absent": [("term:microcredential", "Microcredential")],
    },
    "term-neighbourhood": {
        "triples": 25,
        "some": [
            ("term:microcredential", "skos:broader", "term:credential"),
            ("term:microcredential", "skos:narrower", "term:stand-alone-micro-credential"),
            ("term:microcredential", "skos:related", "term:stackable-credential"),
            ("term:microcredential", "dcterms:subject", "topic:structure-and-pathways"),
            ("term:microcredential", "skos:prefLabel", "Microcredential"),
            ("topic:credential-types", "skos:prefLabel", "Credential types"),
            ("term:skill", "skos:prefLabel", "Skill"),
        ],
    },
    "describe-organisation": {
        "triples": 6,
        "some": [
            ("org:unesco", "rdf:type", "schema:Organization"),
            ("org:unesco", "rdf:type", "foaf:Organization"),
            ("org:unesco", "schema:name", "UNESCO"),
            ("org:unesco", "schema:url", "<https://www.unesco.org/>"),
        ],
    },
    "is-open-badge-a-digital-credential": {"boolean": True},
}


def shown(result: QueryResult) -> list[tuple[str | None, ...]]:
    """A result's rows as the table shows them."""
    return [tuple(value.short() if value else None for value in row) for row in result.rows]


def triples_shown(result: QueryResult) -> set[tuple[str, str, str]]:
    """A graph result's triples, IRIs as prefixed names and literals as their text."""
    assert result.graph is not None

    def cell(term: object) -> str:
        return compact(str(term)) if isinstance(term, URIRef) else str(term)

    return {(cell(s), cell(p), cell(o)) for s, p, o in result.graph}


def same_cells(pinned: tuple, actual: tuple) -> bool:
    if len(pinned) != len(actual):
        return False
    for want, got in zip(pinned, actual, strict=True):
        if isinstance(want, str) and want.endswith("…"):
            if got is None or not got.startswith(want[:-1]):
                return False
        elif want != got:
            return False
    return True


def check(slug: str, result: QueryResult) -> None:
    """Assert that `result` is what PINS says for `slug`."""
    pin = PINS[slug]
    if "boolean" in pin:
        assert result.form == "ASK" and result.boolean is pin["boolean"]
        return
    if "triples" in pin:
        triples = triples_shown(result)
        assert len(triples) == pin["triples"]
        missing = [t for t in pin["some"] if t not in triples]
        assert not missing, missing
        return
    rows = shown(result)
    if "rows" in pin:
        assert len(rows) == len(pin["rows"])
        for want, got in zip(pin["rows"], rows, strict=True):
            assert same_cells(want, got), (want, got)
        return
    assert len(rows) == pin["count"]
    for want, got in zip(pin["first"], rows, strict=False):
        assert same_cells(want, got), (want, got)
    for want in pin["some"]:
        assert any(same_cells(want, got) for got in rows), want
    for unwanted in pin.get("absent", []):
        assert not any(same_cells(unwanted, got) for got in rows), unwanted
    for prefix in pin.get("absent_prefixes", ()):
        assert all(row[0] != prefix for row in rows), prefix
