"""Putting a new site and downloads folder in place as a pair: staged together, swapped by renames, and a swap that
a kill interrupted finished at the next start.

A build writes both outputs into one staging folder, `.mcg-build-<random>/` beside the site (`site/` and `dist/`
inside it), which it holds a lock on while it runs. Once both are complete, `commit`:

1. writes the journal `swap.json` in the staging folder: which folders replace which, and the new folders' inode
   numbers (an inode survives a rename, so it tells at any later point whether a target already holds the new
   output);
2. swaps each output in: where Linux can, in one atomic exchange (renameat2 RENAME_EXCHANGE: the target is never
   missing, not even for an instant); elsewhere, the old folder is renamed into the staging folder and the new
   one into its place;
3. deletes the staging folder, and with it the old outputs.

Ctrl-C or SIGTERM during these renames waits until they are done. A kill that cannot wait (SIGKILL, a crash, a power
cut) leaves at most one of the pair swapped; `recover`, run at the start of the next build, then finishes the swap
from the journal (roll forward: both new), or, without a journal, deletes the staging folder (the targets were not
touched: both old). A staging folder whose lock is held belongs to a build still running and is left alone.
`recover` also removes what builds of earlier versions left when they were killed (`.site.new-*`, `.dist.old-*`).
So: neither output ever goes missing, each is always whole, and the pair is mixed (new site, old downloads) only
between the two renames of a running swap, or after a hard kill there until the next build starts.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from mcglossary.data.atomic_write import write_atomic
from mcglossary.data.output_folders import UnsafeOutput
from mcglossary.publish.rename_exchange import exchange

STAGING_PREFIX = ".mcg-build-"
JOURNAL = "swap.json"


class SwapError(UnsafeOutput):
    """An interrupted swap that cannot be finished; the message says which folder to look at (reported as an
    UnsafeOutput is: the build will not write until someone looks)."""


class OutputSwap:
    """`with OutputSwap(site, dist) as staged:` build into `staged.site` and `staged.dist`, then `staged.commit()`.
    Leaving the block without a commit (a failed build) deletes the staging folder and leaves the targets as they
    were."""

    def __init__(self, site: Path, dist: Path) -> None:
        self.targets = {"site": _absolute(site), "dist": _absolute(dist)}
        self.folder: Path | None = None
        self._lock: int | None = None

    @property
    def site(self) -> Path:
        return self._staged("site")

    @property
    def dist(self) -> Path:
        return self._staged("dist")

    def _staged(self, name: str) -> Path:
        return self._staging() / name

    def _staging(self) -> Path:
        if self.folder is None:
            raise RuntimeError("use OutputSwap in a with block")
        return self.folder

    def __enter__(self) -> OutputSwap:
        for target in self.targets.values():
            target.parent.mkdir(parents=True, exist_ok=True)
        check_swappable(self.targets["site"], self.targets["dist"])
        # `with` calls __exit__ only once __enter__ has returned: a Ctrl-C in here must clean up itself, and must
        # not come between creating the folder and noting its name
        try:
            with _uninterrupted():
                self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.targets["site"].parent))
                self._lock = _lock(self.folder)  # first: no other build's recover() may take it for a dead one's
                for name in self.targets:
                    (self.folder / name).mkdir()  # (mkdir, unlike mkdtemp, gives the usual permissions)
        except BaseException:
            self.__exit__()
            raise
        return self

    def commit(self) -> None:
        """Swap both staged outputs in (see the module's description)."""
        folder = self._staging()
        pairs = [(folder / name, target) for name, target in sorted(self.targets.items())]
        entries = [{"new": new.name, "target": str(target), "inode": _identity(new)} for new, target in pairs]
        journal = {"pairs": entries}
        with _locked(self.targets["site"].parent), _uninterrupted():
            write_atomic(folder / JOURNAL, json.dumps(journal, indent=1))
            try:
                for new, target in pairs:
                    _put_in_place(new, target, folder)
            except Exception:
                _roll_back(folder, journal)  # e.g. a target that cannot be renamed: the old pair stays
                raise
            _remove(folder)

    def __exit__(self, *exc: object) -> None:
        if self.folder is not None and self.folder.exists():
            _remove(self.folder)  # not committed: a failed build's partial outputs
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def check_swappable(site: Path, dist: Path) -> None:
    """Refuse, before anything is built or replaced, outputs that renames cannot swap."""
    for role, target in (("--site", site), ("--dist", dist)):
        if os.path.ismount(target):
            raise UnsafeOutput(
                f"{role} {target}: the folder is a mount point, which a build cannot replace (it swaps folders by "
                f"renaming them); build into a folder inside it instead, such as {target / 'site'}"
            )
    if os.stat(site.parent).st_dev != os.stat(dist.parent).st_dev:
        raise UnsafeOutput(
            f"--site {site} and --dist {dist}: the two outputs are on different file systems, so they cannot be "
            "swapped in as a pair by renames; put them on one"
        )


def recover(site: Path, dist: Path) -> None:
    """Finish or undo what killed builds left beside `site` and `dist`, and remove their leftovers."""
    site, dist = _absolute(site), _absolute(dist)
    parents = {site.parent, dist.parent}
    leftovers = _legacy_leftovers(site.name, dist.name)
    for parent in sorted(parents):
        if not parent.is_dir():
            continue
        with _locked(parent):
            for entry in sorted(parent.iterdir()):
                if entry.is_symlink() or not entry.is_dir():
                    continue
                if entry.name.startswith(STAGING_PREFIX):
                    _recover_staging(entry)
                elif leftovers.fullmatch(entry.name):
                    _remove(entry)


def _recover_staging(folder: Path) -> None:
    try:
        lock = _lock(folder, wait=False)
    except BlockingIOError:
        return  # a build that is still running holds it
    try:
        journal = folder / JOURNAL
        if journal.is_file():
            _roll_forward(folder, json.loads(journal.read_text(encoding="utf-8")))
        _remove(folder)
    finally:
        os.close(lock)


def _roll_forward(folder: Path, journal: dict) -> None:
    """Put each new output of the journal in place, unless it is there already."""
    for pair in journal["pairs"]:
        target, identity = Path(pair["target"]), pair["inode"]
        if _identity(target) == identity:
            continue
        new = _find(folder, identity)
        if new is None:
            raise SwapError(
                f"{folder}: an interrupted build's new {target.name} is missing, so its swap cannot be finished; "
                f"check {target} and delete {folder}"
            )
        _put_in_place(new, target, folder)


def _roll_back(folder: Path, journal: dict) -> None:
    """Undo a swap that failed part of the way (not a kill: an error): the old outputs go back in place."""
    for pair in reversed(journal["pairs"]):
        target = Path(pair["target"])
        if _identity(target) != pair["inode"]:
            continue  # still the old one
        # the old output is where _put_in_place left it: exchanged into the new one's place, or renamed aside
        places = (folder / f".old-{pair['new']}", folder / pair["new"])
        old = next((place for place in places if _identity(place) not in (None, pair["inode"])), None)
        if old is None:
            continue  # the target did not exist before: nothing to put back
        _put_in_place(old, target, folder, aside=f".undone-{pair['new']}")


def _put_in_place(new: Path, target: Path, folder: Path, aside: str | None = None) -> None:
    """`new` takes `target`'s place; the old target ends up inside `folder` (deleted with it)."""
    if not (target.exists() or target.is_symlink()):
        os.rename(new, target)
    elif not exchange(new, target):  # atomic where the system can; else the target is missing between two renames
        os.rename(target, folder / (aside or f".old-{new.name}"))
        os.rename(new, target)


def _find(folder: Path, identity: list[int]) -> Path | None:
    return next((entry for entry in _children(folder) if _identity(entry) == identity), None)


def _children(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _identity(path: Path) -> list[int] | None:
    """Device and inode: the same folder, whatever it is called now (a list, as the journal's JSON has it)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    return [status.st_dev, status.st_ino]


def _legacy_leftovers(*names: str) -> re.Pattern[str]:
    """The staging and old folders of builds before this module (tempfile.mkdtemp's 8 random characters)."""
    alternatives = "|".join(re.escape(name) for name in sorted(set(names)))
    return re.compile(rf"\.(?:{alternatives})\.(?:new|old)-[a-z0-9_]{{8}}")


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _lock(folder: Path, wait: bool = True) -> int:
    """An exclusive lock on `folder`, held until the returned descriptor is closed (or the process dies)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One swap or recovery at a time in `folder` (two builds of one project may run at once)."""
    descriptor = _lock(folder)
    try:
        yield
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then act as they would have (signals reach the main
    thread only; elsewhere there is nothing to hold back)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, _frame: received.append(number)) for number in held}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        for number in received:
            signal.raise_signal(number)
