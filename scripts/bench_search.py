"""Benchmark: the glossary's own static search index against Pagefind, on the real glossary and synthetic ones.

Run by hand, not by CI (pytest never collects it):

    .venv/bin/python scripts/bench_search.py                      # the real glossary, 1,000 and 10,000 terms
    .venv/bin/python scripts/bench_search.py --terms 0 --keep /tmp/bench-search   # the real glossary only

For each size it builds the site with `mcg build` (0 terms = the real glossary; N > 0 = bench_build.py's synthetic
generator), writes the glossary's index with the current code, and indexes the same pages with Pagefind (its
command; `.venv/bin/pip install 'pagefind[bin]==1.5.2'` first), with Material's `<article>` as the root of
each page and English stemming. Then:

- bytes per term: each engine's index files (not its code, counted once) divided by the number of terms;
- time to first results: a bare page per engine (no theme: the same work for both) that starts the engine and asks
  one query at once, timed in Debian's Chromium from navigation start to the first three results' titles (median
  of --runs cold starts, each in a fresh browser context), then the median time of a further query;
- relevance (real glossary only): how many queries of tests/fixtures/search_queries.json keep every expectation
  (the result named `first` ranks first; each of `top3` is among the first three).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "fixtures" / "search_queries.json"
sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_build  # noqa: E402  (the synthetic generator and the Chromium settings, shared with the build benchmark)

ENGINES = ("glossary", "pagefind")
# bare pages that start one engine and answer queries; `top(q)` resolves to the first three result locations
HARNESS = {
    "glossary": """<!doctype html><meta charset="utf-8"><title>glossary search</title><script>
var worker = new Worker("assets/material-search.js"), waiting = [], ready;
var started = new Promise(function (resolve) { ready = resolve; });
worker.onmessage = function (e) {
  if (e.data.type === 1) ready();  // READY, after SETUP with Material's index of the hand-written pages
  if (e.data.type === 3) waiting.shift()(e.data.data);  // RESULT
};
fetch("search/search_index.json").then(function (r) { return r.json(); }).then(function (index) {
  worker.postMessage({ type: 0, data: index });
});
window.top3 = function (q) {
  return started.then(function () {
    return new Promise(function (answer) { waiting.push(answer); worker.postMessage({ type: 2, data: q }); });
  }).then(function (data) {
    var shown = data.items.filter(function (group) { return !group[0].notice; });  // not the "no exact match" note
    return shown.slice(0, 3).map(function (g) { return { location: g[0].location, title: g[0].title }; });
  });
};
</script>""",
    "pagefind": """<!doctype html><meta charset="utf-8"><title>pagefind search</title><script>
