"""The glossary's own search index: static, split in small files the browser fetches as a query needs them.

Material's search loads one index of every page and builds it in the browser before the first result (15 s at
10,000 terms); its build-time plugin also parses every page's HTML. This index is built from the page list
itself, and split so that a query fetches only what it needs (assets/glossary-search.js, the engine, reads it;
assets/material-search.js is the glue to the theme's search box):

- `search/glossary/manifest.json`: the format version, the number of documents, the block size and the
  documents' boosts (documents are numbered highest boost first: [first number, boost] per run);
- `search/glossary/docs-<n>.json`: documents n*BLOCK.. as [location, title, text, labels, boost, kind], where kind
  is what the results show before the title ("Term", "Organisation", "SPARQL example", ...);
- `search/glossary/words-<key>.json`: for each word, the documents it occurs in as [id, where] pairs, where is 1
  (a label: the page's title or an alternative term), 2 (its text) or 3 (both); `key` is the word's first two
  characters (hex-coded), so typing "micro" fetches one small file.

Material's own index keeps the hand-written pages (docs/), which the same worker reads at start-up.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator

from mcglossary.site.pages import SitePage

FOLDER = "search/glossary/"
ENGINE = "glossary-search.js"  # site/assets/ file that reads the index in the browser
WORKER = "material-search.js"  # site/assets/ file the theme starts as its search worker; it loads ENGINE
FORMAT = 2
BLOCK = 256  # documents per file: a result page needs a few of them
TEXT_CHARACTERS = 180  # of a page's description, shown under its title in the results
_WORD = re.compile(r"[^\W_]+")
_HYPHEN = re.compile("[-\u2010\u2011\u2013]")  # hyphen-minus, hyphen, non-breaking hyphen, en dash
_COMPOUND = re.compile("[^\\W_]+(?:[-\u2010\u2011\u2013][^\\W_]+)+")
LABEL, TEXT = 1, 2
# what a result is, by the first folder of its page's path (resource kinds: data/namespaces.py RESOURCE_KINDS)
KIND_LABELS = {
    "term": "Term",
    "topic": "Topic",
    "organisation": "Organisation",
    "initiative": "Initiative",
    "example": "Example",
    "reference": "Reference",
    "definition": "Definition",
    "collection": "Collection",
    "def": "Ontology",
    "shape": "Shape",
    "sparql": "SPARQL example",
    "query": "SPARQL query",
}
# words too common in running text to find anything by; still found in labels (the worker has the same list)
STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of", "on"}
    | {"or", "that", "the", "this", "to", "which", "with"}
)


def words(text: str) -> list[str]:
    """The searchable words of `text`: lower case (as JavaScript's toLowerCase), accents removed, and hyphenated
    words also as one ("micro-credential" gives micro, credential and microcredential). The worker splits queries
    the same way."""
    plain = text.lower()
    if not plain.isascii():  # (ASCII has no accents: most text skips the character-by-character pass)
        plain = "".join(c for c in unicodedata.normalize("NFKD", plain) if unicodedata.category(c)[0] != "M")
    found = _WORD.findall(plain)
    for compound in _COMPOUND.findall(plain):
        found.append(_HYPHEN.sub("", compound))
    return found


def key(word: str) -> str:
    """Which words file holds `word`: its first two characters, hex-coded (any script makes a safe file name)."""
    return word[:2].encode("utf-8").hex()


def index_files(pages: list[SitePage]) -> Iterator[tuple[str, bytes]]:
    """(site path, bytes) of every file of the index, deterministic for the same pages."""
    # highest boost first, so the worker knows a document's boost from its number (the manifest's ranges) and can
    # rank before it fetches any document
    documents = sorted(
        (page for page in pages if page.searchable), key=lambda page: (-(page.search_boost or 1), page.path)
    )
    postings: dict[str, dict[int, int]] = {}
    for number, page in enumerate(documents):
        for where, texts in ((LABEL, [page.title, *page.search_tags]), (TEXT, [page.description, *page.search_text])):
            for text in texts:
                for word in words(text):
                    if where == TEXT and word in STOP_WORDS:
                        continue
                    found = postings.setdefault(word, {})
                    found[number] = found.get(number, 0) | where
    boosts: list[list] = []  # [first document number, boost] for each run of documents with the same boost
    for number, page in enumerate(documents):
        if not boosts or boosts[-1][1] != (page.search_boost or 1):
            boosts.append([number, page.search_boost or 1])
    manifest = {"format": FORMAT, "documents": len(documents), "block": BLOCK, "boosts": boosts}
    yield f"{FOLDER}manifest.json", _json(manifest)
    for start in range(0, len(documents), BLOCK):
        block = [_document(page) for page in documents[start : start + BLOCK]]
        yield f"{FOLDER}docs-{start // BLOCK}.json", _json(block)
    by_key: dict[str, dict[str, list[list[int]]]] = {}
    for word, found in postings.items():
        by_key.setdefault(key(word), {})[word] = [[number, where] for number, where in sorted(found.items())]
    for name, entries in sorted(by_key.items()):
        yield f"{FOLDER}words-{name}.json", _json(dict(sorted(entries.items())))


def _document(page: SitePage) -> list:
    text = page.description
    if len(text) > TEXT_CHARACTERS:
        text = text[:TEXT_CHARACTERS].rsplit(" ", 1)[0] + " …"
    labels = [tag for tag in page.search_tags if tag != page.title]
    return [page.path, page.title, text, labels, page.search_boost or 1, kind(page.path)]


def kind(path: str) -> str:
    """What the page at `path` is, in a word or two, for the results."""
    return KIND_LABELS.get(path.split("/", 1)[0], "Page")


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
