"""Benchmark: the glossary's build from 100 to 50,000 synthetic terms, stage by stage, and against pyLODE.

Run by hand, not by CI (pytest never collects it: it lives outside tests/ and is not named test_*):

    .venv/bin/python scripts/bench_build.py                        # N = 100 and 1,000, 3 runs each
    .venv/bin/python scripts/bench_build.py --terms 10000 --runs 3 --compare --search --serve

For each N it writes a project folder in a temporary directory (mkdocs.yml and docs/ copied from the repository,
ontology/ generated: terms with labels and spelling variants, our definitions, quoted source definitions attributed
to organisations with year and publication, topics, a broader tree under top concepts, related links both ways,
examples with providers, CTDL/ELM mappings justified by owl:Axiom annotations, organisations, references and
initiatives), checks that it validates clean with the real shapes.ttl, then times each stage in a fresh subprocess
(median wall time over --runs, peak RSS of the process tree) and describes the built site.
--compare runs pyLODE 3.6.0 (vocpub profile) on the same vocabulary, written as one Turtle file, in its own
virtualenv (.cache/bench-pylode, created on demand from PyPI with a Python 3.12 interpreter).
--search times Material's search in Debian's Chromium; --serve times `mkdocs serve` picking up an edited term.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYLODE_VENV = ROOT / ".cache" / "bench-pylode"
PYLODE_PACKAGES = ("kurra==3.0.5", "pylode==3.6.0")
PYTHON_FOR_PYLODE = ("/root/.pyenv/versions/3.12.1/bin/python", "python3.12", "python3.11")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [  # as in tests/sitekit.py
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EPOCH = "1795824000"  # 2026-11-28, so every build stamps the same date
COPIED = ("shapes.ttl", "scheme.ttl", "def.ttl", "topics.ttl")  # real files the synthetic glossary reuses
TOPICS = (
    "credential-types",
    "structure-and-pathways",
    "learning-and-assessment",
    "quality-and-recognition",
    "digital-credentials-and-records",
    "standard-elements",
)
NOUNS = (
    ("credential", "credentials"),
    ("badge", "badges"),
    ("pathway", "pathways"),
    ("certificate", "certificates"),
    ("framework", "frameworks"),
    ("record", "records"),
    ("assessment", "assessments"),
    ("programme", "programmes"),
    ("registry", "registries"),
    ("standard", "standards"),
)
CONSONANTS, VOWELS = "bcdfghjklmnprstvwz", "aeiou"
SYLLABLES = [c + v for c in CONSONANTS for v in VOWELS]
TOP_CONCEPTS = 10
FAN_OUT = 5
PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX definition: <https://w3id.org/microcredential-glossary/definition/>
PREFIX example: <https://w3id.org/microcredential-glossary/example/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX initiative: <https://w3id.org/microcredential-glossary/initiative/>
PREFIX mcg: <https://w3id.org/microcredential-glossary/def/>
PREFIX org: <https://w3id.org/microcredential-glossary/organisation/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX reference: <https://w3id.org/microcredential-glossary/reference/>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX term: <https://w3id.org/microcredential-glossary/term/>
PREFIX topic: <https://w3id.org/microcredential-glossary/topic/>
PREFIX vann: <http://purl.org/vocab/vann/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

"""
GLOSSARY = "<https://w3id.org/microcredential-glossary/>"
CTDL, ELM = "https://purl.org/ctdl/terms/", "http://data.europa.eu/snb/model/elm/"


