"""The Quality page: what every build checks, and this build's validation report (warnings listed, escaped)."""

from __future__ import annotations

from conftest import make_ontology
from mcglossary.data.load import load
from mcglossary.data.validate import validate
from mcglossary.site.features import SiteContext
from mcglossary.site.model import build
from mcglossary.site.pages import SiteBuilder
from mcglossary.site.quality_page import quality_feature


def test_quality_page_is_in_the_site_and_its_nav(built_site):
    text = (built_site / "quality" / "index.html").read_text(encoding="utf-8")
    assert "Checked on every build" in text and "Validation report of this build" in text
    assert "The ontology conforms: no violations, no warnings." in text
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="quality/"' in home


def test_quality_page_lists_warnings_of_the_report(tmp_path):
    # a related link written one way only is a warning: the build goes on, and the page shows it
    folder = make_ontology(tmp_path)
    (folder / "one-way.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/microcredential-glossary/term/badge> skos:related "
        "<https://w3id.org/microcredential-glossary/term/credential> .\n",
        encoding="utf-8",
    )
    ontology = load(folder)
    report = validate(ontology)
    assert report.conforms and [f.rule for f in report.findings] == ["one-way-link"]
    glossary = build(ontology.data, ontology.shapes)
    (page,) = quality_feature(SiteContext(ontology, glossary, report, tmp_path)).pages
    html = SiteBuilder(glossary, ontology.data, "", "").render(page)
    assert "0 violation(s), 1 warning(s)." in html
    assert "<code>one-way-link</code>" in html and "<code>ontology/one-way.ttl:2</code>" in html
