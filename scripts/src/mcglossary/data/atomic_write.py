"""Replacing a file all at once: written beside it, synced, checked, then renamed over it.

A file rewritten in place is cut off when the disk fills up or the process is killed half-way (a `mcg format` on a
full disk once left an ontology file ending mid-statement). Written to a temporary file in the same folder (so the
rename stays on one file system, where it is atomic) and synced before the rename, the file is at every instant
either the old one or the new one, whole. Leftover temporary files are dot files ending in `.tmp`, which the loader
(`*.ttl`) never reads.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes | str, check: Callable[[Path], None] | None = None) -> None:
    """Replace `path` with `data` (str is written as UTF-8). `check`, when given, is called with the temporary
    file once it is written and synced, and may raise to keep the old file: the new one is then deleted."""
    path = Path(path)
    content = data.encode("utf-8") if isinstance(data, str) else data
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())  # on the disk before the rename makes it the file: no empty file after a crash
        _keep_mode(path, temporary)
        if check is not None:
            check(temporary)
        os.replace(temporary, path)
    except BaseException:  # KeyboardInterrupt too: never leave the temporary file behind
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)


def _keep_mode(original: Path, replacement: Path) -> None:
    """The new file gets the old file's permissions (mkstemp makes it private), or the usual ones for a new file."""
    try:
        mode = stat.S_IMODE(original.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(replacement, mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot sync a folder, which only weakens that."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
