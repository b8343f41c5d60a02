"""The glossary's breadth: enough terms, each placed and connected; topics; initiatives; the EU standard
elements; mappings only into verified vocabularies, each justified."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SKOS

from mcglossary.data.namespaces import COLLECTION, MCG, TERM, TOPIC
from mcglossary.site.model import build

# Namespaces whose IRIs were checked to exist before mappings into them were written (see alignments.ttl).
VERIFIED_NAMESPACES = (
    "https://purl.org/ctdl/terms/",
    "https://purl.org/ctdlasn/terms/",
    "http://data.europa.eu/snb/model/elm/",
    "https://schema.org/",
    "http://data.europa.eu/esco/model#",
    "https://www.w3.org/2018/credentials#",
    "https://purl.imsglobal.org/spec/vc/ob/vocab.html#",
    "https://purl.imsglobal.org/spec/vc/clr/vocab.html#",
)
REQUIRED_TERMS = [
    "credential",
    "degree",
    "diploma",
    "certificate",
    "certification",
    "licence",
    "badge",
    "digital-badge",
    "open-badge",
    "certificate-of-completion",
    "professional-certificate",
    "macro-credential",
    "alternative-credential",
    "non-degree-credential",
    "short-term-credential",
    "stackable-credential",
    "micro-pathway",
    "pathway",
    "incremental-credentialing",
    "short-learning-programme",
    "learning-outcome",
    "competency",
    "skill",
    "competency-framework",
    "assessment",
    "notional-workload",
    "ects-credit",
    "credit-unit",
    "qualifications-framework",
    "eqf-level",
    "quality-assurance",
    "awarding-body",
    "recognition-of-prior-learning",
    "prior-learning-assessment",
    "supervision-and-identity-verification",
    "endorsement",
    "verifiable-credential",
    "european-digital-credential",
    "comprehensive-learner-record",
    "learning-and-employment-record",
    "digital-wallet",
    "credential-registry",
    "microcredential",
    "non-degree-offering",
]


def test_at_least_forty_terms_and_the_required_ones(ontology):
    terms = set(ontology.data.subjects(RDF.type, MCG.Term))
    assert len(terms) >= 40
    missing = [slug for slug in REQUIRED_TERMS if TERM[slug] not in terms]
    assert missing == []


def test_every_term_has_topic_links_and_place(ontology):
    glossary = build(ontology.data)
    for term in glossary.terms:
        assert term.topics, term.label
        if term.deprecated:  # a retired term stands outside the hierarchy and no term links to it
            continue
        assert term.broader or term.top_concept, term.label
        assert term.related or term.narrower, f"{term.label} links to no other term"
        assert len(term.definition) >= 60, term.label


def test_spelling_variants_of_microcredential(ontology):
    labels = {str(label).casefold() for label in ontology.data.objects(TERM.microcredential, SKOS.altLabel)}
    assert {"micro-credential", "micro credential"} <= labels


def test_topics_form_their_own_scheme_and_cover_every_term(ontology):
    data = ontology.data
    topics = set(data.subjects(RDF.type, MCG.Topic))
    assert len(topics) >= 5
    for topic in topics:
        assert (topic, SKOS.inScheme, URIRef("https://w3id.org/microcredential-glossary/topics")) in data
    used = set(data.objects(None, URIRef("http://purl.org/dc/terms/subject")))
    assert topics <= used, "a topic with no term"
    assert TOPIC["standard-elements"] in topics


def test_initiatives_have_launch_year_and_organisations(ontology):
    glossary = build(ontology.data)
    names = {i.name: i for i in glossary.initiatives}
    assert len(names) >= 4
    for initiative in glossary.initiatives:
        assert initiative.organisations, initiative.name
    years = {i.year for i in glossary.initiatives if i.year}
    assert {"2015", "2018", "2022"} <= years


def test_eu_standard_elements_in_annex_order(ontology):
    data = ontology.data
    mandatory = list(Collection(data, data.value(COLLECTION["eu-mandatory-elements"], SKOS.memberList)))
    optional = list(Collection(data, data.value(COLLECTION["eu-optional-elements"], SKOS.memberList)))
    assert len(mandatory) == 11 and len(optional) == 5
    assert mandatory[0] == TERM["learner-identification"]
    assert mandatory[5] == TERM["learning-outcome"]
    assert mandatory[6] == TERM["notional-workload"]
    assert optional[1] == TERM["supervision-and-identity-verification"]
    for member in mandatory + optional:
        assert (member, RDF.type, MCG.Term) in data


def test_mappings_only_into_verified_namespaces_and_justified(ontology):
    glossary = build(ontology.data)
    assert len(glossary.mappings) >= 25
    targets = {m.vocabulary.namespace for m in glossary.mappings if m.vocabulary}
    assert len(targets) >= 4
    for mapping in glossary.mappings:
        assert mapping.target.startswith(VERIFIED_NAMESPACES), mapping.target
        assert mapping.vocabulary is not None, mapping.target
        assert len(mapping.justification) > 30, (mapping.term.label, mapping.target)


def test_no_label_names_two_terms(ontology):
    owners: dict[str, set] = {}
    for term in ontology.data.subjects(RDF.type, MCG.Term):
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in ontology.data.objects(term, predicate):
                owners.setdefault(" ".join(str(label).casefold().split()), set()).add(term)
    assert {label: terms for label, terms in owners.items() if len(terms) > 1} == {}
