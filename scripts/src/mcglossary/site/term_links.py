"""Link the glossary's terms where our own prose mentions them: the first mention of each term in a text."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

from mcglossary.site.model import Glossary, Ref, Term

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
MAX_WORDS = 6  # the longest label we look for, in words


class TermLinker:
    """Finds term labels in text by looking up runs of up to MAX_WORDS words (linear in the text, whatever the
    size of the glossary), so a 10,000-term glossary costs the same per word as a small one."""

    def __init__(self, glossary: Glossary) -> None:
        self.names: dict[str, Ref] = {}
        for term in glossary.terms:
            if term.deprecated:
                continue
            for label in (term.label, *term.alt_labels):
                key = self._key(label)
                if not key:
                    continue
                if len(key) < 4 and not label.isupper():  # "ECTS", "MOOC" yes; short common words no
                    continue
                self.names.setdefault(key, term.ref)

    @staticmethod
    def _key(text: str) -> str:
        return " ".join(match.group(0).casefold().replace("’", "'") for match in _WORD.finditer(text))

    def _lookup(self, words: list[str]) -> Ref | None:
        key = " ".join(words)
        found = self.names.get(key)
        if found is None and key.endswith("s"):  # a plural: "microcredentials", "qualifications", "processes"
            found = self.names.get(key[:-1]) or (self.names.get(key[:-2]) if key.endswith("es") else None)
        return found

    def link(self, text: str, here: Term | None, url: Callable[[str], str]) -> Markup:
        """`text` escaped, with the first mention of each other term turned into a link to its page."""
        words = list(_WORD.finditer(text or ""))
        out: list[str] = []
        done = {here.ref.iri} if here else set()
        position = i = 0
        while i < len(words):
            for size in range(min(MAX_WORDS, len(words) - i), 0, -1):
                run = words[i : i + size]
                ref = self._lookup([w.group(0).casefold().replace("’", "'") for w in run])
                if ref is not None and ref.iri not in done:
                    start, end = run[0].start(), run[-1].end()
                    out.append(str(escape(text[position:start])))
                    out.append(f'<a class="mcg-termlink" href="{escape(url(ref.path))}">{escape(text[start:end])}</a>')
                    done.add(ref.iri)
                    position, i = end, i + size
                    break
            else:
                i += 1
        out.append(str(escape(text[position:])))
        return Markup("".join(out))
