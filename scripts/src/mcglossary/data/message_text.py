"""How a value from the data appears in a message: on one line, shortened, with its invisible characters shown."""

from __future__ import annotations

import unicodedata

LIMIT = 80  # characters of a label or a literal; a pasted megabyte must not become a megabyte of terminal
IRI_LIMIT = 200


def shown(text: str, limit: int = LIMIT) -> str:
    """`text` on one line (whitespace collapsed), cut to `limit` characters with "…", and each invisible character
    written as <U+XXXX> so that a message about it can be read."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cf", "Cc") else c for c in flat)


def shown_iri(iri: object) -> str:
    return shown(str(iri), IRI_LIMIT)
