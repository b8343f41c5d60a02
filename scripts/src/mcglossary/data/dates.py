"""The dates the glossary records for its own edits: ISO calendar dates a build can turn into a timestamp.

The build stamps its outputs with the glossary's dcterms:modified (sitemap.xml.gz carries it as an unsigned 32-bit
count of seconds since 1970), so a date before 1970 or after 2106-02-07 cannot be built; such a date is a typo
(3026 for 2026) and is refused where it is typed (`mcg release --date`) or reported where it is read (validation).
"""

from __future__ import annotations

import datetime
import re

EARLIEST = datetime.date(1970, 1, 1)
LATEST = datetime.date(2106, 2, 7)  # the last whole day of a 32-bit unsigned Unix time
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # [0-9], not \d: other scripts' digits are not ISO 8601


def out_of_range(day: datetime.date) -> bool:
    return not EARLIEST <= day <= LATEST


def range_text() -> str:
    return f"{EARLIEST.isoformat()} to {LATEST.isoformat()}"


def parse_iso_date(text: str) -> datetime.date:
    """`text` as a date written YYYY-MM-DD, within the range a build can stamp; ValueError with the reason if not.

    (datetime.date.fromisoformat alone also takes 20261201 and 2026-W48-1, which nobody means as a release date.)"""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"the date {text!r} is not written YYYY-MM-DD (e.g. 2026-12-01)")
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"the date {text!r} does not exist ({error})") from None
    if out_of_range(day):
        raise ValueError(f"the date {text} is outside {range_text()}, the dates a build can stamp; a typo?")
    return day
