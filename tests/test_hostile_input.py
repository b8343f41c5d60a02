"""Hostile input, generated (hypothesis): labels, literals and IRIs made of any character a UTF-8 file can hold
(controls, invisible and bidi characters, markup, template syntax, path tricks). Validation never crashes and says
each thing on one short line; the build never writes outside its folders; every page escapes what it shows.

Examples are derandomized and few (each build takes seconds), so CI sees the same cases on every run.
"""

from __future__ import annotations

import json
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import make_ontology, make_project
from mcglossary.data.load import load
from mcglossary.data.lookalikes import comparison_key
from mcglossary.data.output_folders import UnsafeOutput
from mcglossary.data.report import OntologyError, Report
from mcglossary.pipeline import BuildError, build_project, check

TERM = "https://w3id.org/microcredential-glossary/term/"
SNIPPETS = [
    "<x-hostile>",
    "<img src=x onerror=alert(1)>",
    "</script>",
    "<!--",
    "]]>",
    "{{ x }}",
    "{% raw %}",
    '"',
    "'",
    "\\",
    "&amp;",
    "`",
    "|",
    "*",
    "[x](javascript:alert(1))",
    "%2F",
    "../",
    "\U0001f393",
]
INVISIBLE = ["\u202e", "\ufeff", "\u200b", "\u00ad", "\x00", "\x1b", "\n", "\r", "\t", "\u2028", "\u2029"]
# Everything a UTF-8 file can hold (surrogates cannot be encoded).
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
HOSTILE_TEXT = st.lists(
    st.one_of(ANY_CHARACTER, st.sampled_from(SNIPPETS), st.sampled_from(INVISIBLE)), min_size=1, max_size=16
).map("".join)
# A visible character of any script (what a label may hold and still validate), or markup.
VISIBLE_CHARACTER = st.characters(categories=["L", "M", "N", "P", "S"])
SHOWN_TEXT = st.lists(st.one_of(VISIBLE_CHARACTER, st.sampled_from(SNIPPETS)), min_size=1, max_size=10).map(
    lambda parts: " ".join("".join(parts).split())
)
SEGMENTS = st.one_of(
    st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
    st.sampled_from(
        ["..", ".", "", "a/b", "a%2Fb", "a?b=1", "a#b", "a b", "Ünïcödé", "a\\b", "CON", "x" * 300, "index.html"]
    ),
    st.sampled_from(["../../../../tmp/hostile", "x/../../y", "~root", "a\u202eb", "a>b", "a\nb", "%00"]),
    st.text(min_size=1, max_size=12),
)
PROPERTY = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
BUILDS = settings(PROPERTY, phases=[Phase.explicit, Phase.generate])  # no slow shrinking of builds


def turtle_string(text: str) -> str:
    """`text` as a Turtle string literal: only what the grammar forbids is escaped; everything else goes in raw."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@en'


def term_file(segment: str, label: str, alternative: str, definition: str, note: str) -> str:
    """A term written as a contributor would: the IRI as typed (unescaped), the texts as quoted literals."""
    term = f"<{TERM}{segment}>"
    return f"""@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix mcg: <https://w3id.org/microcredential-glossary/def/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix term: <{TERM}> .
@prefix topic: <https://w3id.org/microcredential-glossary/topic/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

{term} a skos:Concept, mcg:Term ;
    skos:prefLabel {turtle_string(label)} ;
    skos:altLabel {turtle_string(alternative)} ;
    skos:definition {turtle_string(definition)} ;
    skos:scopeNote {turtle_string(note)} ;
    skos:inScheme <https://w3id.org/microcredential-glossary/> ;
    skos:broader term:credential ;
    dcterms:subject topic:credential-types ;
    dcterms:modified "2026-11-28"^^xsd:date .
