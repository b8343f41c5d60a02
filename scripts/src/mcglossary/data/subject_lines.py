"""Find the line of a Turtle file where a subject's description starts, so findings can point at it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_SUBJECT = re.compile(r"^(<[^>]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)")


def subject_lines(path: Path) -> dict[str, int]:
    """IRI -> 1-based line number, for every subject written at the start of a line in `path`."""
    try:
        stamp = path.stat().st_mtime_ns  # an edited file (under `mkdocs serve`) is read again
    except OSError:
        return {}
    return _subject_lines(path, stamp)


@lru_cache(maxsize=4096)
def _subject_lines(path: Path, _stamp: int) -> dict[str, int]:
    prefixes: dict[str, str] = {}
    lines: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return lines
    for number, line in enumerate(text.splitlines(), start=1):
        declared = _PREFIX.match(line)
        if declared:
            prefixes[declared.group(1) or ""] = declared.group(2)
            continue
        match = _SUBJECT.match(line)
        if not match:
            continue
        iri = _expand(match.group(1), prefixes)
        if iri and iri not in lines:
            lines[iri] = number
    return lines


def _expand(token: str, prefixes: dict[str, str]) -> str | None:
    if token.startswith("<"):
        return token[1:-1]
    prefix, _, local = token.partition(":")
    if prefix in prefixes:
        return prefixes[prefix] + local.replace("\\", "")
    return None
