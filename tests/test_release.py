"""Releases: stamping the version, the snapshot the loader skips, and the changelog computed between releases."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, XSD

from conftest import FIXTURES, make_ontology, make_project
from mcglossary.cli import main
from mcglossary.data.canonical_turtle import unformatted
from mcglossary.data.load import load
from mcglossary.data.namespaces import BASE, GLOSSARY
from mcglossary.data.ontology_files import SNAPSHOT
from mcglossary.data.report import OntologyError
from mcglossary.data.validate import validate
from mcglossary.publish.changelog import history, releases
from mcglossary.publish.release import release
from sitekit import build_site

TERM = BASE + "term/"
OLD_DEFINITION = "A documented award attesting to what a person has learned."
NEW_TERM = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix mcg: <https://w3id.org/microcredential-glossary/def/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix term: <https://w3id.org/microcredential-glossary/term/> .
@prefix topic: <https://w3id.org/microcredential-glossary/topic/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

term:digital-badge a skos:Concept, mcg:Term ;
    skos:prefLabel "Digital badge"@en ;
    skos:definition "A credential issued and shown in digital form as an emblem of an achievement."@en ;
    skos:inScheme <https://w3id.org/microcredential-glossary/> ;
    skos:broader term:credential ;
    dcterms:subject topic:credential-types ;
    dcterms:modified "2026-12-01"^^xsd:date .
term:credential skos:narrower term:digital-badge .
term:badge owl:deprecated true ; dcterms:isReplacedBy term:digital-badge .
"""


def second_release(root: Path) -> None:
    """Add a term, change a definition and an alternative label, deprecate a term with its replacement."""
    (root / "new-term.ttl").write_text(
        NEW_TERM.replace("@prefix xsd:", "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n@prefix xsd:"),
        encoding="utf-8",
    )
    glossary = root / "glossary.ttl"
    text = glossary.read_text(encoding="utf-8")
    text = text.replace(OLD_DEFINITION, "An award that attests learning.")
    text = text.replace('skos:altLabel "token"@en', 'skos:altLabel "emblem"@en')
    glossary.write_text(text, encoding="utf-8")
    assert validate(load(root)).conforms


def test_release_stamps_snapshots_and_diffs(tmp_path: Path) -> None:
    root = make_ontology(tmp_path)
    first = release(root, "0.1.0", "2026-11-28")
    assert first == root / "releases" / "0.1.0" / "microcredential-glossary.ttl"
    assert releases(root) == ["0.1.0"]
    # the loader and the canonical-form check leave the snapshot alone
    assert all("releases" not in p.parts for p in load(root).files)
    assert unformatted(root) == []
    initial = history(root)[0]
    assert initial.previous is None and initial.date == "2026-11-28"
    assert [c.iri for c in initial.changes.added] == [TERM + "badge", TERM + "credential"]

    second_release(root)
    assert main(["release", "0.2.0", "--date", "2026-12-01", "--ontology", str(root)]) == 0
    data = load(root).data
    assert data.value(GLOSSARY, OWL.versionIRI) == URIRef(BASE + "0.2.0")
    assert data.value(GLOSSARY, OWL.versionInfo) == Literal("0.2.0")
    assert data.value(GLOSSARY, OWL.priorVersion) == URIRef(BASE + "0.1.0")
    assert data.value(GLOSSARY, DCTERMS.modified) == Literal("2026-12-01", datatype=XSD.date)
    assert validate(load(root)).conforms

    latest = history(root)[0]
    assert (latest.version, latest.previous, latest.date) == ("0.2.0", "0.1.0", "2026-12-01")
    changes = latest.changes
    assert [c.label for c in changes.added] == ["Digital badge"]
    assert changes.removed == []
    assert [(c.iri, c.detail) for c in changes.deprecated] == [(TERM + "badge", [TERM + "digital-badge"])]
    assert [(c.iri, c.old, c.new) for c in changes.definitions] == [
        (
            TERM + "credential",
            "A documented award attesting to what a person has learned.",
            "An award that attests learning.",
        )
    ]
    assert [(c.iri, c.detail) for c in changes.alt_labels] == [(TERM + "badge", ["+ emblem", "- token"])]
    assert changes.labels == [] and changes.mappings_added == [] and changes.mappings_removed == []
    # the first release's entry is unchanged by the second
    assert [c.iri for c in history(root)[1].changes.added] == [TERM + "badge", TERM + "credential"]


