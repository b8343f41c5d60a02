"""`mkdocs serve` rebuilds the site when a Turtle file of the ontology changes."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import make_project
from mcglossary.sparql.endpoint import free_port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


def serve(project: Path) -> tuple[subprocess.Popen, int]:
    """`mkdocs serve` of `project` on a free port."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return server, port


def test_editing_a_term_file_rebuilds_its_page(tmp_path):
    project = make_project(tmp_path)
    server, port = serve(project)
    try:
        # serve mounts the site at the path of site_url, as it will be published
        url = f"http://127.0.0.1:{port}/microcredential-glossary/term/badge/"
        assert wait_for(url, "A credential shown as an emblem", 60), "the site was never served"
        source = project / "ontology" / "glossary.ttl"
        source.write_text(
            source.read_text(encoding="utf-8").replace("shown as an emblem", "displayed as a freshly edited emblem"),
            encoding="utf-8",
        )
        assert wait_for(url, "displayed as a freshly edited emblem", 60), "the edit never reached the page"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_broken_data_shows_the_findings_instead_of_a_hanging_server(tmp_path):
    """Started on broken data, every page shows the findings; fixed, the glossary; broken again, the findings at the
    page the curator is looking at (mkdocs alone would stop answering until the next good build)."""
    project = make_project(tmp_path)
    source = project / "ontology" / "glossary.ttl"
    good = source.read_text(encoding="utf-8")
    source.write_text(good + "\nthis is not Turtle .\n", encoding="utf-8")
    server, port = serve(project)
    try:
        home = f"http://127.0.0.1:{port}/microcredential-glossary/"
        page = home + "term/badge/"
        assert wait_for(home, "data has errors", 60), "the findings were never shown"
        assert "ontology/glossary.ttl:" in fetch(home) and "violation [syntax]" in fetch(home)
        source.write_text(good, encoding="utf-8")
        assert wait_for(page, "A credential shown as an emblem", 60), "the fixed glossary was never served"
        source.write_text(good.replace("term:badge a", "term:badge skos:broader term:nowhere .\nterm:badge a"))
        assert wait_for(page, "violation [dangling-link] Badge", 60), "the findings never replaced the page"
    finally:
        server.terminate()
        server.wait(timeout=20)
