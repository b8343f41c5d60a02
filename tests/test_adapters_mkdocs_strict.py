"""Canary for adapters/mkdocs_strict.py: mkdocs still counts a strict build's warnings with a CountHandler on its
logger, which lift_strict_mode removes (if mkdocs changes how, this fails before serve starts hanging again)."""

from __future__ import annotations

import inspect
import logging

from mkdocs.commands import build
from mkdocs.utils import CountHandler

from mcglossary.adapters.mkdocs_strict import lift_strict_mode


def test_mkdocs_counts_strict_warnings_with_a_count_handler():
    assert "CountHandler()" in inspect.getsource(build.build)


def test_lift_strict_mode_stops_the_count():
    logger = logging.getLogger("mkdocs")
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger.addHandler(counter)
    try:
        lift_strict_mode()
        logger.warning("a warning after the lift")
        assert counter not in logger.handlers
        assert counter.get_counts() == []
    finally:
        logger.removeHandler(counter)
