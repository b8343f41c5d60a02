"""The glossary's content: every section of the seed page has its place, and every quotation is verbatim."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from conftest import SEED
from mcglossary.data.namespaces import GLOSSARY, MCG, SCHEMA, TERM

MICRO = TERM.microcredential


def seed_definitions() -> list[tuple[str, str]]:
    """(attribution, quotation) for each bullet of the seed's 'Definitions from various organizations'."""
    text = SEED.read_text(encoding="utf-8")
    section = text.split("Definitions from various organizations include:")[1].split("Ecosystem Relationship")[0]
    bullets = [line.strip()[1:].strip() for line in section.splitlines() if line.strip().startswith("•")]
    pairs = []
    for bullet in bullets:
        attribution, quote = re.match(r"^(.*?(?:\(\d{4}\))?):\s(.*)$", bullet).groups()
        pairs.append((attribution, quote.strip()))
    return pairs


def test_seed_has_nine_definitions():
    assert len(seed_definitions()) == 9


def test_every_seed_quotation_is_in_the_data_verbatim_and_attributed(ontology):
    g = ontology.data
    quoted = {}
    for source in g.objects(MICRO, MCG.sourceDefinition):
        quoted[str(g.value(source, RDF.value))] = source
    for attribution, quote in seed_definitions():
        assert quote in quoted, f"missing verbatim quotation of {attribution}"
        source = quoted[quote]
        organisation = g.value(source, PROV.wasAttributedTo)
        names = {str(n) for n in g.objects(organisation, SCHEMA.name)} | {
            str(n) for n in g.objects(organisation, SCHEMA.alternateName)
        }
        assert any(attribution.startswith(name) or name in attribution for name in names), (attribution, names)
        year = re.search(r"\((\d{4})\)", attribution)
        issued = g.value(source, DCTERMS.issued)
        if year:
            assert issued == Literal(year.group(1), datatype=XSD.gYear)
        else:
            assert issued is None, f"{attribution}: the seed gives no year, the data must not invent one"


def test_publication_title_where_the_seed_gives_it(ontology):
    """The seed page names Credential Engine's 2021 report: it is the original behind that quotation, while the
    seed page, where the exact words appear, is its source."""
    g = ontology.data
    originals = {
        str(g.value(g.value(s, PROV.hadPrimarySource), DCTERMS.title))
        for s in g.objects(MICRO, MCG.sourceDefinition)
        if g.value(s, PROV.hadPrimarySource) is not None
    }
    assert "Counting U.S. Postsecondary & Secondary Credentials" in originals
    sources = {str(g.value(g.value(s, DCTERMS.source), SCHEMA.url)) for s in g.objects(MICRO, MCG.sourceDefinition)}
    assert "https://learnworkecosystemlibrary.com/topics/microcredential/" in sources


def test_microcredential_has_every_section_of_the_seed(ontology):
    g = ontology.data
    assert g.value(MICRO, SKOS.prefLabel) == Literal("Microcredential", lang="en")
    assert g.value(MICRO, SKOS.definition) is not None
    assert g.value(MICRO, MCG.ecosystemRelationship) is not None
    # "Last updated": the seed page's date (2024-04-01) or later, once the entry has been edited here
    modified = g.value(MICRO, DCTERMS.modified)
    assert modified.datatype == XSD.date and modified.toPython().isoformat() >= "2024-04-01"
    assert "1 April 2024" in str(g.value(MICRO, SKOS.historyNote))
    alt = {str(label) for label in g.objects(MICRO, SKOS.altLabel)}
    assert {"micro-credential", "microdegree", "micromasters"} <= alt
    providers = {
        str(g.value(g.value(example, SCHEMA.provider), SCHEMA.name)): str(g.value(example, SCHEMA.name))
        for example in g.objects(MICRO, SKOS.example)
    }
    assert providers.get("edX") == "MicroMasters"
    assert providers.get("Udacity") == "Nanodegree"
    assert providers.get("Coursera") == "Specialization"
    assert "State University of New York" in providers
    related = set(g.objects(MICRO, SKOS.related)) | set(g.objects(MICRO, SKOS.broader))
    assert {TERM["micro-pathway"], TERM.skill, TERM.competency, TERM.credential} <= related
    assert list(g.objects(MICRO, DCTERMS.references))


def test_alternative_terminology_that_names_terms_became_terms(ontology):
    g = ontology.data
    labels = {str(label).casefold(): term for term, label in g.subject_objects(SKOS.prefLabel)}
    for phrase in ("credential", "alternative credential", "short-term credential", "non-degree offering"):
        term = labels.get(phrase)
        assert term is not None and term != MICRO, phrase
        assert (term, RDF.type, MCG.Term) in g
    assert any(
        "short-term program" in str(label) for label in g.objects(TERM["short-learning-programme"], SKOS.altLabel)
    )
    notes = " ".join(str(n) for n in g.objects(MICRO, SKOS.editorialNote))
    for phrase in (
        "Credential",
        "Alternative credential",
        "Short-term credential",
        "Short-term program",
        "Non-degree offering",
        "Skills and Competencies",
    ):
        assert phrase in notes, f"no editorial note explains how '{phrase}' was decided"


def test_every_seed_organisation_has_name_and_homepage(ontology):
    g = ontology.data
    names = {str(g.value(o, SCHEMA.name)): o for o in g.subjects(RDF.type, SCHEMA.Organization)}
    for name in (
        "Credential Engine",
        "Higher Education Quality Council of Ontario",
        "National Education Association",
        "OECD",
        "State University of New York",
        "UNESCO",
        "Western Governors University",
        "Wikipedia",
        "edX",
        "Udacity",
        "Coursera",
    ):
        assert name in names, name
        assert isinstance(g.value(names[name], SCHEMA.url), URIRef), name


def test_scheme_metadata(ontology):
    g = ontology.data
    for predicate in (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.creator,
        DCTERMS.publisher,
        DCTERMS.license,
        DCTERMS.created,
        DCTERMS.modified,
    ):
        assert g.value(GLOSSARY, predicate) is not None, predicate
    assert g.value(GLOSSARY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert list(g.objects(GLOSSARY, SKOS.hasTopConcept))
