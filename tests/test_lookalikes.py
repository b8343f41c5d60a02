"""Labels a reader cannot tell apart compare equal; invisible characters are found, except where a script or an
emoji needs them."""

from __future__ import annotations

import pytest

from mcglossary.data.lookalikes import character_name, comparison_key, difference, invisible_characters
from mcglossary.data.message_text import shown


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Résumé", "Re\u0301sume\u0301"),  # NFC and NFD
        ("ﬁnal", "final"),  # a ligature (NFKC)
        ("Ｂａｄｇｅ", "Badge"),  # full-width letters
        ("micro\u2010credential", "micro-credential"),  # U+2010 HYPHEN
        ("micro\u2011credential", "micro-credential"),  # U+2011 NON-BREAKING HYPHEN
        ("micro\u2013credential", "micro-credential"),  # EN DASH
        ("micro\u2212credential", "micro-credential"),  # MINUS SIGN
        ("micro\u200bcredential", "microcredential"),  # ZERO WIDTH SPACE
        ("micro\u00adcredential", "microcredential"),  # SOFT HYPHEN
        ("\ufeffBadge", "Badge"),  # a byte order mark pasted at the start
        ("Digital  badge", "digital\u00a0badge"),  # two spaces, a no-break space
        ("STRASSE", "straße"),  # full case folding, not lower()
    ],
)
def test_look_alikes_compare_equal(first, second):
    assert comparison_key(first) == comparison_key(second)


@pytest.mark.parametrize(("first", "second"), [("microcredential", "micro-credential"), ("badge", "badges")])
def test_other_spellings_stay_different(first, second):
    assert comparison_key(first) != comparison_key(second)


def test_what_sets_look_alikes_apart_is_named():
    assert difference("Micro\u2010CREDENTIAL", "micro-credential") == "the kind of dash and case"
    assert difference("Bad\u200bge", "Badge") == "invisible characters"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Bad\u200bge", [(3, "\u200b")]),
        ("\ufeffBadge", [(0, "\ufeff")]),
        ("micro\u200dcredential", [(5, "\u200d")]),  # a joiner between Latin letters hides
        ("credential\u200c", [(10, "\u200c")]),  # or at the end
        ("\u202ereversed", [(0, "\u202e")]),  # bidi controls
        ("bell\x07", [(4, "\x07")]),  # control characters
        ("👩🏽\u200d🎓 graduate", []),  # an emoji sequence needs its joiner
        ("می\u200cخواهم", []),  # Persian needs the zero-width non-joiner
        ("क्\u200dष", []),  # and Devanagari the joiner
        ("line\none\ttab", []),
    ],
)
def test_invisible_characters(text, found):
    assert invisible_characters(text) == found


def test_invisible_characters_are_named_and_shown():
    assert character_name("\ufeff") == "U+FEFF BYTE ORDER MARK (BOM)"
    assert character_name("\u200b") == "U+200B ZERO WIDTH SPACE"
    assert shown("Bad\u200bge") == "Bad<U+200B>ge"
    assert shown("x" * 1_000_000) == "x" * 79 + "…"
    assert shown("two\nlines") == "two lines"