# --- the synthetic vocabulary ---------------------------------------------------------------------------------
def word(i: int) -> str:
    """A pronounceable word unique to `i` (three syllables, scrambled so first letters spread over A-Z)."""
    n = (i * 7919 + 13) % len(SYLLABLES) ** 3  # a bijection: 7919 is prime to 90**3
    return "".join(SYLLABLES[(n // len(SYLLABLES) ** k) % len(SYLLABLES)] for k in (2, 1, 0))


def lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def label(i: int) -> str:
    return f"{word(i).capitalize()} {NOUNS[i % len(NOUNS)][0]}"


def parent(i: int) -> int | None:
    return None if i < TOP_CONCEPTS else (i - TOP_CONCEPTS) // FAN_OUT


def related(i: int, terms: int) -> int | None:
    """One 'see also' partner per term, never its parent or child, written both ways."""
    j = (i * 37 + 11) % terms
    if j == i or parent(i) == j or parent(j) == i:
        return None
    return j


def term_turtle(i: int, terms: int, children: list[int], partners: list[int], sizes: dict[str, int]) -> str:
    slug = f"t{i}-{word(i)}"
    noun, plural = NOUNS[i % len(NOUNS)]
    name = label(i)
    up = parent(i)
    lines = [
        f"term:{slug}",
        "    a skos:Concept, mcg:Term ;",
        f"    skos:inScheme {GLOSSARY} ;",
        f"    rdfs:isDefinedBy {GLOSSARY} ;",
        f"    skos:prefLabel {lit(name)} ;",
        f"    skos:altLabel {lit(f'{word(i)}-{noun}')}" + (f", {lit(f'{word(i)} {plural}')} ;" if i % 3 == 0 else " ;"),
        "    skos:definition "
        + lit(
            f"A {noun} that records what a learner achieved in the {word(i)} area, issued after an assessment "
            f"against stated standards. Unlike a {label(up) if up is not None else 'general credential'}, it "
            f"covers one narrow field and can be combined with others towards a larger award."
        )
        + " ;",
        f"    dcterms:subject topic:{TOPICS[i % len(TOPICS)]}"
        + (f", topic:{TOPICS[(i + 2) % len(TOPICS)]} ;" if i % 2 else " ;"),
        f'    dcterms:modified "2026-{1 + i % 12:02d}-{1 + i % 28:02d}"^^xsd:date ;',
    ]
    if up is None:
        lines.append(f"    skos:topConceptOf {GLOSSARY} ;")
    else:
        lines.append(f"    skos:broader term:t{up}-{word(up)} ;")
    lines += [f"    skos:narrower term:t{c}-{word(c)} ;" for c in children]
    lines += [f"    skos:related term:t{j}-{word(j)} ;" for j in sorted(set(partners))]
    if i % 3 == 1:
        lines.append(
            "    skos:scopeNote "
            + lit(f"Usage of '{name.lower()}' differs between regions; some providers use it for badges only.")
            + " ;"
        )
    if i % 2 == 0:
        lines.append(
            "    mcg:ecosystemRelationship "
            + lit(f"Employers read a {name.lower()} alongside degrees and other records of learning.")
            + " ;"
        )
    if i % 6 == 0:
        lines.append(f"    dcterms:references reference:r{i % sizes['references']} ;")
    blocks: list[str] = []
    for j in range((1, 2, 0, 3)[i % 4]):
        org = (i + j) % sizes["organisations"]
        year = 2015 + (i + j) % 10
        definition = f"definition:{slug}--o{org}-{year}"
        lines.append(f"    mcg:sourceDefinition {definition} ;")
        source = f"    dcterms:source reference:r{org % sizes['references']} ;\n"  # every quotation has its source
        quote = (
            f"{name} means a record of learning in {word(i)} studies, smaller than a degree, awarded by "
            f"a provider after assessment (organisation {org}, {year}). It may stack with other {plural}, "
            f"be stored in a wallet, and be recognised by employers and institutions alike."
        )
        blocks.append(
            f"{definition}\n    a mcg:SourceDefinition ;\n    rdf:value {lit(quote)} ;\n"
            f"    prov:wasAttributedTo org:o{org} ;\n"
            f'    dcterms:issued "{year}"^^xsd:gYear ;\n{source}.\n'
        )
    if i % 4 == 0:
        lines.append(f"    skos:example example:{slug} ;")
        blocks.append(
            f"example:{slug}\n    a mcg:Example ;\n    schema:name {lit(f'{word(i).capitalize()} Academy {noun}')} ;\n"
            f"    schema:provider org:o{i % sizes['organisations']} ;\n"
            f"    schema:description {lit(f'An offering that illustrates the {noun} as sold by one provider.')} .\n"
        )
    for keep, predicate, target, why in (
        (i % 3 == 0, "skos:closeMatch", f"{CTDL}Synthetic{word(i).capitalize()}", "Close: CTDL's class is wider."),
        (i % 5 == 0, "skos:relatedMatch", f"{ELM}Synthetic{word(i).capitalize()}", "Related, not equivalent."),
    ):
        if keep:
            lines.append(f"    {predicate} <{target}> ;")
            blocks.append(
                f"[] a owl:Axiom ;\n    owl:annotatedSource term:{slug} ;\n    owl:annotatedProperty {predicate} ;\n"
                f"    owl:annotatedTarget <{target}> ;\n    rdfs:comment {lit(why)} .\n"
            )
    lines[-1] = lines[-1][:-2] + " ."
    return PREFIXES + "\n".join(lines) + "\n\n" + "\n".join(blocks)


def shared_turtle(terms: int, sizes: dict[str, int]) -> dict[str, str]:
    """The files beside the terms: top concepts, organisations, references, initiatives, mapped vocabularies."""
    tops = ", ".join(f"term:t{i}-{word(i)}" for i in range(min(TOP_CONCEPTS, terms)))
    orgs = "".join(
        f"org:o{o}\n    a schema:Organization, foaf:Organization ;\n"
        f"    schema:name {lit(f'{word(o + 100_000).capitalize()} Institute {o}')} ;\n"
        + (f"    schema:url <https://example.org/org/{o}> ;\n" if o % 2 == 0 else "")
        + ".\n\n"
        for o in range(sizes["organisations"])
    )
    refs = "".join(
        f"reference:r{r}\n    a dcterms:BibliographicResource ;\n"
        f"    dcterms:title {lit(f'Report on {word(r + 200_000)} credentials')} ;\n"
        f'    dcterms:publisher org:o{r} ;\n    dcterms:issued "{2015 + r % 10}"^^xsd:gYear ;\n'
        f"    schema:url <https://example.org/reports/{r}> .\n\n"
        for r in range(sizes["references"])
    )
    # the real scheme.ttl (copied) credits the page the glossary started from as its source
    refs += (
        "reference:lwe-library-microcredential\n    a dcterms:BibliographicResource ;\n"
        f"    dcterms:title {lit('Microcredential')} ;\n    dcterms:publisher org:o0 ;\n"
        "    schema:url <https://learnworkecosystemlibrary.com/topics/microcredential/> .\n\n"
    )
    initiatives = "".join(
        f"initiative:i{n}\n    a mcg:Initiative, prov:Activity ;\n"
        f"    schema:name {lit(f'{word(n + 300_000).capitalize()} initiative')} ;\n"
        f"    schema:description {lit('A programme that promotes short credentials across a region.')} ;\n"
        f'    mcg:launchYear "{2010 + n % 15}"^^xsd:gYear ;\n'
        f"    prov:wasAssociatedWith org:o{n % sizes['organisations']} ;\n"
        f"    dcterms:relation "
        + ", ".join(f"term:t{t}-{word(t)}" for t in sorted({(n * 13 + k * 7) % terms for k in range(3)}))
        + f" ;\n    dcterms:subject topic:{TOPICS[n % len(TOPICS)]} .\n\n"
        for n in range(sizes["initiatives"])
    )
    vocabularies = "".join(
        f"<{iri}>\n    a owl:Ontology ;\n    dcterms:title {lit(title)} ;\n    dcterms:publisher org:o{k} ;\n"
        f'    vann:preferredNamespacePrefix "{prefix}" ;\n    vann:preferredNamespaceUri "{iri}"^^xsd:anyURI .\n\n'
        for k, (iri, title, prefix) in enumerate(
            ((CTDL, "Credential Transparency Description Language (CTDL)", "ceterms"), (ELM, "ELM", "elm"))
        )
    )
    return {
        "top-concepts.ttl": PREFIXES + f"{GLOSSARY} skos:hasTopConcept {tops} .\n",
        "organisations.ttl": PREFIXES + orgs,
        "references.ttl": PREFIXES + refs,
        "initiatives.ttl": PREFIXES + initiatives,
        "alignments.ttl": PREFIXES + vocabularies,
    }


def sizes_for(terms: int) -> dict[str, int]:
    return {
        "organisations": max(8, terms // 20),
        "references": max(4, terms // 50),
        "initiatives": max(3, terms // 100),
    }


def generate(project: Path, terms: int) -> Path:
    """A project folder (mkdocs.yml, docs/, ontology/) with `terms` synthetic terms; returns the one-file vocabulary."""
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    ontology = project / "ontology"
    (ontology / "terms").mkdir(parents=True)
    shutil.copytree(ROOT / "ontology" / "queries", ontology / "queries")
    for name in COPIED:
        shutil.copy(ROOT / "ontology" / name, ontology / name)
    sizes = sizes_for(terms)
    children: dict[int, list[int]] = {}
    partners: dict[int, list[int]] = {}
    for i in range(terms):
        up = parent(i)
        if up is not None:
            children.setdefault(up, []).append(i)
        j = related(i, terms)
        if j is not None:
            partners.setdefault(i, []).append(j)
            partners.setdefault(j, []).append(i)
    for name, text in shared_turtle(terms, sizes).items():
        (ontology / name).write_text(text, encoding="utf-8")
    for i in range(terms):
        text = term_turtle(i, terms, children.get(i, []), partners.get(i, []), sizes)
        (ontology / "terms" / f"t{i}-{word(i)}.ttl").write_text(text, encoding="utf-8")
    return project / "vocabulary.ttl"  # written by the `vocpub` stage, for pyLODE


# --- stages, each in a fresh subprocess -----------------------------------------------------------------------
def run_stage(stage: str, project: Path) -> dict:
    """In the child: do the stage's prerequisites, then time the stage itself. Prints nothing; returns figures."""
    from mcglossary.data.load import load

    ontology_dir = project / "ontology"
    started = time.perf_counter()
    loaded = load(ontology_dir)
    if stage == "load":
        return {"seconds": time.perf_counter() - started, "triples": len(loaded.data)}
    if stage == "vocpub":  # pyLODE's input: the vocabulary as one Turtle file, the VocPub view of our downloads
        from mcglossary.data.export import FORMAT_BY_EXTENSION, serialize
        from mcglossary.publish.vocpub import vocabulary_graph

        graph = vocabulary_graph(loaded.data)
        (project / "vocabulary.ttl").write_bytes(serialize(graph, FORMAT_BY_EXTENSION["ttl"]))
        return {"seconds": time.perf_counter() - started, "triples": len(graph)}
    if stage in ("validate", "shacl-core"):
        started = time.perf_counter()
        if stage == "validate":
            from mcglossary.data.validate import validate

            report = validate(loaded)
            return {"seconds": time.perf_counter() - started, "findings": len(report.findings)}
        from pyshacl import validate as shacl_validate

        conforms, _graph, _text = shacl_validate(loaded.data, shacl_graph=loaded.shapes, inference="none")
        return {"seconds": time.perf_counter() - started, "conforms": bool(conforms)}
    from mcglossary.site.model import build

    started = time.perf_counter()
    glossary = build(loaded.data, loaded.shapes)
    if stage == "model":
        return {"seconds": time.perf_counter() - started}
    if stage == "render":  # our own page list, HTML and files, without mkdocs and the theme
        from mcglossary.pipeline import Checked, SiteBuild, check

        checked = Checked(loaded, check(loaded))
        started = time.perf_counter()
        repo, site_url = "https://example.org/repo", "https://w3id.org/microcredential-glossary/"
        site = SiteBuild(checked, project, repo, site_url, glossary=glossary)
        pages = site.pages
        listed = time.perf_counter() - started
        html_bytes = sum(len(site.html(page)) for page in pages)
        rendered = time.perf_counter() - started - listed
        file_bytes = sum(len(data) for _path, data in site.rdf_files())
        return {
            "seconds": time.perf_counter() - started,
            "pages": len(pages),
            "page-list": listed,
            "html": rendered,
            "rdf-files": time.perf_counter() - started - listed - rendered,
            "html-bytes": html_bytes,
            "file-bytes": file_bytes,
        }
    raise SystemExit(f"unknown stage {stage}")


def measure(
    command: list[str], cwd: Path, env: dict | None = None, timeout: float | None = None
) -> tuple[float, float, str]:
    """Run `command`; (wall seconds, peak RSS in MB of the process tree's largest process, stdout).

    With `timeout`, a command still running then is stopped and reported as TimeoutError."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env or os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    timer = threading.Timer(timeout, process.kill) if timeout else None
    if timer:
        timer.start()
    out, err = process.stdout.read(), process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if timer:
        timer.cancel()
        if time.perf_counter() - started >= timeout:
            raise TimeoutError(f"stopped after {timeout:.0f} s")
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{out}\n{err}")
    return wall, usage.ru_maxrss / 1024, out


def build_env() -> dict:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}


def stage_commands(project: Path) -> dict[str, list[str]]:
    me = [sys.executable, str(Path(__file__).resolve()), "--project", str(project), "--stage"]
    config = str(project / "mkdocs.yml")
    return {
        "full build (mcg build)": [
            sys.executable,
            "-c",
            "import sys; from mcglossary.cli import main; sys.exit(main())",
            "build",
            "--config",
            config,
            "--site",
            str(project / "site"),
            "--dist",
            str(project / "dist"),
        ],
        "load": [*me, "load"],
        "validate": [*me, "validate"],
        "pyshacl core only": [*me, "shacl-core"],
        "model build": [*me, "model"],
        "render (no mkdocs)": [*me, "render"],
        "mkdocs build": [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--config-file",
            config,
            "--site-dir",
            str(project / "site-mkdocs"),
        ],
    }


def site_figures(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    terms = [p for p in (site / "term").glob("*/index.html")]
    # everything the search may fetch: the glossary's chunked index and Material's index of the hand-written pages
    index_bytes = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())
    term_sizes = [p.stat().st_size for p in terms]
    return {
        "site MB": sum(p.stat().st_size for p in files) / 1e6,
        "files": len(files),
        "pages": sum(1 for p in files if p.name == "index.html" or p.name == "404.html"),
        "term page KB (mean)": statistics.mean(term_sizes) / 1024 if term_sizes else 0.0,
        "term page KB (max)": max(term_sizes) / 1024 if term_sizes else 0.0,
        "search index MB": index_bytes / 1e6,
        "search index KB/term": index_bytes / 1024 / max(len(terms), 1),
    }


# --- pyLODE ---------------------------------------------------------------------------------------------------
def pylode_executable() -> Path:
    """pyLODE in its own virtualenv, created from PyPI on first use."""
    pylode = PYLODE_VENV / "bin" / "pylode"
    if pylode.is_file():
        return pylode
    python = next((p for p in PYTHON_FOR_PYLODE if shutil.which(p)), None)
    if python is None:
        raise SystemExit("no Python 3.12 (or 3.11) found for the pyLODE virtualenv")
    subprocess.run([python, "-m", "venv", str(PYLODE_VENV)], check=True)
    subprocess.run(
        [str(PYLODE_VENV / "bin" / "pip"), "install", "-q", "--index-url", "https://pypi.org/simple", *PYLODE_PACKAGES],
        check=True,
    )
    return pylode


def pylode_python_version() -> str:
    return subprocess.run(
        [str(PYLODE_VENV / "bin" / "python"), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


# --- search in Chromium ---------------------------------------------------------------------------------------
@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search_timings(site: Path, queries: list[str]) -> dict:
    """Seconds from opening the page and typing at once to the first results (a cold start), then from each
    completing keystroke to results."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    results = ".md-search-result__item"
    with served(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(url)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(queries[0])
        # a query typed before the worker is ready is dropped, as Material does: retype its last key every 100 ms
        # (as a user keeps typing), so the figure is not rounded up to a long polling interval
        for _attempt in range(600):
            try:
                page.wait_for_selector(results, timeout=100)
                break
            except PlaywrightTimeout:
                box.press("End")
                box.press("Backspace")
                box.type(queries[0][-1])
        else:
            raise RuntimeError("the search never answered")
        ready = time.perf_counter() - started
        latencies = []
        for query in queries[1:]:
            box.fill("")
            page.wait_for_selector(results, state="detached", timeout=10_000)
            box.fill(query[:-1])
            started = time.perf_counter()
            box.type(query[-1])  # the keystroke that completes the query
            page.wait_for_function(
                "q => [...document.querySelectorAll('.md-search-result__item')].some("
                "e => e.textContent.toLowerCase().includes(q))",
                arg=query.lower(),
                timeout=30_000,
            )
            latencies.append(time.perf_counter() - started)
        browser.close()
    return {
        "first results after page load s": ready,
        "search s (median)": statistics.median(latencies),
        "search s (max)": max(latencies),
    }


# --- mkdocs serve ---------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def serve_timing(project: Path, terms: int, edits: int = 3) -> dict:
    """Start `mkdocs serve`, then `edits` times: edit one term's file and poll its page until the edit shows
    (the median, with a pause between edits as a person would leave)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/microcredential-glossary/"
    i = terms // 2
    slug = f"t{i}-{word(i)}"
    page_url = f"{base}term/{slug}/"
    log = (project / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--config-file", "mkdocs.yml"],
        cwd=project,
        env=build_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    path = project / "ontology" / "terms" / f"{slug}.ttl"
    text = path.read_text(encoding="utf-8")
    try:
        started = time.perf_counter()
        while slug not in fetch(page_url):
            if process.poll() is not None or time.perf_counter() - started > 3600:
                raise RuntimeError(f"mkdocs serve did not come up; see {project / 'serve.log'}")
            time.sleep(0.2)
        first = time.perf_counter() - started
        shown = []
        for edit in range(edits):
            time.sleep(3)
            marker = f"edited{edit}x{int(time.time())}"
            path.write_text(text.replace("issued after an assessment", f"issued after an {marker} assessment", 1))
            started = time.perf_counter()
            while marker not in fetch(page_url):
                if process.poll() is not None or time.perf_counter() - started > 3600:
                    raise RuntimeError(f"mkdocs serve stopped; see {project / 'serve.log'}")
                time.sleep(0.05)
            shown.append(time.perf_counter() - started)
        return {
            "serve first build s": first,
            "serve edit shown s (median)": statistics.median(shown),
            "serve edit shown s (each)": shown,
        }
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        path.write_text(text, encoding="utf-8")


# --- the benchmark --------------------------------------------------------------------------------------------
def bench(terms: int, workdir: Path, args: argparse.Namespace) -> dict:
    project = workdir / f"n{terms}"
    project.mkdir()
    started = time.perf_counter()
    single = generate(project, terms)
    print(f"\n== {terms:,} terms  (project {project}, generated in {time.perf_counter() - started:.1f} s)", flush=True)
    wall, _rss, out = measure([*stage_commands(project)["validate"]], project)
    findings = json.loads(out)["findings"]
    if findings:
        raise SystemExit(f"the synthetic glossary does not validate clean: {findings} findings")
    rows: dict[str, dict] = {}
    for name, command in stage_commands(project).items():
        if name in args.skip:
            continue
        timings, peaks, extra = [], [], {}
        for _run in range(args.runs):
            wall, peak, out = measure(command, project, build_env())
            own = json.loads(out) if out.strip().startswith("{") else {}
            timings.append(own.get("seconds", wall))
            peaks.append(peak)
            extra = own
        rows[name] = {"median s": statistics.median(timings), "peak RSS MB": max(peaks)}
        rows[name].update({k: v for k, v in extra.items() if k != "seconds"})
        print(
            f"  {name:24} {rows[name]['median s']:8.2f} s   peak RSS {rows[name]['peak RSS MB']:7.0f} MB   "
            + " ".join(
                f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in extra.items() if k != "seconds"
            ),
            flush=True,
        )
    result: dict = {"terms": terms, "stages": rows}
    if (project / "site").is_dir():
        result["site"] = site_figures(project / "site")
        print(
            "  site: "
            + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in result["site"].items())
        )
    if args.compare:
        pylode = str(pylode_executable())
        measure([*stage_commands(project)["load"][:-1], "vocpub"], project)
        timings, peaks, finished = [], [], True
        for _run in range(args.pylode_runs):
            try:
                wall, peak, _out = measure(
                    [pylode, "-p", "vocpub", "-o", str(project / "pylode.html"), str(single)],
                    project,
                    timeout=args.pylode_timeout,
                )
            except TimeoutError:  # a lower bound: pyLODE took at least this long
                wall, peak, finished = args.pylode_timeout, float("nan"), False
            timings.append(wall)
            peaks.append(peak)
        full = rows.get("full build (mcg build)", {}).get("median s")
        result["pylode"] = {
            "median s": statistics.median(timings),
            "finished": finished,
            "peak RSS MB": max(peaks),
            "python": pylode_python_version(),
        }
        if full:
            result["pylode"]["ours / pyLODE"] = full / result["pylode"]["median s"]
        bound = "" if finished else f" (did not finish in {args.pylode_timeout:.0f} s: ratio is an upper bound)"
        print(
            f"  pyLODE 3.6.0 vocpub      {result['pylode']['median s']:8.2f} s   peak RSS {max(peaks):7.0f} MB   "
            f"ours/pyLODE = {result['pylode'].get('ours / pyLODE', float('nan')):.3f}{bound}",
            flush=True,
        )
    if args.search and (project / "site").is_dir():
        queries = [word(terms // 3), word(terms // 5), word(terms // 7), word(terms - 1), word(1)]
        result["search"] = search_timings(project / "site", queries)
        print("  search: " + ", ".join(f"{k} {v:.2f}" for k, v in result["search"].items()), flush=True)
    if args.serve:
        result["serve"] = serve_timing(project, terms)
        shown = ", ".join(
            f"{k} {' '.join(f'{x:.2f}' for x in v) if isinstance(v, list) else f'{v:.2f}'}"
            for k, v in result["serve"].items()
        )
        full = rows.get("full build (mcg build)", {}).get("median s")
        if full:  # the target: an edit shows in at most a quarter of the full build's time
            result["serve"]["edit shown / full build"] = result["serve"]["serve edit shown s (median)"] / full
            shown += f", edit shown / full build {result['serve']['edit shown / full build']:.2f}"
        print(f"  serve: {shown}", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[100, 1000], help="sizes to run (default: 100 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per stage; the median is reported (default 3)")
    parser.add_argument("--compare", action="store_true", help="also run pyLODE 3.6.0 (vocpub) on the same vocabulary")
    parser.add_argument("--pylode-runs", type=int, default=1, help="pyLODE runs (default 1; it is slow)")
    parser.add_argument(
        "--pylode-timeout", type=float, default=900, help="stop pyLODE after this many seconds (default 900)"
    )
    parser.add_argument("--search", action="store_true", help="time Material's search in Chromium")
    parser.add_argument("--serve", action="store_true", help="time `mkdocs serve` showing an edited term")
    parser.add_argument("--skip", nargs="*", default=[], help="stage names to skip")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--stage", help=argparse.SUPPRESS)  # internal: run one stage in this process
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.project)))
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="mcg-bench-"))
    try:
        results = [bench(terms, workdir, args) for terms in args.terms]
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