@pytest.mark.parametrize("version", ["0.1.0", "0.0.9", "1.0"])
def test_release_refuses_old_or_malformed_versions(tmp_path: Path, version: str) -> None:
    root = make_ontology(tmp_path)
    release(root, "0.1.0", "2026-11-28")
    with pytest.raises((OntologyError, ValueError)):
        release(root, version, "2026-11-29")
    assert releases(root) == ["0.1.0"]


def test_release_refuses_an_invalid_ontology(tmp_path: Path) -> None:
    root = make_ontology(tmp_path, FIXTURES / "faults" / "missing-definition.ttl")
    with pytest.raises(OntologyError):
        release(root, "0.1.0", "2026-11-28")
    assert releases(root) == []


def test_changelog_page_and_version_files(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    root = project / "ontology"
    release(root, "0.1.0", "2026-11-28")
    second_release(root)
    release(root, "0.2.0", "2026-12-01")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "versions" / "index.html").read_text(encoding="utf-8")
    assert page.index('id="v0.2.0"') < page.index('id="v0.1.0"')
    for text in ("Terms deprecated (1)", "Digital badge", "Definitions changed (1)", "An award that attests learning."):
        assert text in page
    for version in ("0.1.0", "0.2.0"):
        for ext in ("ttl", "jsonld", "rdf", "nt"):
            assert (site / "versions" / version / f"microcredential-glossary.{ext}").is_file()
        assert (site / "versions" / version / "index.html").is_file()


def test_real_ontology_has_its_first_release(ontology) -> None:
    root = ontology.root
    assert releases(root)[0] == "0.1.0"
    first = history(root)[-1]
    assert first.previous is None
    assert len(first.changes.added) >= 60


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["0.2.0\n"], "is not of the form X.Y.Z"),  # a version pasted with its line end
        (["0.2.0 "], "is not of the form X.Y.Z"),
        (["v0.2.0"], "is not of the form X.Y.Z"),
        (["0.02.0"], "no leading zeros"),
        (["0.2.0-rc.1"], "is not of the form X.Y.Z"),
        (["٠.٢.٠"], "ASCII digits"),  # Arabic-Indic digits: \d would take them
        (["０.２.０"], "ASCII digits"),  # full-width digits
        (["0.2.0", "--date", "20261201"], "is not written YYYY-MM-DD"),  # fromisoformat alone takes this
        (["0.2.0", "--date", "2026-W48-1"], "is not written YYYY-MM-DD"),
        (["0.2.0", "--date", "２０２６-12-01"], "is not written YYYY-MM-DD"),
        (["0.2.0", "--date", "2026-12-01\n"], "is not written YYYY-MM-DD"),
        (["0.2.0", "--date", "2026-02-30"], "does not exist"),
        (["0.2.0", "--date", "3026-12-01"], "outside 1970-01-01 to 2106-02-07"),
        (["0.2.0", "--date", "1969-12-31"], "outside 1970-01-01 to 2106-02-07"),
    ],
)
def test_release_refuses_bad_input_and_writes_nothing(tmp_path: Path, capsys, args: list[str], fragment: str) -> None:
    root = make_ontology(tmp_path)
    release(root, "0.1.0", "2026-11-28")
    before = tree(root)
    assert main(["release", *args, "--ontology", str(root)]) == 2
    out, err = capsys.readouterr()
    lines = [line for line in (out + err).splitlines() if "[release]" in line]
    assert len(lines) == 1 and fragment in lines[0], out + err
    assert tree(root) == before


def test_release_checks_the_stamped_scheme_before_replacing_it(tmp_path: Path, capsys) -> None:
    """Another file states the glossary's modified date too: the same date conforms, the stamped one would not."""
    root = make_ontology(tmp_path)
    (root / "also-modified.ttl").write_text(
        "<https://w3id.org/microcredential-glossary/> <http://purl.org/dc/terms/modified> "
        '"2026-11-28"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
        encoding="utf-8",
    )
    assert validate(load(root)).conforms
    before = tree(root)
    assert main(["release", "0.1.0", "--date", "2026-12-01", "--ontology", str(root)]) == 1
    out, err = capsys.readouterr()
    assert "[conflicting-definition]" in out + err and "dcterms:modified" in out + err
    assert tree(root) == before
    assert releases(root) == []