term:credential skos:narrower {term} .
"""


def report_of(folder: Path) -> Report:
    try:
        return check(load(folder))
    except OntologyError as error:  # unreadable input: a report too, with exit code 2
        return error.report


def assert_one_short_line_each(report: Report) -> None:
    lines = report.text().splitlines()
    assert len(lines) == len(report.findings) + (1 if report.findings else 0)
    for line in lines:
        assert len(line) < 2_000, line[:200]
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in line), ascii(line)


@settings(PROPERTY, max_examples=40)
@given(
    segment=SEGMENTS,
    label=HOSTILE_TEXT,
    alternative=HOSTILE_TEXT,
    definition=HOSTILE_TEXT,
    note=HOSTILE_TEXT,
)
def test_validation_never_crashes_and_says_each_thing_on_one_short_line(
    tmp_path_factory, segment, label, alternative, definition, note
):
    folder = make_ontology(tmp_path_factory.mktemp("hostile"))
    (folder / "hostile.ttl").write_text(term_file(segment, label, alternative, definition, note), encoding="utf-8")
    assert_one_short_line_each(report_of(folder))


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@settings(BUILDS, max_examples=4)
@given(segment=SEGMENTS, label=SHOWN_TEXT)
def test_the_build_never_writes_outside_its_folders(tmp_path_factory, segment, label):
    root = tmp_path_factory.mktemp("outside")
    project = root / "project"
    project.mkdir()
    make_project(project)
    (project / "ontology" / "hostile.ttl").write_text(
        term_file(segment, f"Zz {label}", f"Zz alt {label}", f"Defined as {label} for a test.", label),
        encoding="utf-8",
    )
    before = files_under(root)
    try:
        build_project(project / "mkdocs.yml", project / "ontology", project / "site", project / "dist")
    except (OntologyError, UnsafeOutput, BuildError):
        assert files_under(root) == before  # refused: nothing written anywhere
        return
    written = files_under(root) - before
    assert written and all(path.split("/")[:2] in (["project", "site"], ["project", "dist"]) for path in written)


class _Page(HTMLParser):
    """What a browser would make of a page: its elements, attributes, <h1> text and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.h1 = ""
        self.json_ld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _value in attrs}
        if tag == "h1" or (tag == "script" and ("type", "application/ld+json") in attrs):
            self._in = tag
            if tag == "script":
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "h1":
            self.h1 += data
        elif self._in == "script":
            self.json_ld[-1] += data


@settings(BUILDS, max_examples=3)
@given(label=SHOWN_TEXT, definition=SHOWN_TEXT, note=SHOWN_TEXT)
def test_every_page_escapes_what_it_shows(tmp_path_factory, label, definition, note):
    # the snippets always there, whatever was drawn; "Zz" keeps the labels apart from the base glossary's
    label = f"Zz <x-hostile> </script> {label}"
    alternative = f"Zz alt <img src=x onerror=alert(1)> {{{{ x }}}} {label[3:]}"
    if comparison_key(alternative) == comparison_key(label):
        alternative += " again"
    definition = f"Defined as <x-hostile> ]]> {{% raw %}} {definition} </script>"
    project = make_project(tmp_path_factory.mktemp("escaping"))
    (project / "ontology" / "hostile.ttl").write_text(
        term_file("hostile", label, alternative, definition, f"<!-- {note}"), encoding="utf-8"
    )
    site, _dist = build_project(project / "mkdocs.yml", project / "ontology", project / "site", project / "dist")
    pages = [site / "term" / "hostile" / "index.html", site / "terms" / "index.html", site / "index.html"]
    for path in pages:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        assert "x-hostile" not in page.tags, path  # the data never becomes an element ...
        assert "onerror" not in page.attributes, path  # ... nor an attribute
        for block in page.json_ld:
            json.loads(block)  # every JSON-LD block still parses: </script> in the data did not end it
    term_page = _Page()
    term_page.feed((site / "term" / "hostile" / "index.html").read_text(encoding="utf-8"))
    assert term_page.h1 == label  # shown exactly, as text
    assert any(label in strings(json.loads(block)) for block in term_page.json_ld)


def strings(value: object) -> set[str]:
    """Every string in a parsed JSON value."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings(item) for item in value.values()), set())
    if isinstance(value, list):
        return set().union(*(strings(item) for item in value), set())
    return set()
