"""Benchmark of the query page (sparql/run/): the bytes it loads, the time until it can run a query, and each example's
time in the browser (Oxigraph's WebAssembly build in Debian's Chromium), in-process (the engine `mcg query` runs) and
through the endpoint (`mcg serve`), at the real glossary and at N synthetic terms (bench_build.generate's glossaries).

Run by hand, not by CI or pytest:
    .venv/bin/python scripts/bench_query_page.py [--terms 1000 10000] [--repeat 3]

The real site is built once (`mcg build`). For a synthetic glossary the same site is served with that glossary's
N-Triples download and label map in place of the real ones: the two files the page reads that depend on the data
(the rest of the site is not rebuilt, which would take minutes and change nothing the page loads).
Browser: "page" is from Run to the table shown (the worker's answer, JSON parsed, the table built); "engine" is the
query alone in the worker. In-process and endpoint: median of --repeat after one warm-up, as bench_queries.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench_build import generate
from bench_queries import median_ms

from mcglossary.data.export import DatasetFiles
from mcglossary.data.load import Ontology, load
from mcglossary.site.model import build as build_model
from mcglossary.sparql.endpoint import free_port, running_endpoint
from mcglossary.sparql.query import QueryExample, load_examples, run_endpoint, run_store
from mcglossary.sparql.query_editor import DATA, RUN, labels_json
from mcglossary.sparql.store import glossary_ntriples, store_from_ntriples

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from sitekit import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  (the tests' server and browser flags)

TIMEOUT_MS = 600_000


def build_site(workdir: Path) -> Path:
    subprocess.run(
        [
            str(Path(sys.executable).with_name("mcg")),
            "build",
            "--site",
            str(workdir / "site"),
            "--dist",
            str(workdir / "dist"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return workdir / "site"


def with_data(site: Path, target: Path, ontology: Ontology, nt: bytes) -> Path:
    """A copy of `site` (hard links) whose N-Triples download and label map are `ontology`'s."""
    shutil.copytree(site, target, copy_function=os.link)
    glossary = build_model(ontology.data, ontology.shapes)
    for path, data in ((DATA.path, nt), (RUN + "labels.json", labels_json(glossary, ontology.data))):
        (target / path).unlink()  # a hard link: replace, never write through to the real site
        (target / path).write_bytes(data)
    return target


def browser_figures(site: Path, examples: list[QueryExample], repeat: int) -> dict:
    from playwright.sync_api import sync_playwright

    figures: dict = {"examples": {}}
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        requests: list = []
        page.on("requestfinished", lambda request: requests.append(request))
        started = time.perf_counter()
        page.goto(url + RUN)
        page.wait_for_selector("#mcg-query[data-ready]", timeout=TIMEOUT_MS)
        figures["ready_s"] = time.perf_counter() - started
        figures["load_ms_in_worker"] = float(page.get_attribute("#mcg-query", "data-load-ms"))
        # each file's size on disk (the server sends files as they are; the browser reports no body size for a
        # worker's script)
        names = {urlsplit(request.url).path.lstrip("/") for request in requests}
        files = {name: site / name / "index.html" if name.endswith("/") or not name else site / name for name in names}
        figures["bytes"] = {name: path.stat().st_size for name, path in files.items() if path.is_file()}
        for example in examples:
            page.click(".cm-content")
            page.keyboard.press("Control+a")
            page.keyboard.insert_text(example.text)
            runs = []
            for attempt in range(repeat + 1):  # the first is the warm-up
                done = page.get_attribute("#mcg-query", "data-done") or ""
                page.click("#mcg-query-run")
                page.wait_for_function(
                    f"(d => d.done && d.done !== '{done}')(document.getElementById('mcg-query').dataset)",
                    timeout=TIMEOUT_MS,
                )
                if page.is_visible("#mcg-query-error"):
                    raise RuntimeError(f"{example.slug}: {page.inner_text('#mcg-query-error')}")
                if attempt:
                    box = page.locator("#mcg-query")
                    runs.append((float(box.get_attribute("data-ms")), float(box.get_attribute("data-engine-ms"))))
            figures["examples"][example.slug] = (
                statistics.median(page_ms for page_ms, _ in runs),
                statistics.median(engine_ms for _, engine_ms in runs),
            )
        browser.close()
    return figures


def cli_seconds(ontology_root: Path, query: Path) -> float:
    """One whole `mcg query` command (start, load, query, print)."""
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).with_name("mcg")), "query", str(query), "--ontology", str(ontology_root)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def bench(
    label: str, ontology_root: Path, site: Path, workdir: Path, examples: list[QueryExample], repeat: int
) -> None:
    ontology = load(ontology_root)
    nt = glossary_ntriples(ontology.data, DatasetFiles(ontology.data))
    folder = workdir / f"site-{ontology_root.parent.name}"
    served = site if ontology_root == ROOT / "ontology" else with_data(site, folder, ontology, nt)
    triples = nt.count(b"\n")
    print(f"\n== {label}: {triples:,} triples", flush=True)
    browser = browser_figures(served, examples, repeat)
    total = sum(browser["bytes"].values())
    print(f"bytes the query page loads: {total:,} ({total / 1e6:.1f} MB)")
    for name, size in sorted(browser["bytes"].items(), key=lambda item: -item[1]):
        print(f"  {size:>12,}  {name}")
    print(
        f"until it can run a query: {browser['ready_s']:.2f} s from navigation "
        f"({browser['load_ms_in_worker'] / 1000:.2f} s of it in the worker: wasm, data, store)"
    )
    print(
        f"one whole `mcg query` (all-terms): {cli_seconds(ontology_root, ROOT / 'ontology/queries/all-terms.rq'):.2f} s"
    )
    store = store_from_ntriples(nt)
    header = f"{'example':38} {'browser page ms':>15} {'engine ms':>10} {'in-process ms':>14} {'endpoint ms':>12}"
    print(header)
    with running_endpoint(ontology.data, port=free_port(), timeout=600) as endpoint:
        for example in examples:
            local = median_ms(lambda e=example: run_store(store, e.text), repeat)
            remote = median_ms(lambda e=example: run_endpoint(endpoint.query_url, e.text, timeout=600), repeat)
            page_ms, engine_ms = browser["examples"][example.slug]
            print(f"{example.slug:38} {page_ms:15.1f} {engine_ms:10.1f} {local:14.1f} {remote:12.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="*", default=[1000, 10_000], help="synthetic sizes (1000 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per query and place (default: 3)")
    args = parser.parse_args()
    examples = load_examples(ROOT / "ontology" / "queries")
    with tempfile.TemporaryDirectory(prefix="bench-query-page-") as folder:
        workdir = Path(folder)
        started = time.perf_counter()
        site = build_site(workdir)
        print(f"(the real site built in {time.perf_counter() - started:.0f} s)")
        bench("the real glossary", ROOT / "ontology", site, workdir, examples, args.repeat)
        for terms in args.terms:
            project = workdir / f"synthetic-{terms}"
            project.mkdir()
            generate(project, terms)
            bench(f"{terms:,} synthetic terms", project / "ontology", site, workdir, examples, args.repeat)


if __name__ == "__main__":
    main()
