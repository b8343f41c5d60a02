"""The glossary's own static search index (site/search_index.py) and its engine (assets/glossary-search.js): what it
holds, that it is split and sized to scale, that it is deterministic, and that the worker splits words exactly as
the index does. Ranking and display are checked in Chromium by test_browser.py."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from conftest import ROOT, SEED_ALTERNATIVE_TERMS, make_synthetic
from mcglossary.pipeline import SiteBuild, load_checked
from mcglossary.site.search_index import BLOCK, FOLDER, STOP_WORDS, index_files, key, words
from sitekit import CHROMIUM, CHROMIUM_ARGS


def site_pages(ontology_dir: Path) -> list:
    return SiteBuild(load_checked(ontology_dir), ontology_dir.parent).pages


def read_index(files: dict[str, bytes]) -> tuple[list, dict]:
    documents = [doc for path in sorted(files) if "/docs-" in path for doc in json.loads(files[path])]
    postings = {w: p for path in files if "/words-" in path for w, p in json.loads(files[path]).items()}
    return documents, postings


def lookup(files: dict[str, bytes], query: str) -> list[str]:
    """The locations whose labels (title or alternative terms) or text hold every word of `query`."""
    documents, postings = read_index(files)
    found = None
    for word in words(query):
        numbers = {number for number, _where in postings.get(word, [])}
        found = numbers if found is None else found & numbers
    return sorted(documents[number][0] for number in found or ())


@pytest.fixture(scope="module")
def real_index(tmp_path_factory) -> dict[str, bytes]:
    return dict(index_files(site_pages(ROOT / "ontology")))


@pytest.mark.parametrize(("query", "expected"), [*SEED_ALTERNATIVE_TERMS, ("microcredential", "term/microcredential/")])
def test_every_seed_alternative_term_reaches_its_term(real_index, query, expected):
    assert expected in lookup(real_index, query)


def test_the_index_holds_every_searchable_page_once_and_no_other(real_index):
    pages = site_pages(ROOT / "ontology")
    documents, _postings = read_index(real_index)
    locations = [doc[0] for doc in documents]
    assert sorted(locations) == sorted(page.path for page in pages if page.searchable)
    assert len(set(locations)) == len(locations)
    assert not [loc for loc in locations if loc.startswith("definition/") or loc.endswith("/compare/")]
    manifest = json.loads(real_index[f"{FOLDER}manifest.json"])
    assert {k: v for k, v in manifest.items() if k != "boosts"} == {
        "format": 2,
        "documents": len(documents),
        "block": BLOCK,
    }
    # documents are numbered highest boost first, and the manifest's runs give each one's boost
    runs = manifest["boosts"]
    assert runs[0][0] == 0 and [boost for _first, boost in runs] == sorted({doc[4] for doc in documents}, reverse=True)
    for number, doc in enumerate(documents):
        assert doc[4] == next(boost for first, boost in reversed(runs) if number >= first)


def test_each_result_says_what_it_is(real_index):
    documents, _postings = read_index(real_index)
    kinds = {doc[0]: doc[5] for doc in documents}
    assert kinds["term/microcredential/"] == "Term"
    assert kinds["organisation/heqco/"] == "Organisation"
    assert kinds["initiative/bologna-process/"] == "Initiative"
    assert kinds["example/nanodegree/"] == "Example"
    assert kinds["sparql/broader-chains/"] == "SPARQL example"
    assert kinds[""] == "Page"


def test_each_word_sits_in_the_file_its_first_two_characters_name(real_index):
    for path, data in real_index.items():
        if "/words-" in path:
            name = path.rsplit("words-", 1)[1].removesuffix(".json")
            assert all(key(word) == name for word in json.loads(data)), path


def test_words_fold_case_accents_and_hyphens():
    assert words("Micro-Credential") == ["micro", "credential", "microcredential"]
    assert words("Qualité ÉCTS, level 6") == ["qualite", "ects", "level", "6"]
    assert words("<script>alert(1)</script>") == ["script", "alert", "1", "script"]


def test_the_index_is_the_same_bytes_every_time():
    first = list(index_files(site_pages(ROOT / "ontology")))
    second = list(index_files(site_pages(ROOT / "ontology")))
    assert first == second


@pytest.fixture(scope="module")
def synthetic_pages(tmp_path_factory) -> list:
    return site_pages(make_synthetic(tmp_path_factory.mktemp("synthetic"), 600))


def test_the_index_stays_small_and_split_as_the_glossary_grows(synthetic_pages):
    files = dict(index_files(synthetic_pages))
    terms = sum(1 for page in synthetic_pages if page.path.startswith("term/") and page.template == "term.html")
    assert terms == 600
    assert sum(len(data) for data in files.values()) / terms < 1.5 * 1024  # issue #8: at most 1.5 KB a term
    # a query reads the manifest, a words file a word and a few blocks of BLOCK documents: no file holds a
    # large part of the index (common words of running text are not indexed)
    words_files = {path: data for path, data in files.items() if "/words-" in path}
    assert len(words_files) > 100
    assert max(len(data) for data in words_files.values()) < sum(len(d) for d in words_files.values()) / 10
    assert all(len(json.loads(data)) <= BLOCK for path, data in files.items() if "/docs-" in path)


def test_the_worker_splits_words_as_the_index_does():
    from playwright.sync_api import sync_playwright

    worker = resources.files("mcglossary.site").joinpath("assets", "glossary-search.js").read_text(encoding="utf-8")
    samples = [
        "Micro-Credential",
        "Qualité ÉCTS, level 6",
        "non‑degree – offering",
        "Straße",
        "ÆSIR x²",
        "日本語 テスト",
    ]
    samples += ["हिन्दी शब्द", "Ελληνικά", "İstanbul"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.add_script_tag(content=worker)
            split = page.evaluate("(samples) => samples.map((s) => [words(s), words(s).map(key)])", samples)
            stop_words = page.evaluate("Array.from(STOP_WORDS).sort()")
        finally:
            browser.close()
    assert split == [[words(s), [key(w) for w in words(s)]] for s in samples]
    assert stop_words == sorted(STOP_WORDS)
