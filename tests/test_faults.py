"""The fault suite: every kind of bad input gets one clear finding from `mcg validate` (rule, place, term, message),
the right exit code, and never a traceback.

Each fault is one small fixture in tests/fixtures/faults/ named for it, added to a copy of the base glossary; the
faults that cannot be a small text file (non-UTF-8 bytes, a 5 MB literal, a missing folder or file) are made here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, make_ontology

FAULTS = FIXTURES / "faults"
TERM = "https://w3id.org/microcredential-glossary/term/"
DEF = "https://w3id.org/microcredential-glossary/def/"
UNREADABLE, FINDINGS = 2, 1


def validate(folder: Path) -> subprocess.CompletedProcess:
    """`mcg validate` run from the folder above the ontology, as a curator would (paths are shown relative to it)."""
    return subprocess.run(
        [sys.executable, "-m", "mcglossary.cli", "validate", "--ontology", "ontology"],
        cwd=folder.parent,
        capture_output=True,
        text=True,
    )


def finding_lines(result: subprocess.CompletedProcess) -> list[str]:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.stderr == "", result.stderr
    return [line for line in result.stdout.splitlines() if " violation [" in line or " warning [" in line]


def assert_finding(result: subprocess.CompletedProcess, exit_code: int, expected: str, fragment: str) -> str:
    """Exactly one line starts with `expected` (place, severity, rule, term) and contains `fragment`."""
    assert result.returncode == exit_code, result.stdout + result.stderr
    matches = [line for line in finding_lines(result) if line.startswith(expected) and fragment in line]
    assert len(matches) == 1, result.stdout
    return matches[0]


# fixture, exit code, the finding's start (file:line:col, severity, [rule], label <IRI>), a fragment of its message
FIXTURE_FAULTS = [
    (
        "iri-path-traversal.ttl",
        FINDINGS,
        f"ontology/iri-path-traversal.ttl:15: violation [unsafe-iri] Escape <{TERM}../../../../../../tmp/x>: ",
        "its IRI does not map to a safe page path",
    ),
    (
        "iri-outside-base.ttl",
        FINDINGS,
        f"ontology/iri-outside-base.ttl:15: violation [unsafe-iri] Typo <{TERM.replace('glossary', 'glosary')}typo>: ",
        "its IRI is outside the glossary's base",
    ),
    (
        "iri-site-page.ttl",
        FINDINGS,
        f"ontology/iri-site-page.ttl:15: violation [unsafe-iri] Terms <{TERM[:-1]}s>: ",
        "is not one name inside one of the glossary's folders (term/,",
    ),
    (
        "iri-trailing-slash.ttl",
        FINDINGS,
        f"ontology/iri-trailing-slash.ttl:15: violation [unsafe-iri] Credential again <{TERM}credential/>: ",
        "(no empty segment or trailing slash",
    ),
    (
        "iri-percent-encoded.ttl",
        FINDINGS,
        f"ontology/iri-percent-encoded.ttl:15: violation [unsafe-iri] Encoded <{TERM}a%2Fb>: ",
        "does not map to a safe page path",
    ),
    (
        "iri-query-string.ttl",
        FINDINGS,
        f"ontology/iri-query-string.ttl:15: violation [unsafe-iri] Question <{TERM}what?x=1>: ",
        "does not map to a safe page path",
    ),
    (
        "iri-case-clash.ttl",
        FINDINGS,
        f"ontology/iri-case-clash.ttl:15: violation [iri-clash] Capital credential <{TERM}Credential>: ",
        f"the page term/credential/ would be shared with <{TERM}credential>: IRIs may not differ only by case",
    ),
    (
        "def-case-clash.ttl",
        FINDINGS,
        f"ontology/def-case-clash.ttl:10: violation [iri-clash] launch date <{DEF}launchDate>: ",
        f"the page def/property/launchdate/ would be shared with <{DEF}launchdate>",
    ),
    (
        "def-class-lower-case.ttl",
        FINDINGS,
        f"ontology/def-class-lower-case.ttl:8: violation [def-naming] pathway step <{DEF}pathwayStep>: ",
        "the class mcg:pathwayStep must start with an upper-case letter",
    ),
    (
        "iri-too-long.ttl",
        FINDINGS,
        f"ontology/iri-too-long.ttl:13: violation [unsafe-iri] Long slug <{TERM}a-slug-pasted-with-the-whole",
        "its IRI has a part 156 characters long, which would name a folder of the site; keep each part to 100",
    ),
    (
        "malformed-turtle.ttl",
        UNREADABLE,
        "ontology/malformed-turtle.ttl:14:5: violation [syntax] ",
        "Turtle syntax error: A dot is expected at the end of statements",
    ),
    (
        "undefined-prefix.ttl",
        UNREADABLE,
        "ontology/undefined-prefix.ttl:10:25: violation [syntax] ",
        "The prefix ex: has not been declared",
    ),
    (
        "malformed-iri.ttl",
        UNREADABLE,
        "ontology/malformed-iri.ttl:10:28: violation [syntax] ",
        "Invalid IRI code point ' '",
    ),
    (
        "invalid-language-tag.ttl",
        UNREADABLE,
        "ontology/invalid-language-tag.ttl:10:54: violation [syntax] ",
        "invalid language tag @en_GB",
    ),
    (
        "invalid-date.ttl",
        FINDINGS,
        f"ontology/invalid-date.ttl:10: violation [ill-typed-literal] Calendar <{TERM}calendar>: ",
        'dcterms:modified has the value "2026-11-31", which is not a valid xsd:date',
    ),
    (
        "date-out-of-range.ttl",
        FINDINGS,
        f"ontology/date-out-of-range.ttl:13: violation [date-out-of-range] Typo date <{TERM}typo-date>: ",
        "dcterms:modified is 3026-11-28, outside 1970-01-01 to 2106-02-07, the dates a build can stamp (a typo?)",
    ),
    (
        "utf8-bom.ttl",
        UNREADABLE,
        "ontology/utf8-bom.ttl:1:1: violation [encoding] ",
        "the file starts with a byte order mark (BOM, the bytes EF BB BF); save it as UTF-8 without BOM",
    ),
    (
        "conflicting-definition.ttl",
        FINDINGS,
        f"ontology/conflicting-definition.ttl:10: violation [conflicting-definition] Badge <{TERM}badge>: ",
        "two files define skos:definition differently: ontology/conflicting-definition.ttl says",
    ),
    (
        "broader-cycle.ttl",
        FINDINGS,
        f"ontology/broader-cycle.ttl:13: violation [broader-cycle] Alpha <{TERM}alpha>: ",
        "skos:broader goes round in a cycle: Alpha → Beta → Alpha",
    ),
    (
        "shared-label.ttl",
        FINDINGS,
        f"ontology/shared-label.ttl:13: violation [shared-label] Token <{TERM}token>: ",
        f'the label "token" is also used by Badge <{TERM}badge>',
    ),
    (
        "lookalike-nfd.ttl",
        FINDINGS,
        f"ontology/lookalike-nfd.ttl:13: violation [shared-label] Résumé <{TERM}resume-composed>: ",
        "they differ only in accents written as one character or as a letter and a combining accent (NFC/NFD)",
    ),
    (
        "lookalike-dash.ttl",
        FINDINGS,
        f"ontology/lookalike-dash.ttl:13: violation [shared-label] Micro-credential <{TERM}micro-credential-a>: ",
        'looks the same as "Micro\u2010credential" of Micro\u2010credential <',
    ),
    (
        "lookalike-zero-width.ttl",
        FINDINGS,
        f"ontology/glossary.ttl:72: violation [shared-label] Badge <{TERM}badge>: ",
        'the label "Badge" looks the same as "Bad<U+200B>ge" of Bad<U+200B>ge <',
    ),
    (
        "lookalike-zero-width.ttl",
        FINDINGS,
        "ontology/lookalike-zero-width.ttl:13: violation [invisible-character] "
        f"Bad<U+200B>ge <{TERM}zero-width-badge>: ",
        'skos:prefLabel "Bad<U+200B>ge" holds an invisible character (U+200B ZERO WIDTH SPACE) at position 4',
    ),
    (
        "invisible-character.ttl",
        FINDINGS,
        "ontology/invisible-character.ttl:13: violation [invisible-character] "
        f"Stack<U+00AD>able credential <{TERM}soft-hyphen>: ",
        "(U+00AD SOFT HYPHEN) at position 6; remove it; a label with one looks like another label",
    ),
    (
        "invisible-character.ttl",
        FINDINGS,
        "ontology/invisible-character.ttl:13: warning [invisible-character] "
        f"Stack<U+00AD>able credential <{TERM}soft-hyphen>: ",
        'skos:scopeNote "Pasted from a PDF<U+202E>." holds an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE)',
    ),
    (
        "dangling-related.ttl",
        FINDINGS,
        f"ontology/dangling-related.ttl:13: violation [dangling-link] Badge <{TERM}badge>: ",
        f"skos:related points at <{TERM}nowhere>, which is not defined in the ontology",
    ),
    (
        "unverified-mapping.ttl",
        FINDINGS,
        f"ontology/unverified-mapping.ttl:10: violation [TermShape.mapping] Badge <{TERM}badge>: ",
        "verified vocabulary namespace",
    ),
    (
        "deprecated-without-replacement.ttl",
        FINDINGS,
        "ontology/deprecated-without-replacement.ttl:10: violation [DeprecationShape] "
        f"Token badge <{TERM}token-badge>: ",
        "A deprecated term needs dcterms:isReplacedBy pointing at the term that replaces it, or, when no term does, "
        "a skos:historyNote saying why it was retired.",
    ),
]


@pytest.mark.parametrize(("fixture", "exit_code", "expected", "fragment"), FIXTURE_FAULTS, ids=lambda v: str(v)[:40])
def test_fault_fixture_gives_one_clear_finding(tmp_path, fixture, exit_code, expected, fragment):
    folder = make_ontology(tmp_path, FAULTS / fixture)
    assert_finding(validate(folder), exit_code, expected, fragment)


def test_every_fault_fixture_is_covered():
    covered = {fixture for fixture, *_ in FIXTURE_FAULTS} | {"broken-query.rq", "malformed-shapes.ttl"}
    covered |= {"deep-blank-nodes.ttl"}  # tests/test_cli_errors.py (mcg format)
    # the older fixtures have their own tests in test_validate, test_cli and test_load
    older = {
        "javascript-url.ttl",
        "alt-equals-pref.ttl",
        "dangling-broader.ttl",
        "literal-for-iri.ttl",
        "missing-definition.ttl",
        "missing-preflabel.ttl",
        "source-without-organisation.ttl",
        "unreachable-term.ttl",
        "unquoted-and-retired-terms.ttl",
    }
    assert {p.name for p in FAULTS.iterdir()} == covered | older


def test_deprecated_finding_does_not_echo_the_term_as_its_value(tmp_path):
    folder = make_ontology(tmp_path, FAULTS / "deprecated-without-replacement.ttl")
    line = assert_finding(validate(folder), FINDINGS, "ontology/deprecated-without-replacement.ttl:10:", "replaces it")
    assert "found:" not in line


def test_file_that_is_not_utf8(tmp_path):
    folder = make_ontology(tmp_path)
    head = (FAULTS / "dangling-related.ttl").read_bytes().split(b"\n# ")[0]
    # "café" saved as Latin-1: the é is the single byte 0xe9, at column 43 of line 13
    (folder / "not-utf8.ttl").write_bytes(head + b'\n\nterm:badge skos:scopeNote "Spelt as in caf\xe9 culture."@en .\n')
    assert_finding(
        validate(folder),
        UNREADABLE,
        "ontology/not-utf8.ttl:13:43: violation [encoding] ",
        "the file is not UTF-8 (byte 0xe9); save it as UTF-8",
    )


def test_empty_ontology_folder(tmp_path):
    folder = tmp_path / "ontology"
    folder.mkdir()
    result = validate(folder)
    assert_finding(result, UNREADABLE, "ontology: violation [empty-ontology] ", "no Turtle (.ttl) data files found")
    assert_finding(result, UNREADABLE, "ontology/shapes.ttl: violation [missing-shapes] ", "shapes.ttl is missing")


def test_missing_shapes_file(tmp_path):
    folder = make_ontology(tmp_path)
    (folder / "shapes.ttl").unlink()
    result = validate(folder)
    assert_finding(result, UNREADABLE, "ontology/shapes.ttl: violation [missing-shapes] ", "validation needs it")
    assert len(finding_lines(result)) == 1


def test_five_megabyte_literal_gives_short_lines(tmp_path):
    folder = make_ontology(tmp_path)
    head = (FAULTS / "invalid-date.ttl").read_text(encoding="utf-8").split("\n# ")[0]
    pasted = "pasted text " * 437_000  # 5.2 million characters
    (folder / "five-megabyte-literal.ttl").write_text(
        f'{head}\n\nterm:badge skos:scopeNote "{pasted}"@en .\n', encoding="utf-8"
    )
    result = validate(folder)
    assert_finding(
        result,
        FINDINGS,
        f"ontology/five-megabyte-literal.ttl:10: violation [literal-too-long] Badge <{TERM}badge>: ",
        "skos:scopeNote holds 5,244,000 characters (limit 100,000)",
    )
    assert len(result.stdout) < 2_000
    assert all(len(line) < 400 for line in result.stdout.splitlines())


def test_five_megabyte_definition_is_clipped_in_the_shape_finding(tmp_path):
    """sh:maxLength findings quote the value they reject: only its start, never 5 MB of it."""
    folder = make_ontology(tmp_path)
    head = (FAULTS / "invalid-date.ttl").read_text(encoding="utf-8").split("\n# ")[0]
    pasted = "x" * 5_000_000
    (folder / "five-megabyte-definition.ttl").write_text(
        f'{head}\n\nterm:badge skos:definition "{pasted}"@en .\n', encoding="utf-8"
    )
    result = validate(folder)
    line = assert_finding(
        result,
        FINDINGS,
        f"ontology/five-megabyte-definition.ttl:10: violation [TermShape.definition] Badge <{TERM}badge>: ",
        '(found: "xxxxxxxx',
    )
    assert line.endswith('…"@en)')
    assert all(len(line) < 600 for line in result.stdout.splitlines())


def test_query_file_that_does_not_parse(tmp_path):
    folder = make_ontology(tmp_path)
    (folder / "queries").mkdir()
    shutil.copy(FAULTS / "broken-query.rq", folder / "queries" / "broken-query.rq")
    assert_finding(
        validate(folder),
        FINDINGS,
        "ontology/queries/broken-query.rq:7:3: violation [query] ",
        "SPARQL syntax error: Expected SelectQuery, found 'FILTER'",
    )


def test_the_real_query_files_parse(ontology):
    from mcglossary.sparql.example_checks import query_findings

    assert query_findings(ontology.root) == []


def test_malformed_shapes_are_one_finding(tmp_path):
    folder = make_ontology(tmp_path)
    with (folder / "shapes.ttl").open("a", encoding="utf-8") as shapes:
        shapes.write((FAULTS / "malformed-shapes.ttl").read_text(encoding="utf-8"))
    result = validate(folder)
    assert_finding(
        result,
        UNREADABLE,
        "ontology/shapes.ttl: violation [malformed-shapes] the SHACL shapes cannot be used: ",
        "sh:minCount must be a literal with datatype xsd:integer",
    )
    assert len(finding_lines(result)) == 1


def test_links_that_lead_nowhere_or_round_in_a_loop(tmp_path):
    folder = make_ontology(tmp_path)
    (folder / "moved.ttl").symlink_to("no-such-file.ttl")
    (folder / "loop.ttl").symlink_to("loop.ttl")
    (folder / "terms").mkdir()
    (folder / "terms" / "badge.ttl").symlink_to("../glossary.ttl")  # a link that works is read as the file
    result = validate(folder)
    assert_finding(
        result,
        UNREADABLE,
        "ontology/moved.ttl: violation [broken-link] ",
        "the symbolic link points at no-such-file.ttl, which does not exist; fix or remove the link",
    )
    assert_finding(result, UNREADABLE, "ontology/loop.ttl: violation [broken-link] ", "leads round in a loop")
    assert len(finding_lines(result)) == 2


def test_a_folder_that_cannot_be_listed_is_one_finding(tmp_path, monkeypatch, capsys):
    """(Simulated: the tests may run as root, whom permissions do not stop.)"""
    import os

    from mcglossary.cli import main

    folder = make_ontology(tmp_path)
    (folder / "terms").mkdir()
    shutil.copy(FAULTS / "shared-label.ttl", folder / "terms" / "token.ttl")
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if Path(path).name == "terms":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["validate", "--ontology", str(folder)]) == UNREADABLE
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if " violation [" in line]
    expected = "ontology/terms: violation [unreadable] cannot list the folder (Permission denied): its Turtle files"
    assert len(lines) == 1 and lines[0].startswith(expected), out


def test_a_file_that_cannot_be_read_is_one_finding(tmp_path, monkeypatch, capsys):
    from mcglossary.cli import main

    folder = make_ontology(tmp_path, FAULTS / "shared-label.ttl")
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "shared-label.ttl":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert main(["validate", "--ontology", str(folder)]) == UNREADABLE
    out = capsys.readouterr().out
    assert out.startswith("ontology/shared-label.ttl: violation [unreadable] cannot read the file (Permission denied)")


def test_a_one_megabyte_label_is_shortened_wherever_it_is_shown(tmp_path):
    folder = make_ontology(tmp_path)
    fixture = (FAULTS / "date-out-of-range.ttl").read_text(encoding="utf-8")
    pasted = "Pasted " * 150_000  # 1,050,000 characters
    (folder / "huge-label.ttl").write_text(
        fixture.replace("Typo date", pasted)
        .replace('"3026-', '"2026-')
        .replace(" .\nterm:credential", " ;\n    skos:related term:nowhere .\nterm:credential"),
        encoding="utf-8",
    )
    result = validate(folder)
    shortened = f"{'Pasted ' * 11}Pa… <{TERM}typo-date>: "  # 79 characters and an ellipsis
    assert_finding(result, FINDINGS, "ontology/huge-label.ttl:13: violation [literal-too-long] " + shortened, "")
    assert_finding(result, FINDINGS, "ontology/huge-label.ttl:13: violation [dangling-link] " + shortened, "")
    assert all(len(line) < 600 for line in result.stdout.splitlines()), max(map(len, result.stdout.splitlines()))
