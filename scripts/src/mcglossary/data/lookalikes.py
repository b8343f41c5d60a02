"""Text that looks alike but compares different: the form labels are compared in, and the invisible characters.

Two labels a reader cannot tell apart must count as one label: "é" composed or as "e" plus an accent (NFC vs NFD),
"ﬁ" and "fi", a non-breaking hyphen (U+2011) or a minus sign (U+2212) and "-", "Badge" and "badge", two spaces and
one, or a zero-width space in the middle. Invisible characters are also worth a finding of their own: a curator
who pasted one cannot see it, and it makes a search for the label miss.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# Dashes a reader takes for "-" (NFKC already maps the small and full-width hyphen-minus, U+FE63 and U+FF0D, to it,
# and U+2011 to U+2010).
_DASHES = str.maketrans({code: "-" for code in (*range(0x2010, 0x2016), 0x2212)})
# Joiners have a legitimate use between letters of scripts that join (Persian, Indic scripts) and inside emoji
# sequences (👩🏽‍🎓); between Latin, Greek or Cyrillic letters, spaces, ASCII or at either end they only hide.
_JOINERS = {"\u200c", "\u200d"}
_NON_JOINING_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")
_EMOJI_TAG = "\U0001f3f4"  # a black flag followed by tag characters spells a subdivision flag (Scotland's, ...)
_NAMES = {"\ufeff": "BYTE ORDER MARK (BOM)"}


def _normalized(form: str) -> Callable[[str], str]:
    return lambda text: unicodedata.normalize(form, text)


# The steps from a label to the form labels are compared in, each with what it sets aside.
_STEPS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("invisible characters", lambda text: "".join(c for c in text if unicodedata.category(c) != "Cf")),
    ("accents written as one character or as a letter and a combining accent (NFC/NFD)", _normalized("NFC")),
    ("compatibility characters such as ligatures or full-width letters (NFKC)", _normalized("NFKC")),
    ("the kind of dash", lambda text: text.translate(_DASHES)),
    ("case", str.casefold),
    ("spaces", lambda text: " ".join(text.split())),
)


def comparison_key(text: str) -> str:
    """The form two labels are compared in: without invisible characters, NFKC, dashes as "-", case folded,
    whitespace collapsed."""
    return unicodedata.normalize("NFKC", _through(text))  # (case folding can undo NFKC: once more at the end)


def difference(first: str, second: str) -> str:
    """What sets two look-alike labels apart, for a message: "the kind of dash", "case and spaces", ...: the steps
    that changed one label and not the other, or that made them equal."""
    differences = []
    for name, step in _STEPS:
        if first == second:
            break
        first_next, second_next = step(first), step(second)
        if (first_next != first) != (second_next != second) or first_next == second_next:
            differences.append(name)
        first, second = first_next, second_next
    return " and ".join(differences)


def _through(text: str) -> str:
    for _name, step in _STEPS:
        text = step(text)
    return text


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """The invisible characters of `text` that are not part of its writing: (position, character)."""
    found = []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        invisible = category == "Cf" or (category == "Cc" and char not in "\t\n\r")
        if invisible and not _legitimate(text, index):
            found.append((index, char))
    return found


def character_name(char: str) -> str:
    """`U+200B ZERO WIDTH SPACE`: how a message names a character nobody can see."""
    name = _NAMES.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def _legitimate(text: str, index: int) -> bool:
    char = text[index]
    if 0xE0020 <= ord(char) <= 0xE007F:  # tag characters, inside a subdivision flag only
        return _EMOJI_TAG in text[max(0, index - 40) : index]
    if char not in _JOINERS or index == 0 or index == len(text) - 1:
        return False
    return _joins(text[index - 1]) and _joins(text[index + 1])


def _joins(neighbour: str) -> bool:
    """A character a joiner may stand next to: not a space or ASCII, nor a letter of a script that never joins."""
    if neighbour.isspace() or neighbour.isascii():
        return False
    return not unicodedata.name(neighbour, "").startswith(_NON_JOINING_SCRIPTS)
