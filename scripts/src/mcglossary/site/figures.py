"""The glossary's headline figures (terms, quotations, organisations, mappings), for the About page and the README."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mcglossary.site.model import Glossary

MARKER = "<!-- glossary:figures -->"  # where docs pages ask for the table


@dataclass(frozen=True)
class Figures:
    terms: int
    quoted_once: int  # terms with exactly one quoted definition
    quoted_more: int  # terms with two or more
    several_organisations: int  # terms quoted from two or more different organisations
    quotations: int
    organisations: int
    initiatives: int
    topics: int
    mappings: dict[str, int]  # vocabulary title -> number of mappings

    def rows(self) -> list[tuple[str, int]]:
        return [
            ("Terms", self.terms),
            ("Terms with no quoted definition yet", self.terms - self.quoted_once - self.quoted_more),
            ("Terms with one quoted definition", self.quoted_once),
            ("Terms with two or more quoted definitions", self.quoted_more),
            ("Terms quoted from two or more organisations", self.several_organisations),
            ("Quoted definitions", self.quotations),
            ("Organisations", self.organisations),
            ("Initiatives", self.initiatives),
            ("Topics", self.topics),
            *((f"Mappings to {title}", count) for title, count in self.mappings.items()),
        ]

    def markdown(self) -> str:
        lines = ["| What | How many |", "|---|---:|"]  # named columns: a table needs its headers read out
        lines += [f"| {label} | {count:,} |" for label, count in self.rows()]
        return "\n".join(lines)


def figures(glossary: Glossary) -> Figures:
    live = glossary.live_terms
    counts = [len(term.source_definitions) for term in live]
    vocabularies = Counter(m.vocabulary.title if m.vocabulary else "other vocabularies" for m in glossary.mappings)
    return Figures(
        terms=len(live),
        quoted_once=sum(1 for n in counts if n == 1),
        quoted_more=sum(1 for n in counts if n >= 2),
        several_organisations=sum(
            1 for term in live if len({d.organisation.iri for d in term.source_definitions}) >= 2
        ),
        quotations=sum(counts),
        organisations=len(glossary.organisations),
        initiatives=len(glossary.initiatives),
        topics=len(glossary.topics),
        mappings=dict(sorted(vocabularies.items(), key=lambda item: (-item[1], item[0]))),
    )


def with_figures(markdown: str, glossary: Glossary) -> str:
    """A hand-written page with its figures marker replaced by the current table."""
    return markdown.replace(MARKER, figures(glossary).markdown()) if MARKER in markdown else markdown
