"""Lifting mkdocs' strict mode for the build under way (mkdocs offers no way: it decides before any plugin runs).

mkdocs counts warnings from the start of a build when `strict` is set, and aborts at its end if any came. A build
that shows the glossary's findings in place of its pages (mkdocs serve with broken data) expects warnings (links
from hand-written pages to glossary pages it does not build), and must not abort; the next build is strict again.
"""

from __future__ import annotations

import logging

from mkdocs.utils import CountHandler


def lift_strict_mode() -> None:
    """Stop counting this build's warnings (mkdocs 1.6 counts them with a CountHandler on its logger)."""
    logger = logging.getLogger("mkdocs")
    for handler in [h for h in logger.handlers if isinstance(h, CountHandler)]:
        logger.removeHandler(handler)
