"""Bad input to `mcg query` and `mcg export` gets one clear line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

from conftest import ONTOLOGY


def mcg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mcglossary.cli", *args], input=stdin, capture_output=True, text=True)


def test_a_query_that_fails_while_running(tmp_path):
    result = mcg(
        "query", "-", "--ontology", str(ONTOLOGY), stdin='SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) }'
    )
    assert result.returncode == 2
    assert result.stderr.startswith("<stdin>: the query failed while running:")
    assert "Traceback" not in result.stderr


def test_a_query_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.rq"
    path.write_bytes("SELECT ?caf\xe9 WHERE { }".encode("latin-1"))
    result = mcg("query", str(path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{path}: the query file is not UTF-8 (byte 11); save it as UTF-8"


def test_export_into_a_path_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    result = mcg("export", "--ontology", str(ONTOLOGY), "--out", str(blocker))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: --out {blocker}: this is a file, not a folder; choose a folder"
    assert "Traceback" not in result.stderr
