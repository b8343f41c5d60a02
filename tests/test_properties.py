"""Property-based tests (hypothesis): random small, valid vocabularies always validate, export isomorphically and
build a site where every term has its page; random label text (any script, right-to-left, emoji, markup
characters) is escaped in HTML and round-trips through every RDF format.

Examples are derandomized and no database is kept, so CI sees the same cases on every run."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from conftest import make_project
from mcglossary.data.export import FORMATS, serialize
from mcglossary.data.load import load
from mcglossary.data.lookalikes import comparison_key
from mcglossary.data.namespaces import DEFINITION, GLOSSARY, MCG, ORGANISATION, REFERENCE
from mcglossary.data.validate import validate
from mcglossary.pipeline import build_project

TERM = "https://w3id.org/microcredential-glossary/term/"
TOPIC = URIRef("https://w3id.org/microcredential-glossary/topic/credential-types")
TAKEN = {"credential", "badge", "token"}  # labels of the base fixture's terms
MARKUP = list("<>&\"'{}[]|*`#_~\\")
SCRIPTS = ["مصطلح", "מונח", "微证书", "Ünïcödé", "🎓", "👩🏽‍🎓", "ﷺ", "  "]

# Letters, marks, numbers, punctuation, symbols and spaces of any script; no control, format or private characters.
CHARACTERS = st.characters(categories=["L", "M", "N", "P", "S", "Zs"])
LABEL_TEXT = st.lists(st.one_of(CHARACTERS, st.sampled_from(MARKUP), st.sampled_from(SCRIPTS)), min_size=1, max_size=12)
LABELS = LABEL_TEXT.map("".join).map(lambda text: " ".join(text.split())).filter(bool)
DEFINITIONS = st.text(alphabet=st.one_of(CHARACTERS, st.sampled_from(MARKUP)), min_size=20, max_size=120).filter(
    lambda text: len(text) >= 20 and text.strip() == text and "  " not in text
)
PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}  # by file extension
PROPERTY = settings(deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])


def normal(label: str) -> str:
    return comparison_key(label)  # as validation compares labels: two look-alikes would be one shared label


@st.composite
def vocabularies(draw, max_terms: int = 4) -> Graph:
    """The base fixture's terms plus 1..max_terms new ones, each under an earlier term (a tree, links both ways)."""
    count = draw(st.integers(1, max_terms))
    labels = draw(
        st.lists(LABELS, min_size=count, max_size=count, unique_by=normal).filter(
            lambda found: not {normal(label) for label in found} & TAKEN
        )
    )
    slugs = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    graph = Graph()
    parents = [URIRef(TERM + "credential"), URIRef(TERM + "badge")]
    for label, slug in zip(labels, slugs, strict=True):
        term = URIRef(f"{TERM}t-{slug}")
        parent = draw(st.sampled_from(parents))
        graph.add((term, RDF.type, SKOS.Concept))
        graph.add((term, RDF.type, MCG.Term))
        graph.add((term, SKOS.prefLabel, Literal(label, lang="en")))
        graph.add((term, SKOS.definition, Literal(draw(DEFINITIONS), lang="en")))
        graph.add((term, SKOS.inScheme, GLOSSARY))
        graph.add((term, DCTERMS.subject, TOPIC))
        graph.add((term, DCTERMS.modified, Literal("2026-11-28", datatype=XSD.date)))
        graph.add((term, SKOS.broader, parent))
        graph.add((parent, SKOS.narrower, term))
        quoted = URIRef(f"{DEFINITION}t-{slug}--tester")  # every term is quoted from a source, hostile text too
        graph.add((term, MCG.sourceDefinition, quoted))
        graph.add((quoted, RDF.type, MCG.SourceDefinition))
        graph.add((quoted, RDF.value, Literal(draw(DEFINITIONS), lang="en")))
        graph.add((quoted, PROV.wasAttributedTo, ORGANISATION["tester"]))
        graph.add((quoted, DCTERMS.source, REFERENCE["tester-handbook"]))
        graph.add((quoted, DCTERMS.issued, Literal("2020", datatype=XSD.gYear)))
        parents.append(term)
    return graph


