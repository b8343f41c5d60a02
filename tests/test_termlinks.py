"""Our prose links the glossary's terms where it mentions them: first mention only, never the page's own term,
whole words and plurals, every other character escaped."""

from __future__ import annotations

import pytest

from mcglossary.site.model import build
from mcglossary.site.term_links import TermLinker


@pytest.fixture(scope="module")
def linker_and_glossary(ontology):
    glossary = build(ontology.data, ontology.shapes)
    return TermLinker(glossary), glossary


def url(path: str) -> str:
    return "/" + path


def test_first_mention_of_another_term_is_linked(linker_and_glossary):
    linker, glossary = linker_and_glossary
    html = linker.link("A badge is a credential; a credential again.", glossary.term("microcredential"), url)
    assert html.count('href="/term/credential/"') == 1
    assert '<a class="mcg-termlink" href="/term/badge/">badge</a>' in html


def test_own_term_plurals_and_acronyms(linker_and_glossary):
    linker, glossary = linker_and_glossary
    html = linker.link("Microcredentials and MOOCs, unlike degrees.", glossary.term("microcredential"), url)
    assert "/term/microcredential/" not in html  # the page's own term is not linked to itself
    assert '<a class="mcg-termlink" href="/term/degree/">degrees</a>' in html
    assert 'href="/term/mooc/">MOOCs</a>' in html


def test_text_is_escaped_and_partial_words_are_left_alone(linker_and_glossary):
    linker, _ = linker_and_glossary
    html = linker.link('<script>alert("x")</script> & credentialing', None, url)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert "mcg-termlink" not in html  # "credentialing" is not "credential"
