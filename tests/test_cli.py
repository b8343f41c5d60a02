"""The `mcg` command: exit codes, report formats, and no traceback on bad input."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, ONTOLOGY, make_ontology


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mcglossary.cli", *args], capture_output=True, text=True)


def test_validate_clean_exits_zero():
    result = run("validate", "--ontology", str(ONTOLOGY))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_validate_findings_exit_one_with_one_line_each(tmp_path):
    folder = make_ontology(tmp_path, FIXTURES / "faults" / "broader-cycle.ttl")
    result = run("validate", "--ontology", str(folder))
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "[broader-cycle]" in line]
    assert len(lines) == 1
    assert "Alpha <https://w3id.org/microcredential-glossary/term/alpha>" in lines[0]


def test_validate_json_gives_the_same_findings(tmp_path):
    folder = make_ontology(tmp_path, FIXTURES / "faults" / "unreachable-term.ttl")
    text = run("validate", "--ontology", str(folder)).stdout
    body = json.loads(run("validate", "--ontology", str(folder), "--format", "json").stdout)
    assert body["conforms"] is False
    assert [f["rule"] for f in body["findings"]] == ["unreachable-term"]
    assert body["findings"][0]["label"] == "Island"
    assert "[unreachable-term] Island" in text


def test_malformed_turtle_exits_two_without_traceback(tmp_path):
    folder = make_ontology(tmp_path, FIXTURES / "faults" / "malformed-turtle.ttl")
    result = run("validate", "--ontology", str(folder))
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("ontology/malformed-turtle.ttl:14:5: violation [syntax] Turtle syntax error:")


def test_export_refuses_invalid_data(tmp_path):
    folder = make_ontology(tmp_path, FIXTURES / "faults" / "broader-cycle.ttl")
    result = run("export", "--ontology", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert not (tmp_path / "out").exists()
