"""The Quality page: what every build checks, and the validation report of the build that made the site."""

from __future__ import annotations

from rdflib.namespace import RDF, SH

from mcglossary.site.features import Extension, SiteContext
from mcglossary.site.pages import SitePage

PATH = "quality/"

# What stops a build (`mcg build`, `mkdocs build`): a violation of any of these fails it, and the previous site stays.
BUILD_CHECKS = [
    (
        "Turtle",
        "Every .ttl file under ontology/ parses: UTF-8, valid syntax, declared prefixes, well-formed IRIs and "
        "BCP 47 language tags. A parse error names its file, line and column.",
    ),
    (
        "SHACL shapes",
        "ontology/shapes.ttl, run with pyshacl: labels, definitions, dates, topics, links to resources of "
        "the right kind, mappings only to verified vocabulary namespaces, a replacement (or the reason there is none) "
        "for every retired term, a quoted definition for every term in use (a warning).",
    ),
    (
        "Hierarchy",
        "No cycle in skos:broader; every term reachable from a top concept; broader/narrower and related "
        "written both ways (a one-way link is a warning).",
    ),
    (
        "Labels",
        "No label, preferred or alternative, names two terms, compared as a reader sees them (Unicode NFKC, case "
        "folded, dashes and spaces alike, invisible characters left out); an alternative label never repeats the "
        "preferred one; no label holds an invisible character (zero-width space or joiner, soft hyphen, BOM, "
        "bidi control).",
    ),
    (
        "Links",
        "Every link to a glossary resource (broader, related, topic, source definition, example, organisation, "
        "reference, replacement) lands on a resource the glossary defines.",
    ),
    (
        "Consistency",
        "Two files never give different values for a single-valued property (label, definition, date, "
        "quotation); typed literals are valid for their type (e.g. real xsd:date days); dates of creation and "
        "change lie between 1970-01-01 and 2106-02-07; no literal over 100,000 characters.",
    ),
    (
        "SPARQL examples",
        "Every query file in ontology/queries/ parses, and the site shows the result the build computed.",
    ),
    (
        "Site",
        "mkdocs builds in strict mode; the site and the downloads are built into one staging folder and swapped "
        "in as a pair only when every stage has succeeded; two builds of the same data give the same bytes.",
    ),
]

# What the test suite (CI, scripts/test.sh) adds on every change.
TEST_CHECKS = [
    ("Canonical Turtle", "Every ontology file is in the one canonical serialisation, so reviews show real changes."),
    ("Fault suite", "Each kind of bad input has a fixture, and each must give one clear finding and no traceback."),
    ("Links", "Every internal link and #anchor of the built site resolves (mcg linkcheck); external links are listed."),
    (
        "Accessibility",
        "axe-core finds no serious or critical violation on the main pages, in light and dark schemes; "
        "the A–Z index and the map work by keyboard alone.",
    ),
    (
        "Property-based tests",
        "Random small vocabularies, with Unicode, right-to-left and markup in their labels, "
        "validate, build, escape in HTML and round-trip through every RDF format.",
    ),
]


def quality_feature(context: SiteContext) -> Extension:
    report = context.report
    ontology = context.ontology
    shapes = ontology.shapes
    counts = {
        "files": len(ontology.files),
        "triples": len(ontology.data),
        "terms": len(context.glossary.terms),
        "shapes": len(set(shapes.subjects(RDF.type, SH.NodeShape))),
        "constraints": len(set(shapes.objects(None, SH.property))),
    }
    page = SitePage(
        PATH,
        "Quality",
        "quality.html",
        {
            "build_checks": BUILD_CHECKS,
            "test_checks": TEST_CHECKS,
            "report": report,
            "warnings": [f for f in report.findings if f not in report.violations],
            "counts": counts,
        },
        "What every build of the glossary checks, and the validation report of this build.",
    )
    return Extension(pages=[page])
