"""The glossary's content as researchers rely on it: every term quoted from a published source (organisation, date,
title, a link where the words can be read), most terms from two or more organisations, the field's core terms,
and the site listing every source it quotes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from conftest import ROOT
from mcglossary.data.namespaces import MCG, SCHEMA
from mcglossary.site.figures import figures
from mcglossary.site.model import build

CORE_TERMS = [  # issue: the core of the field that must be covered
    "qualification", "accreditation", "apprenticeship", "european-qualifications-framework", "europass", "issuer",
    "learner", "holder", "evidence", "transcript", "formal-learning", "non-formal-learning", "informal-learning",
    "mooc", "bootcamp", "industry-certification", "non-credit-learning", "credit-bearing-learning",
    "micro-credential-framework", "portability", "interoperability", "learner-record",
]  # fmt: skip
# CTDL's credential types that belong to the field, by our slug
CTDL_TYPES = [
    "credential", "microcredential", "badge", "digital-badge", "open-badge", "certificate", "certificate-of-completion",
    "certificate-of-participation", "certification", "degree", "associate-degree", "bachelor-degree", "master-degree",
    "doctoral-degree", "professional-doctorate", "research-doctorate", "diploma", "secondary-school-diploma",
    "general-education-development", "apprenticeship-certificate", "journeyman-certificate", "master-certificate",
    "licence", "quality-assurance-credential", "academic-certificate", "professional-certificate",
]  # fmt: skip


RETIRED = {  # terms retired because no dated public text defining them could be found (issue 13)
    "micro-credential-element",
    "stand-alone-micro-credential",
    "type-of-quality-assurance",
}
SEVERAL_ORGANISATIONS_AT_LEAST = 107  # the target is 100 (issue 13)


@pytest.fixture(scope="module")
def glossary(ontology):
    return build(ontology.data, ontology.shapes)


def dated(definition) -> str:
    """The definition's own year or date, else the date of the document it is quoted from."""
    source = definition.publication
    return definition.year or (source.year or source.modified if source else "")


def sourced(term) -> list:
    """The term's quotations that carry everything a reader needs to check them."""
    return [
        d
        for d in term.source_definitions
        if d.quote
        and d.organisation.label
        and dated(d)
        and d.publication
        and d.publication.title
        and re.match(r"https?://", d.publication.url)
    ]


def test_every_term_in_use_has_a_sourced_quotation(glossary):
    unsourced = {term.slug for term in glossary.terms if not term.deprecated and not sourced(term)}
    assert unsourced == set()


def test_terms_without_a_quotation_are_retired_with_the_reason(glossary):
    """A term is retired, not deleted, once published (its IRI keeps resolving); the list must equal the data."""
    retired = {term.slug for term in glossary.terms if term.deprecated}
    assert retired == RETIRED
    for slug in RETIRED:
        term = glossary.term(slug)
        assert term.replaced_by or term.history_notes, slug
        linked = {ref.iri for other in glossary.terms for ref in other.broader + other.narrower + other.related}
        assert term.ref.iri not in linked, f"{slug} is retired: no term should link to it"  # they lead to live terms


def test_no_term_page_shows_the_no_definition_placeholder(built_site: Path, glossary):
    for term in glossary.terms:
        html = (built_site / term.ref.path / "index.html").read_text(encoding="utf-8")
        assert "No organisation’s definition has been recorded yet" not in html, term.slug
        assert ("This term is retired" in html) == term.deprecated, term.slug
        if term.deprecated:
            assert all(note.replace("'", "&#39;") in html for note in term.history_notes), term.slug


def test_every_quotation_has_its_source_and_a_date(ontology):
    data = ontology.data
    for definition in data.subjects(RDF.type, MCG.SourceDefinition):
        source = data.value(definition, DCTERMS.source)
        assert source is not None, definition
        assert data.value(definition, PROV.wasAttributedTo) is not None, definition
        assert str(data.value(source, SCHEMA.url) or "").startswith(("http://", "https://")), source
        when = data.value(definition, DCTERMS.issued) or data.value(source, DCTERMS.issued)
        when = when or data.value(source, DCTERMS.modified)
        assert isinstance(when, Literal), f"{definition}: no year or date, on it or on its source"


def test_terms_quoted_from_two_or_more_organisations(glossary):
    """The issue's target is 100; this is where the data stands, and it may only rise."""
    assert figures(glossary).several_organisations >= SEVERAL_ORGANISATIONS_AT_LEAST


def test_breadth_of_the_glossary(glossary):
    numbers = figures(glossary)
    assert numbers.terms >= 150
    assert numbers.organisations >= 50
    assert numbers.initiatives >= 40
    assert numbers.topics >= 12
    slugs = {term.slug for term in glossary.terms}
    assert set(CORE_TERMS) - slugs == set()
    assert set(CTDL_TYPES) - slugs == set()


