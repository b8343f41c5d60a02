"""Which folders a build may write into, the marker that says a folder is ours, and paths proven to stay inside one."""

from __future__ import annotations

import os
from pathlib import Path

MARKER = ".mcg-output"
MARKER_TEXT = "Written by `mcg build` / `mcg export`: this folder is replaced or rewritten at each build.\n"
SOURCE_FOLDERS = ("ontology", "docs", "scripts", "tests")


class UnsafeOutput(Exception):
    """An output folder the build refuses to write into; the message is one line saying why and what to do."""


def check_output_folder(folder: Path, project: Path, role: str) -> None:
    """Refuse `folder` as the build's `role` output (e.g. "--site") unless writing there cannot destroy anything
    we did not write. `project` is the folder of the mkdocs config (the project root)."""
    target = Path(os.path.abspath(folder)).resolve()
    root = Path(os.path.abspath(project)).resolve()
    cwd = Path.cwd().resolve()
    shown = f"{role} {folder}"
    protected = {Path("/"), root, cwd, Path.home().resolve()}
    if target in protected or target.parent == Path("/home") or target == Path("/root"):
        raise UnsafeOutput(
            f"{shown}: refusing to build into the project, the current or a home folder, or /; "
            "choose a new folder such as site/"
        )
    for place in (root, cwd):
        if place.is_relative_to(target):
            raise UnsafeOutput(
                f"{shown}: the folder holds the project ({place}); choose a folder inside it, such as site/"
            )
        for source in SOURCE_FOLDERS:
            if target.is_relative_to(place / source):
                raise UnsafeOutput(
                    f"{shown}: the folder is inside the project's {source}/ folder; "
                    "choose a folder outside the sources, such as site/"
                )
    if target.is_dir():
        names = {entry.name for entry in target.iterdir()}
        ours = MARKER in names  # (a site of ours has an ontology/ page folder, so sources count only if unmarked)
        if ".git" in names or (not ours and any(name in names for name in SOURCE_FOLDERS)):
            raise UnsafeOutput(
                f"{shown}: the folder holds a repository or the project's sources; choose another folder"
            )
        if names and not ours:
            raise UnsafeOutput(
                f"{shown}: the folder is not empty and was not written by mcg (no {MARKER} file in it); "
                "empty or remove it yourself, or choose another folder"
            )
    elif target.exists():
        raise UnsafeOutput(f"{shown}: this is a file, not a folder; choose a folder")


def check_output_pair(site: Path, dist: Path) -> None:
    """The site and the downloads must not be the same folder, nor one inside the other (one swap would delete
    the other's output)."""
    a, b = Path(os.path.abspath(site)).resolve(), Path(os.path.abspath(dist)).resolve()
    if a.is_relative_to(b) or b.is_relative_to(a):
        raise UnsafeOutput(
            f"--site {site} and --dist {dist}: the two outputs must be separate folders, neither inside the other"
        )


def mark(folder: Path) -> None:
    """Leave the marker that lets the next build replace this folder."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def inside(folder: Path, relative: str) -> Path:
    """`folder / relative`, proven to resolve inside `folder` (no `..`, absolute part or link leads out)."""
    base = Path(folder).resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise UnsafeOutput(f"refusing to write {relative!r}: it resolves outside {folder}")
    return target