def test_release_that_cannot_write_its_snapshot_puts_the_scheme_back(tmp_path: Path, monkeypatch, capsys) -> None:
    from mcglossary.publish import release as releasing

    root = make_ontology(tmp_path)
    before = tree(root)
    real = releasing.write_atomic

    def snapshot_fails(path: Path, data: bytes | str, check=None) -> None:
        if path.name == SNAPSHOT:
            raise OSError(28, "No space left on device", str(path))
        real(path, data, check)

    monkeypatch.setattr(releasing, "write_atomic", snapshot_fails)
    assert main(["release", "0.1.0", "--date", "2026-12-01", "--ontology", str(root)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert tree(root) == before
    assert not (root / "releases").exists()


def claimed(root: Path) -> tuple[str, URIRef | None, URIRef | None]:
    data = load(root).data
    info = data.value(GLOSSARY, OWL.versionInfo)
    return str(info), data.value(GLOSSARY, OWL.versionIRI), data.value(GLOSSARY, OWL.priorVersion)


def test_only_a_release_claims_a_version_and_an_edit_after_it_unclaims_it(tmp_path: Path) -> None:
    root = make_ontology(tmp_path)
    # the fixture's scheme names 0.1.0, but nothing was released: the build does not claim it
    assert claimed(root) == ("0.1.0+unreleased", None, None)
    release(root, "0.1.0", "2026-11-28")
    assert claimed(root) == ("0.1.0", URIRef(BASE + "0.1.0"), None)
    glossary = root / "glossary.ttl"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace(OLD_DEFINITION, "An award that attests learning."), encoding="utf-8")
    assert claimed(root) == ("0.1.0+unreleased", None, URIRef(BASE + "0.1.0"))
    assert validate(load(root)).conforms
    glossary.write_text(text, encoding="utf-8")  # the edit undone: the data is the release again
    assert claimed(root) == ("0.1.0", URIRef(BASE + "0.1.0"), None)
    # naming a version by hand claims nothing: only `mcg release` writes the snapshot that makes it true
    scheme = next(p for p in root.glob("*.ttl") if '"0.1.0"' in p.read_text(encoding="utf-8"))
    scheme.write_text(scheme.read_text(encoding="utf-8").replace('"0.1.0"', '"0.2.0"'), encoding="utf-8")
    assert claimed(root)[:2] == ("0.2.0+unreleased", None)


def test_an_edit_under_serve_changes_the_claim_too(tmp_path: Path) -> None:
    from mcglossary.data.load import reread, updated

    root = make_ontology(tmp_path)
    release(root, "0.1.0", "2026-11-28")
    ontology = load(root)
    glossary = root / "glossary.ttl"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace(OLD_DEFINITION, "An award that attests learning."),
        encoding="utf-8",
    )
    edited = updated(ontology, reread(ontology, [glossary]), [glossary])
    assert edited.data.value(GLOSSARY, OWL.versionInfo) == Literal("0.1.0+unreleased")
    assert edited.data.value(GLOSSARY, OWL.versionIRI) is None


def test_the_site_and_the_downloads_say_a_build_is_not_a_release(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    root = project / "ontology"
    release(root, "0.1.0", "2026-11-28")
    glossary = root / "glossary.ttl"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace(OLD_DEFINITION, "An award that attests learning."),
        encoding="utf-8",
    )
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("index.html", "downloads/index.html", "versions/index.html", "ontology/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "0.1.0+unreleased" in text and "not a release" in text.lower(), page
    data = (site / "downloads" / "microcredential-glossary.ttl").read_text(encoding="utf-8")
    assert '"0.1.0+unreleased"' in data and "owl:versionIRI" not in data
    released = (site / "versions" / "0.1.0" / "microcredential-glossary.ttl").read_text(encoding="utf-8")
    assert "owl:versionIRI" in released and '"0.1.0"' in released
