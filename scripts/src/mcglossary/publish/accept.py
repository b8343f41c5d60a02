"""The Accept header, read as RFC 9110 (section 12.5.1) says, and the format each of our IRIs answers it with.

This is the reference the server configurations (conneg.py: Apache, w3id.org, nginx) implement and the tests
compare them with. The rules:
- each media range carries a weight, `q` (0 to 1, up to three decimals; 1 when absent); q=0 means "not this";
- a format is weighed by the most specific range that matches the media type it is served as: `text/turtle`
  before `text/*` before `*/*`; another name a client may give it (application/xhtml+xml for HTML,
  application/json for JSON-LD, text/plain for N-Triples) counts only when listed itself, and the higher weight
  wins (so `text/html;q=0, */*` refuses HTML, whatever */* says about application/xhtml+xml);
- the heaviest format above 0 wins; between equal weights our order of preference decides (HTML, then Turtle,
  JSON-LD, RDF/XML, N-Triples); nothing above 0: 406 Not Acceptable;
- no Accept header, or an empty one, accepts anything (HTML).
Where RFC 9110 leaves room, we choose, and the servers do the same: media type parameters other than q are allowed
but not compared (we have one representation a type); a range listed twice counts where first listed; a malformed
range (such as q=2 or q=0.5555) is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcglossary.data.export import FORMATS

HTML = "html"
# format key -> the media types that ask for it (the first is the one the file is served as). application/json is
# JSON-LD's plain-JSON name; text/plain is N-Triples' media type before RFC-registered application/n-triples.
MEDIA: dict[str, tuple[str, ...]] = {HTML: ("text/html", "application/xhtml+xml")}
MEDIA.update({f.extension: (f.media_type,) for f in FORMATS})
MEDIA["jsonld"] = (*MEDIA["jsonld"], "application/json")
MEDIA["nt"] = (*MEDIA["nt"], "text/plain")
ORDER: tuple[str, ...] = (HTML, *(f.extension for f in FORMATS))
MEDIA_TYPES: tuple[str, ...] = tuple(m for key in ORDER for m in MEDIA[key])
WILDCARDS: tuple[str, ...] = (*sorted({f"{m.split('/')[0]}/*" for m in MEDIA_TYPES}), "*/*")

# The grammar the server rules use too (conneg.py builds its regular expressions from these pieces).
TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
PARAMETER = rf';\s*(?!q\s*=){TOKEN}\s*=\s*(?:{TOKEN}|"[^"]*")'
QVALUE = r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)"
# one element of the header: group 1 the media range, 3 its q-value (the njs module reads the same pattern)
RANGE_PATTERN = rf"\s*({TOKEN}/{TOKEN})\s*((?:{PARAMETER}\s*)*)(?:;\s*q\s*=\s*({QVALUE}))?\s*"
_RANGE = re.compile(RANGE_PATTERN, re.IGNORECASE)


@dataclass(frozen=True)
class Weighed:
    """How a request weighs each of our formats (thousandths: q=0.5 is 500), and the format it gets."""

    weights: dict[str, int]
    format: str | None  # None: 406


def ranges(accept: str) -> dict[str, int]:
    """Media range (lower case) -> weight in thousandths, each range as first listed; malformed ones left out."""
    found: dict[str, int] = {}
    for element in _elements(accept):
        match = _RANGE.fullmatch(element)
        if not match:
            continue
        media = match[1].lower()
        if media not in found:
            found[media] = thousandths(match[3])
    return found


def _elements(accept: str) -> list[str]:
    """The comma-separated elements of the header; a comma inside a quoted parameter value does not separate."""
    return [e for e in re.findall(r'(?:[^,"]|"[^"]*")+', accept) if e.strip()]


def thousandths(q: str | None) -> int:
    """`0.5` -> 500; absent -> 1000."""
    if q is None:
        return 1000
    whole, _dot, fraction = q.partition(".")
    return 1000 if whole == "1" else int((fraction + "000")[:3])


def weigh(accept: str | None) -> Weighed:
    """Each format's weight for this Accept header and the format chosen (see the module's docstring)."""
    listed = ranges(accept) if accept and accept.strip() else {"*/*": 1000}
    weights = {
        key: max([_weight(listed, MEDIA[key][0]), *(listed.get(alias, 0) for alias in MEDIA[key][1:])]) for key in ORDER
    }
    best, chosen = 0, None
    for key in ORDER:  # strictly heavier wins, so the earlier format keeps a tie
        if weights[key] > best:
            best, chosen = weights[key], key
    return Weighed(weights, chosen)


def _weight(listed: dict[str, int], media: str) -> int:
    for candidate in (media, f"{media.split('/')[0]}/*", "*/*"):  # the most specific range that is listed
        if candidate in listed:
            return listed[candidate]
    return 0


def decide(accept: str | None) -> str | None:
    """The format a request with this Accept header gets (None: 406)."""
    return weigh(accept).format