def write_project(graph: Graph, folder: Path) -> Path:
    """A fresh project (base fixture, real shapes, the site config) with `graph` as ontology/generated.ttl."""
    project = make_project(folder)
    (project / "ontology" / "generated.ttl").write_bytes(serialize(graph, FORMATS[0]))
    return project


def whole(project: Path) -> Graph:
    return load(project / "ontology").data


class _Heading(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = self._inside or tag == "h1"
        if tag == "h1":
            self.h1.append("")

    def handle_endtag(self, tag):
        self._inside = self._inside and tag != "h1"

    def handle_data(self, data):
        if self._inside:
            self.h1[-1] += data


@settings(PROPERTY, max_examples=30)
@given(vocabularies())
def test_random_valid_vocabularies_validate_and_export_isomorphically(tmp_path_factory, graph):
    project = write_project(graph, tmp_path_factory.mktemp("vocabulary"))
    ontology = load(project / "ontology")
    report = validate(ontology)
    assert report.findings == [], report.text()
    for fmt in FORMATS:
        back = Graph().parse(data=serialize(ontology.data, fmt), format=PARSERS[fmt.extension])
        assert isomorphic(back, ontology.data), fmt.extension


@settings(PROPERTY, max_examples=60)
@given(LABELS)
def test_any_label_round_trips_through_every_rdf_format(label):
    term = URIRef(TERM + "x")
    graph = Graph()
    graph.add((term, SKOS.prefLabel, Literal(label, lang="en")))
    for fmt in FORMATS:
        back = Graph().parse(data=serialize(graph, fmt), format=PARSERS[fmt.extension])
        assert set(back.objects(term, SKOS.prefLabel)) == {Literal(label, lang="en")}, fmt.extension


@settings(PROPERTY, max_examples=5, phases=[Phase.explicit, Phase.generate])  # no slow shrinking of builds
@given(vocabularies(max_terms=3))
def test_random_vocabularies_build_a_page_per_term_with_escaped_labels(tmp_path_factory, graph):
    project = write_project(graph, tmp_path_factory.mktemp("project"))
    site, dist = build_project(project / "mkdocs.yml", project / "ontology", project / "site", project / "dist")
    data = whole(project)
    back = Graph().parse(dist / "microcredential-glossary.nt", format="nt")
    assert isomorphic(back, data)
    for term in data.subjects(RDF.type, MCG.Term):
        page = site / "term" / str(term).removeprefix(TERM) / "index.html"
        text = page.read_text(encoding="utf-8")
        label = str(data.value(term, SKOS.prefLabel))
        heading = _Heading()
        heading.feed(text)
        assert heading.h1 == [label]  # the label, exactly, as the browser reads it
        (raw,) = re.findall(r'<h1 class="mcg-title">(.*?)</h1>', text, re.S)
        assert "<" not in raw and ">" not in raw and html.unescape(raw) == label  # escaped, and nothing lost
        described = Graph().parse(page.parent / "index.ttl", format="turtle")
        assert set(described.triples((term, None, None))) == set(data.triples((term, None, None)))


def test_the_strategy_reaches_the_hard_characters():
    """The label strategy does produce markup, right-to-left text and emoji (else the properties prove little)."""
    seen = {"markup": False, "rtl": False, "emoji": False}

    @settings(PROPERTY, max_examples=300)
    @given(LABELS)
    def collect(label):
        seen["markup"] |= bool(set(label) & set("<>&\"'"))
        seen["rtl"] |= any("\u0590" <= c <= "\u08ff" for c in label)
        seen["emoji"] |= any(ord(c) >= 0x1F300 for c in label)

    collect()
    assert seen == {"markup": True, "rtl": True, "emoji": True}
