"""Features that add pages or files to the site beyond the glossary's own resources.

Each feature is a function `(SiteContext) -> Extension`, listed in FEATURES at the end of this module; the
plugin calls `extend` once per build. A feature renders its pages with the same templates machinery
(`SitePage`) and must stay deterministic (same input, same bytes). Feature modules import `Extension` and
`SiteContext` from here, so they are imported at the bottom, after those are defined.
"""

from __future__ import annotations

from collections.abc import Callable
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


def extend(context: SiteContext) -> Extension:
    """Run every feature and gather their pages and files."""
    combined = Extension()
    for feature in FEATURES:
        part = feature(context)
        combined.pages.extend(part.pages)
        combined.files.extend(part.files)
    return combined


from mcglossary.publish.minted import minted_feature  # noqa: E402
from mcglossary.publish.site_features import catalogue_feature, publishing_feature, versions_feature  # noqa: E402
from mcglossary.site.quality_page import quality_feature  # noqa: E402
from mcglossary.sparql.example_pages import sparql_feature  # noqa: E402  (features come after the types they use)
from mcglossary.sparql.query_pages import query_feature  # noqa: E402

FEATURES: list[Callable[[SiteContext], Extension]] = [
    sparql_feature,
    query_feature,
    minted_feature,
    publishing_feature,
    catalogue_feature,
    versions_feature,
    quality_feature,
]
