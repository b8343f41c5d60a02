"""Validation: the real data is clean; each fault fixture fails with its rule named."""

from __future__ import annotations

import os

import pytest

from conftest import FIXTURES, make_ontology
from mcglossary.data.load import load
from mcglossary.data.validate import validate

FAULTS = FIXTURES / "faults"


def test_real_data_has_no_violation_and_no_warning(ontology):
    report = validate(ontology)
    assert report.findings == [], report.text()


def test_base_fixture_is_clean(tmp_path):
    report = validate(load(make_ontology(tmp_path)))
    assert report.findings == [], report.text()


@pytest.mark.parametrize(
    ("fixture", "rule", "focus", "fragment"),
    [
        ("broader-cycle.ttl", "broader-cycle", "term/alpha", "Alpha → Beta → Alpha"),
        ("shared-label.ttl", "shared-label", "term/token", 'the label "token" is also used by Badge'),
        ("dangling-related.ttl", "dangling-link", "term/badge", "skos:related points at"),
        ("dangling-broader.ttl", "dangling-link", "term/orphan-child", "term/missing-parent>, which is not defined"),
        ("unreachable-term.ttl", "unreachable-term", "term/island", "cannot be reached from any top concept"),
        ("alt-equals-pref.ttl", "alt-equals-pref", "term/badge", '"BADGE" repeats the preferred label'),
        (
            "source-without-organisation.ttl",
            "SourceDefinitionShape.organisation",
            "definition/badge--nobody",
            "needs exactly one prov:wasAttributedTo",
        ),
        ("missing-preflabel.ttl", "TermShape.preferred label", "term/nameless", "exactly one skos:prefLabel"),
        ("missing-definition.ttl", "TermShape.definition", "term/undefined", "exactly one skos:definition"),
        ("literal-for-iri.ttl", "TermShape.broader term", "term/stringy", "must point at a glossary term"),
        ("javascript-url.ttl", "OrganisationShape.homepage", "organisation/trickster", "one http(s) IRI"),
        ("javascript-url.ttl", "ExampleShape.website", "example/trick", "one http(s) IRI"),
    ],
)
def test_fault_is_found_with_its_rule(tmp_path, fixture, rule, focus, fragment):
    report = validate(load(make_ontology(tmp_path, FAULTS / fixture)))
    matching = [f for f in report.violations if f.rule == rule and f.focus and f.focus.endswith(focus)]
    assert matching, report.text()
    assert any(fragment in f.message for f in matching), report.text()
    assert not report.conforms


def test_finding_names_file_line_and_label(tmp_path):
    report = validate(load(make_ontology(tmp_path, FAULTS / "unreachable-term.ttl")))
    (finding,) = [f for f in report.findings if f.rule == "unreachable-term"]
    lines = (FAULTS / "unreachable-term.ttl").read_text().splitlines()
    assert finding.file == "ontology/unreachable-term.ttl"
    assert finding.line == lines.index("term:island a skos:Concept, mcg:Term ;") + 1
    assert finding.label == "Island"
    assert finding.format_line().startswith(
        f"ontology/unreachable-term.ttl:{finding.line}: violation [unreachable-term] Island <"
    )


def test_one_finding_per_cycle(tmp_path):
    report = validate(load(make_ontology(tmp_path, FAULTS / "broader-cycle.ttl")))
    assert len([f for f in report.findings if f.rule == "broader-cycle"]) == 1


def test_line_numbers_follow_an_edited_file(tmp_path):
    folder = make_ontology(tmp_path, FAULTS / "unreachable-term.ttl")
    first = next(f for f in validate(load(folder)).findings if f.rule == "unreachable-term")
    path = folder / "unreachable-term.ttl"
    path.write_text("# a comment\n# another\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    again = next(f for f in validate(load(folder)).findings if f.rule == "unreachable-term")
    assert again.line == first.line + 2


def test_a_term_without_a_quotation_is_warned_about_unless_it_is_retired(tmp_path):
    """Every term in use carries a quoted definition; a retired one needs none, and a history note saying why it
    was retired stands in for a replacement."""
    report = validate(load(make_ontology(tmp_path, FAULTS / "unquoted-and-retired-terms.ttl")))
    assert [(f.rule, f.severity, f.focus.rsplit("/", 1)[-1]) for f in report.findings] == [
        ("QuotedTermShape", "warning", "unquoted")
    ], report.text()
    assert "needs at least one mcg:sourceDefinition" in report.findings[0].message
