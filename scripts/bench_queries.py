"""Benchmark: each example query's median latency in-process (Oxigraph, as `mcg query` runs it), through the
endpoint (`mcg serve`: HTTP, a worker process, results written and parsed again), and with rdflib for reference.

Run by hand, not by CI:  .venv/bin/python scripts/bench_queries.py [--terms 10000] [--repeat 5]
It measures the real glossary, then the real glossary plus N synthetic terms shaped like ours (labels,
definitions, source definitions with organisations, topics, broader/related, examples, mappings).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from mcglossary.data.load import load
from mcglossary.data.namespaces import DEFINITION, EXAMPLE, GLOSSARY, MCG, ORGANISATION, SCHEMA, TERM, TOPIC
from mcglossary.sparql.endpoint import free_port, running_endpoint
from mcglossary.sparql.query import QueryExample, load_examples, run, run_endpoint, run_store
from mcglossary.sparql.store import glossary_store

ROOT = Path(__file__).resolve().parent.parent
TOPICS = [
    "credential-types",
    "structure-and-pathways",
    "learning-and-assessment",
    "quality-and-recognition",
    "digital-credentials-and-records",
    "standard-elements",
]
CTDL = "https://purl.org/ctdl/terms/"


def synthetic(base: Graph, terms: int) -> Graph:
    """`base` plus `terms` synthetic terms in a tree under Credential, with the data our queries touch."""
    graph = Graph()
    for triple in base:
        graph.add(triple)
    organisations = [ORGANISATION[f"synthetic-org-{i}"] for i in range(max(terms // 50, 1))]
    for i, org in enumerate(organisations):
        graph.add((org, RDF.type, SCHEMA.Organization))
        graph.add((org, SCHEMA.name, Literal(f"Synthetic organisation {i}", lang="en")))
    for i in range(terms):
        term = TERM[f"synthetic-{i}"]
        parent = TERM["credential"] if i < 5 else TERM[f"synthetic-{i // 5 - 1}"]
        graph.add((term, RDF.type, SKOS.Concept))
        graph.add((term, RDF.type, MCG.Term))
        graph.add((term, SKOS.inScheme, GLOSSARY))
        graph.add((term, SKOS.prefLabel, Literal(f"Synthetic term {i}", lang="en")))
        graph.add((term, SKOS.altLabel, Literal(f"synthetic micro-term {i}", lang="en")))
        graph.add((term, SKOS.definition, Literal(f"Synthetic term {i}, for benchmarks.", lang="en")))
        graph.add((term, DCTERMS.subject, TOPIC[TOPICS[i % len(TOPICS)]]))
        graph.add((term, DCTERMS.modified, Literal("2026-11-28", datatype=XSD.date)))
        graph.add((term, SKOS.broader, parent))
        graph.add((parent, SKOS.narrower, term))
        if i:
            related = TERM[f"synthetic-{(i * 7) % i}"]
            graph.add((term, SKOS.related, related))
            graph.add((related, SKOS.related, term))
        if i % 10 == 0:
            for j in range(2):
                definition = DEFINITION[f"synthetic-{i}--{j}"]
                graph.add((term, MCG.sourceDefinition, definition))
                graph.add((definition, RDF.type, MCG.SourceDefinition))
                graph.add((definition, RDF.value, Literal(f"Quoted definition {j} of term {i}.", lang="en")))
                graph.add((definition, PROV.wasAttributedTo, organisations[(i + j) % len(organisations)]))
                graph.add((definition, DCTERMS.issued, Literal(str(2015 + (i + j) % 10), datatype=XSD.gYear)))
        if i % 20 == 0:
            example = EXAMPLE[f"synthetic-{i}"]
            graph.add((term, SKOS.example, example))
            graph.add((example, SCHEMA.name, Literal(f"Synthetic example {i}", lang="en")))
            graph.add((example, SCHEMA.provider, organisations[i % len(organisations)]))
        if i % 7 == 0:
            graph.add((term, SKOS.closeMatch, URIRef(f"{CTDL}Synthetic{i}")))
    return graph


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm-up: parsing caches, connections
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench(label: str, graph: Graph, examples: list[QueryExample], repeat: int) -> None:
    print(f"\n{label}: {len(graph):,} triples")
    print(f"{'example':40} {'in-process ms':>14} {'endpoint ms':>12} {'rdflib ms':>10}")
    started = time.perf_counter()
    store = glossary_store(graph)
    print(f"(in-process store built in {time.perf_counter() - started:.2f} s)")
    started = time.perf_counter()
    with running_endpoint(graph, port=free_port(), timeout=600) as endpoint:
        print(f"(endpoint loaded and ready in {time.perf_counter() - started:.2f} s)")
        for example in examples:
            local = median_ms(lambda e=example: run_store(store, e.text), repeat)
            remote = median_ms(lambda e=example: run_endpoint(endpoint.query_url, e.text), repeat)
            oracle = median_ms(lambda e=example: run(graph, e.text), repeat)
            print(f"{example.slug:40} {local:14.1f} {remote:12.1f} {oracle:10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000, help="synthetic terms to add (default: 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (default: 5)")
    args = parser.parse_args()
    examples = load_examples(ROOT / "ontology" / "queries")
    real = load(ROOT / "ontology").data
    bench("The glossary as it is", real, examples, args.repeat)
    bench(f"With {args.terms:,} synthetic terms", synthetic(real, args.terms), examples, args.repeat)


if __name__ == "__main__":
    main()
