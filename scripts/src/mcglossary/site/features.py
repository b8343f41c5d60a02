"""What a site feature is: a function that adds pages or files to the site beyond the glossary's own resources.

Each feature is a `Feature`, `(SiteContext) -> Extension`; the pipeline lists them (pipeline.FEATURES) and calls
`extend` once per build. A feature renders its pages with the same templates machinery (`SitePage`) and must stay
deterministic (same input, same bytes). Feature modules (in site/, publish/ and sparql/) import the two types from
here; this module imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mcglossary.data.export import DatasetFiles
from mcglossary.data.load import Ontology
from mcglossary.data.report import Report
from mcglossary.site.model import Glossary
from mcglossary.site.pages import SitePage


@dataclass(frozen=True)
class SiteContext:
    """What a feature may read: the loaded ontology, the model, the validation report and the project folder, and
    the build's `DatasetFiles` (the whole glossary serialised once per build; None: the feature makes its own)."""

    ontology: Ontology
    glossary: Glossary
    report: Report
    project: Path
    dataset: DatasetFiles | None = None


@dataclass
class Extension:
    pages: list[SitePage] = field(default_factory=list)
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (site path, content)


Feature = Callable[[SiteContext], Extension]


def extend(context: SiteContext, features: Iterable[Feature]) -> Extension:
    """Run each feature and gather their pages and files."""
    combined = Extension()
    for feature in features:
        part = feature(context)
        combined.pages.extend(part.pages)
        combined.files.extend(part.files)
    return combined
