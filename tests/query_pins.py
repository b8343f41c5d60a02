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
        "count": 160,
        "first": [
            ("term:academic-certificate", "Academic certificate", "A certificate awarded by a college or univers…"),
            ("term:accreditation", "Accreditation", "A formal decision by an authorised external b…"),
            ("term:achievement", "Achievement", "Something a person has accomplished through l…"),
        ],
        "some": [
            ("term:issuer-country", "Issuer country or region", "The element naming the country or countries,…"),
            ("term:journeyman-certificate", "Journeyman certificate", "The certificate attesting that a person has c…"),
        ],
    },
    "alternative-labels": {
        "count": 215,
        "first": [
            ("academic credit", "term:credit-unit", "Credit unit"),
            ("academic degree", "term:degree", "Degree"),
            ("academic transcript", "term:transcript", "Transcript"),
        ],
        "some": [
            ("micromasters", "term:microcredential", "Microcredential"),
            ("short-term program", "term:short-learning-programme", "Short learning programme"),
        ],
    },
    "broader-chains": {
        "count": 138,
        "first": [
            ("term:academic-certificate", "Academic certificate", "term:certificate", "Certificate"),
            ("term:academic-certificate", "Academic certificate", "term:credential", "Credential"),
            ("term:accreditation", "Accreditation", "term:quality-assurance", "Quality assurance"),
        ],
        "some": [
            ("term:open-badge", "Open badge", "term:badge", "Badge"),
            ("term:open-badge", "Open badge", "term:credential", "Credential"),
            ("term:open-badge", "Open badge", "term:digital-badge", "Digital badge"),
            ("term:open-badge", "Open badge", "term:digital-credential", "Digital credential"),
            ("term:ects-credit", "ECTS credit", "term:volume-of-learning", "Volume of learning"),
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
            ("11", "term:quality-assurance", "Quality assurance"),
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
        "count": 79,
        "first": [
            (
                "initiative:ace-learning-evaluations",
                "ACE Learning Evaluations",
                "1974",
                "org:ace",
                "American Council on Education",
            ),
            (
                "initiative:ects",
                "European Credit Transfer and Accumulation System",
                "1989",
                "org:european-commission",
                "European Commission",
            ),
            (
                "initiative:enic-naric-networks",
                "ENIC and NARIC networks",
                "1994",
                "org:council-of-europe",
                "Council of Europe",
            ),
        ],
        "some": [
            (
                "initiative:aacrao-naspa-comprehensive-learner-record-project",
                "AACRAO and NASPA Comprehensive Learner Record project",
                "2015",
                "org:lumina-foundation",
                "Lumina Foundation",
            ),
            (
                "initiative:aacrao-naspa-comprehensive-learner-record-project",
                "AACRAO and NASPA Comprehensive Learner Record project",
                "2015",
                "org:naspa",
                "NASPA",
            ),
        ],
    },
    "is-open-badge-a-digital-credential": {"boolean": True},
    "mappings": {
        "count": 113,
        "first": [
            (
                "ceterms",
                "term:academic-certificate",
                "Academic certificate",
                "skos:broadMatch",
                "<https://purl.org/ctdl/terms/AcademicCertificate>",
            ),
            (
                "ceterms",
                "term:accreditation",
                "Accreditation",
                "skos:closeMatch",
                "<https://purl.org/ctdl/terms/AccreditAction>",
            ),
            (
                "ceterms",
                "term:apprenticeship-certificate",
                "Apprenticeship certificate",
                "skos:closeMatch",
                "<https://purl.org/ctdl/terms/ApprenticeshipCertificate>",
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
        "count": 72,
        "first": [
            ("org:credential-engine", "Credential Engine", "52"),
            ("org:european-commission", "European Commission", "36"),
            ("org:cedefop", "European Centre for the Development of Vocational Training", "29"),
        ],
        "some": [
            ("org:sadc", "Southern African Development Community", "2"),
            ("org:us-department-of-labor", "U.S. Department of Labor", "2"),
        ],
    },
    "search-labels": {
        "count": 20,
        "first": [
            ("term:credential-title", "Credential title", "title of the micro-credential", "alternative"),
            ("term:micro-pathway", "Micro-pathway", "micro pathway", "alternative"),
            ("term:micro-pathway", "Micro-pathway", "micropathway", "alternative"),
        ],
        "some": [
            ("term:micro-credential-element", "Microcredential element", "micro-credential element", "alternative"),
            (
                "term:micro-credential-element",
                "Microcredential element",
                "standard element of a micro-credential",
                "alternative",
            ),
        ],
    },
    "source-definitions": {
        "rows": [
            ("org:credential-engine", "Credential Engine", "2016", "A credential that attests to achievement of a…"),
            ("org:credential-engine", "Credential Engine", "2021", "Credential that addresses a subset of field-s…"),
            ("org:credential-engine", "Credential Engine", "2021", "An online educational credential that covers…"),
            ("org:credential-engine", "Credential Engine", "2022", "A micro-credential is (1) a record of focused…"),
            (
                "org:enqa",
                "European Association for Quality Assurance in…",
                "2022",
                "‘Micro-credentials’ is used here as an umbrel…",
            ),
            (
                "org:heqco",
                "Higher Education Quality Council of Ontario",
                None,
                "A representation of learning, awarded for com…",
            ),
            ("org:nea", "National Education Association", None, "Micro-credentials are a digital form of certi…"),
            ("org:oecd", "OECD", None, "Typically in the United States, micro-credent…"),
            ("org:suny", "State University of New York", None, "Microcredentials are compact credentials desi…"),
            ("org:unesco", "UNESCO", "2021", "Typically focused on a specific set of learni…"),
            ("org:wgu", "Western Governors University", None, "A form of credential endorsed by the issuing…"),
            ("org:wikipedia", "Wikipedia", None, "In higher education, a microdegree and also m…"),
        ]
    },
    "term-neighbourhood": {
        "triples": 37,
        "some": [
            ("term:microcredential", "skos:broader", "term:credential"),
            ("term:microcredential", "skos:related", "term:stackable-credential"),
            ("term:microcredential", "dcterms:subject", "topic:structure-and-pathways"),
            ("term:microcredential", "skos:prefLabel", "Microcredential"),
            ("topic:credential-types", "skos:prefLabel", "Credential types"),
            ("term:skill", "skos:prefLabel", "Skill"),
        ],
    },
    "terms-by-topic": {
        "count": 248,
        "first": [
            ("topic:credential-types", "Credential types", "term:academic-certificate", "Academic certificate"),
            ("topic:credential-types", "Credential types", "term:alternative-credential", "Alternative credential"),
            (
                "topic:credential-types",
                "Credential types",
                "term:apprenticeship-certificate",
                "Apprenticeship certificate",
            ),
        ],
        "some": [
            ("topic:credential-types", "Credential types", "term:microcredential", "Microcredential"),
            ("topic:structure-and-pathways", "Structure and pathways", "term:microcredential", "Microcredential"),
            ("topic:standard-elements", "Standard elements", "term:learner-identification", "Learner identification"),
        ],
    },
    "terms-without-source-definition": {
        "rows": [
            ("term:micro-credential-element", "Microcredential element"),
            ("term:stand-alone-micro-credential", "Stand-alone microcredential"),
            ("term:type-of-quality-assurance", "Type of quality assurance"),
        ]
    },
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