var engine = import("./pagefind/pagefind.js").then(function (pf) {
  return pf.init().then(function () { return pf; });
});
window.top3 = function (q) {
  return engine.then(function (pf) { return pf.search(q); }).then(function (found) {
    return Promise.all(found.results.slice(0, 3).map(function (r) { return r.data(); }));
  }).then(function (docs) {
    return docs.map(function (d) { return { location: d.url.replace(/^\\//, ""), title: d.meta.title }; });
  });
};
</script>""",
}
FIRST = """window.firstResults = window.top3(new URLSearchParams(location.search).get("q")).then(function (top) {
  return { ms: performance.now(), top: top };
});"""


def build(workdir: Path, terms: int, keep: bool) -> tuple[Path, Path]:
    """(site, ontology) of a built glossary of `terms` synthetic terms (0: the real one), reused when kept."""
    project = workdir / (f"n{terms}" if terms else "real")
    site = project / "site"
    if keep and (site / "index.html").is_file():
        return site, (project if terms else ROOT) / "ontology"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    if terms:
        bench_build.generate(project, terms)
    config = (project if terms else ROOT) / "mkdocs.yml"
    command = [sys.executable, "-c", "import sys; from mcglossary.cli import main; sys.exit(main())", "build"]
    command += ["--config", str(config)]
    command += ["--site", str(site), "--dist", str(project / "dist")]
    subprocess.run(command, cwd=project if terms else ROOT, env=bench_build.build_env(), check=True)
    return site, (project if terms else ROOT) / "ontology"


def write_glossary_index(site: Path, ontology: Path) -> list[str]:
    """The glossary's index and worker with the current code, in place of what the build wrote; the locations."""
    from importlib import resources

    from mcglossary.pipeline import SiteBuild, load_checked
    from mcglossary.site.search_index import ENGINE, FOLDER, WORKER, index_files

    pages = SiteBuild(load_checked(ontology), ontology.parent).pages
    shutil.rmtree(site / FOLDER, ignore_errors=True)
    for path, data in index_files(pages):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    for asset in (ENGINE, WORKER):
        (site / "assets" / asset).write_bytes(resources.files("mcglossary.site").joinpath("assets", asset).read_bytes())
    return [page.path for page in pages if page.searchable]


def write_pagefind_index(site: Path, locations: list[str]) -> None:
    """Pagefind's index of the same pages as the glossary's, from their built HTML, by Pagefind's own command.

    The command, not the Python API: the API takes pages one message at a time and had not indexed the 10,000-term
    site's ~33,000 pages after 20 minutes. The searchable pages are hard-linked into a scratch folder so that both
    engines index exactly the same pages.
    """
    try:
        import pagefind  # noqa: F401  (only to say how to install it)
    except ImportError:
        raise SystemExit("Pagefind is not installed: .venv/bin/pip install 'pagefind[bin]==1.5.2'") from None
    scratch = Path(tempfile.mkdtemp(prefix="pagefind-pages-", dir=site.parent))
    try:
        for location in locations:
            (scratch / location).mkdir(parents=True, exist_ok=True)
            os.link(site / location / "index.html", scratch / location / "index.html")
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        command = [sys.executable, "-m", "pagefind", "--site", str(scratch), "--output-path", str(site / "pagefind")]
        command += ["--root-selector", "article", "--force-language", "en", "--quiet"]
        subprocess.run(command, check=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def index_bytes(site: Path, engine: str) -> tuple[int, int]:
    """(index bytes, engine code bytes) of one engine in a built site."""
    if engine == "glossary":
        index = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())
        return index, sum(
            (site / "assets" / name).stat().st_size for name in ("glossary-search.js", "material-search.js")
        )
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    code = [p for p in files if p.suffix in (".js", ".css") or p.name.startswith("wasm.")]
    return sum(p.stat().st_size for p in files) - sum(p.stat().st_size for p in code), sum(
        p.stat().st_size
        for p in code
        if p.name in ("pagefind.js", "pagefind-worker.js") or p.name == "wasm.en.pagefind"
    )


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def in_chromium(site: Path, engine: str, first_query: str, queries: list[str], runs: int) -> dict:
    """Cold-start time to first results (median of `runs`), a further query's time, and the top 3 of `queries`."""
    from playwright.sync_api import sync_playwright

    (site / f"bench-{engine}.html").write_text(HARNESS[engine].replace("</script>", FIRST + "</script>"), "utf-8")
    firsts, further, tops = [], [], {}
    with served(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=bench_build.CHROMIUM, args=bench_build.CHROMIUM_ARGS)
        for _run in range(runs):
            context = browser.new_context()  # a fresh cache each time: a first visit
            page = context.new_page()
            page.goto(f"{url}bench-{engine}.html?q={first_query}")
            first = page.evaluate("window.firstResults")
            assert first["top"], f"{engine}: no results for {first_query!r}"
            firsts.append(first["ms"] / 1000)
            context.close()
        page = browser.new_page()
        page.goto(f"{url}bench-{engine}.html?q={first_query}")
        page.evaluate("window.firstResults")
        for query in queries:
            took = page.evaluate(
                "q => { var t = performance.now(); return top3(q).then(top => [performance.now() - t, top]); }", query
            )
            further.append(took[0] / 1000)
            tops[query] = [hit["location"].split("#")[0] for hit in took[1]]
        browser.close()
    return {"first s": statistics.median(firsts), "further s": statistics.median(further), "tops": tops}


def relevance(tops: dict[str, list[str]], expectations: list[dict]) -> tuple[int, list[str]]:
    """How many queries keep every expectation, and what the others found."""
    kept, missed = 0, []
    for entry in expectations:
        top = tops[entry["query"]]
        ok = all(location in top for location in entry["top3"])
        ok = ok and (not entry.get("first") or (top[:1] == [entry["first"]]))
        kept += ok
        if not ok:
            missed.append(f"{entry['query']!r} -> {top}")
    return kept, missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[0, 1000, 10000], help="0 = the real glossary")
    parser.add_argument("--runs", type=int, default=3, help="cold starts timed per engine")
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    parser.add_argument("--keep", type=Path, help="build into this folder and reuse the sites built there before")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    expectations = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    figures: list[dict] = []
    try:
        for terms in args.terms:
            site, ontology = build(workdir, terms, args.keep is not None)
            locations = write_glossary_index(site, ontology)
            term_count = sum(1 for location in locations if location.startswith("term/"))
            if "pagefind" in args.engines:
                write_pagefind_index(site, locations)
            if terms:
                first = bench_build.word(terms // 3)
                queries = [bench_build.word(i) for i in (terms // 5, terms // 7, terms - 1, 1)] + ["credential"]
            else:
                first, queries = "microcredential", [entry["query"] for entry in expectations]
            for engine in args.engines:
                size, code = index_bytes(site, engine)
                row = {"terms": term_count, "engine": engine, "index bytes": size, "bytes/term": size / term_count}
                row["code bytes"] = code
                timed = in_chromium(site, engine, first, queries, args.runs)
                row.update({k: v for k, v in timed.items() if k != "tops"})
                if not terms:
                    row["relevance"], row["missed"] = relevance(timed["tops"], expectations)
                    row["queries"] = len(expectations)
                figures.append(row)
                print(
                    f"{term_count:>6} terms  {engine:9} index {size / 1e6:7.2f} MB  {size / term_count:7.0f} B/term  "
                    f"code {code / 1e3:5.0f} KB  first results {row['first s']:.2f} s  further {row['further s']:.3f} s"
                    + (f"  relevance {row['relevance']}/{row['queries']}" if not terms else ""),
                    flush=True,
                )
                for line in row.get("missed", []):
                    print(f"      missed {line}")
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