def test_organisations_and_initiatives_have_homepages_and_descriptions(glossary):
    for org in glossary.organisations:
        assert org.url.startswith(("http://", "https://")) and len(org.description) > 40, org.ref.iri
    for initiative in glossary.initiatives:
        assert initiative.url.startswith(("http://", "https://")) and len(initiative.description) > 40, initiative.ref


def test_vocabulary_quotations_name_the_term_they_quote(ontology):
    """Where a quotation is a vocabulary's definition of one of its terms, that term's IRI is recorded."""
    data = ontology.data
    quoted = [o for o in data.objects(None, PROV.wasQuotedFrom)]
    assert len(quoted) >= 40
    assert all(isinstance(o, URIRef) and str(o).startswith(("http://", "https://")) for o in quoted)


def test_the_seed_page_is_credited_as_the_intermediary(glossary):
    microcredential = glossary.term("microcredential")
    seed = [d for d in microcredential.source_definitions if d.via]
    assert len(seed) == 9
    assert {d.via.url for d in seed} == {"https://learnworkecosystemlibrary.com/topics/microcredential/"}
    assert all(d.note for d in seed)  # each says how it was taken and what was found of the original
    wikipedia = next(d for d in seed if d.organisation.label == "Wikipedia")
    assert "differs" in wikipedia.note


def test_every_source_is_listed_on_the_sources_page(built_site: Path, glossary):
    page = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    for definition in glossary.definitions:
        for source in (definition.publication, definition.via, definition.original):
            if source:
                assert f'href="{source.url}"'.replace("&", "&amp;") in page, source.url
                assert source.ref.path in page


def test_pages_show_no_modelling_notes(built_site: Path, glossary):
    """Editorial notes stay in the data; what pages show is plain language."""
    pattern = re.compile(r"\b(?:term|skos|mcg|topic|definition):[a-z]|\.ttl\b")
    for term in glossary.terms:
        shown = [term.definition, term.ecosystem, *term.scope_notes, *term.history_notes]
        shown += [d.note for d in term.source_definitions]
        for text in shown:
            assert not pattern.search(text or ""), (term.slug, text)


def test_one_spelling_in_our_own_prose(glossary):
    """Our own words write 'microcredential'; quotations and the titles of others' documents keep theirs."""
    titles = [r.title for r in glossary.references] + [i.name for i in glossary.initiatives]
    titles += ["European approach to micro-credentials", "Recommendation on micro-credentials"]

    def ours(text: str) -> str:
        for title in titles:
            text = re.sub(re.escape(title), "", text, flags=re.I)
        return text

    for term in glossary.terms:
        for text in (term.label, term.definition, term.ecosystem, *term.scope_notes):
            assert not re.search(r"micro-credential", ours(text or ""), re.I), (term.slug, text)
    for org in glossary.organisations:
        assert not re.search(r"micro-credential", ours(org.description), re.I), org.name


def test_readme_and_about_show_the_current_figures(built_site: Path, glossary):
    numbers = figures(glossary)
    about = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for label, count in numbers.rows():
        row = re.escape(f"<td>{label}</td>") + r"\s*<td[^>]*>" + re.escape(f"{count:,}") + "</td>"
        assert re.search(row, about), label
        assert f"| {label} | {count:,} |" in readme, f"README figures are out of date: {label} {count:,}"


def test_the_home_page_counts_the_terms_in_use(built_site: Path, glossary):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    shown = re.search(r"<strong>([\d,]+)</strong> terms</a>", home)
    assert shown and shown.group(1) == f"{figures(glossary).terms:,}" == f"{len(glossary.live_terms):,}"
    assert len(glossary.live_terms) < len(glossary.terms)  # the retired ones are not counted


def test_search_results_say_a_term_is_retired(built_site: Path, glossary):
    documents = [
        document
        for block in sorted((built_site / "search" / "glossary").glob("docs-*.json"))
        for document in json.loads(block.read_text(encoding="utf-8"))
    ]
    for term in glossary.terms:
        (document,) = [d for d in documents if d[0] == term.ref.path]
        assert document[2].startswith("Retired. ") == term.deprecated, term.slug


def test_lists_of_quotations_name_the_term_and_the_organisation(built_site: Path, glossary):
    """A quotation has no name of its own: where pages list quotations (a source's page), each reads "Claim, as
    defined by 1EdTech", never its identifier."""
    listed = 0
    for reference in glossary.references:
        html = (built_site / reference.ref.path / "index.html").read_text(encoding="utf-8")
        for text in re.findall(r'class="mcg-link mcg-link--definition">([^<]*)</a>', html):
            assert ", as defined by " in text and "--" not in text, (reference.ref.path, text)
            listed += 1
    assert listed >= len(glossary.definitions)
