"""Finding the ontology's Turtle files: every one of them, and a finding for each place where one may be missed.

A folder that cannot be listed or a link to a file that is not there would otherwise drop its Turtle files without
a word, and validation would then report what their absence breaks (dangling links, unreachable terms) instead of
the cause.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from mcglossary.data.export import DATASET_NAME
from mcglossary.data.report import Finding, relative

RELEASES = "releases"  # ontology/releases/<version>/<SNAPSHOT>: snapshots of releases, history rather than data
SNAPSHOT = f"{DATASET_NAME}.ttl"
SUFFIX = ".ttl"


def snapshot_path(root: Path, version: str) -> Path:
    """Where `mcg release` keeps the snapshot of `version`."""
    return Path(root) / RELEASES / version / SNAPSHOT


def scan(root: Path, display_root: Path) -> tuple[list[Path], list[Finding]]:
    """Every Turtle file under `root` in a stable order (release snapshots excepted), and what kept any from being
    read: folders that cannot be listed, links that lead nowhere or round in a loop."""
    files: list[Path] = []
    problems: list[Finding] = []

    def unlistable(error: OSError) -> None:
        folder = Path(error.filename or root)
        problems.append(
            Finding(
                "unreadable",
                f"cannot list the folder ({error.strerror or error}): its Turtle files would be left out; "
                "give yourself read and execute permission on it",
                file=relative(folder, display_root),
            )
        )

    for folder, subfolders, names in os.walk(root, onerror=unlistable):
        if Path(folder) == root and RELEASES in subfolders:
            subfolders.remove(RELEASES)
        for name in names:
            if not name.endswith(SUFFIX):
                continue
            path = Path(folder) / name
            if path.is_file():
                files.append(path)
            elif path.is_symlink():
                problems.append(_broken_link(path, display_root))
    return sorted(files), problems


def _broken_link(path: Path, display_root: Path) -> Finding:
    target = os.readlink(path)
    try:
        os.stat(path)
        reason = f"the symbolic link points at {target}, which is not a file"
    except FileNotFoundError:
        reason = f"the symbolic link points at {target}, which does not exist"
    except OSError as error:
        reason = (
            "the symbolic link leads round in a loop of links"
            if error.errno == errno.ELOOP
            else f"the symbolic link cannot be followed ({error.strerror})"
        )
    shown = f"{relative(path.parent, display_root)}/{path.name}"  # (the link itself, not where it leads)
    return Finding("broken-link", f"{reason}; fix or remove the link", file=shown)
