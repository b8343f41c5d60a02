"""Which result format an HTTP client gets: its Accept header against the formats Oxigraph writes for the form."""

from __future__ import annotations

import pyoxigraph as ox

# (media type offered, Oxigraph's writer), the server's preference first: it wins a tie and an absent Accept
SOLUTION_FORMATS: tuple[tuple[str, ox.QueryResultsFormat], ...] = (
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/xml", ox.QueryResultsFormat.XML),
)
GRAPH_FORMATS: tuple[tuple[str, ox.RdfFormat], ...] = (
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
)
# what a client may ask for when the format is not on offer, named in the 406 answer
_TEXT_TYPES = {"text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples"}


def offers(form: str) -> tuple[tuple[str, object], ...]:
    return GRAPH_FORMATS if form in ("CONSTRUCT", "DESCRIBE") else SOLUTION_FORMATS


def choose(accept: str, form: str) -> tuple[str, object] | None:
    """The offer the client prefers most (highest q, then the server's order), or None when it accepts none."""
    ranges = _ranges(accept) or [("*/*", 1.0)]
    best: tuple[float, int] | None = None
    chosen = None
    for order, (media_type, writer) in enumerate(offers(form)):
        quality = _quality(media_type, ranges)
        if quality > 0 and (best is None or (quality, -order) > best):
            best, chosen = (quality, -order), (media_type, writer)
    return chosen


def content_type(media_type: str) -> str:
    """The Content-Type header: a charset for the text formats (all of Oxigraph's writers write UTF-8)."""
    return f"{media_type}; charset=utf-8" if media_type in _TEXT_TYPES else media_type


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        if not pieces[0]:
            continue
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((pieces[0].lower(), quality))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range that matches (RFC 9110: type/subtype beats type/*, which beats */*)."""
    kind = media_type.split("/")[0]
    for pattern in (media_type, f"{kind}/*", "*/*"):
        matching = [q for r, q in ranges if r == pattern]
        if matching:
            return max(matching)
    return 0.0
