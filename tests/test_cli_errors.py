"""Bad input to `mcg query` and `mcg export` gets one clear line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

from conftest import ONTOLOGY
from mcglossary.sparql.endpoint import free_port


def mcg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mcglossary.cli", *args], input=stdin, capture_output=True, text=True)


def test_a_query_that_fails_while_running(tmp_path):
    closed = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there: the federated call fails
    result = mcg(
        "query",
        "-",
        "--allow-service",
        "--ontology",
        str(ONTOLOGY),
        stdin=f"ASK {{ SERVICE <{closed}> {{ ?s ?p ?o }} }}",
    )
    assert result.returncode == 2
    assert result.stderr.startswith("<stdin>: the query failed while running:")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_an_invalid_regular_expression_filters_every_row_out():
    """SPARQL makes an error inside FILTER false (it is no query error), and Oxigraph, our one engine, does so."""
    result = mcg(
        "query", "-", "--ontology", str(ONTOLOGY), stdin='SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) }'
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("(0 rows)\n")


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
