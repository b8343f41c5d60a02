"""The site and the downloads are swapped in as a pair: a build killed at any step of the swap leaves both folders
whole (each all old or all new, never missing), and the next start makes the pair consistent again and removes
what killed builds left. Kills are real (SIGKILL, in a child process) at every step, with and without the atomic
exchange of renameat2."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import make_project
from mcglossary.data.output_folders import UnsafeOutput
from mcglossary.publish import output_swap
from mcglossary.publish.output_swap import STAGING_PREFIX, OutputSwap, recover

# A child process: an old pair in place, a new pair staged; it kills itself with SIGKILL right before step
# `kill_at` of the swap (the steps: the journal's rename, each rename or exchange, the removal of the staging folder).
KILLED_SWAP = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from mcglossary.publish import output_swap

    parent, kill_at, atomic = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "exchange"
    steps = []

    def step(name, action):
        def run(*args, **kwargs):
            steps.append(name)
            if len(steps) > kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return action(*args, **kwargs)
        return run

    real_exchange = output_swap.exchange
    os.replace = step("journal", os.replace)
    os.rename = step("rename", os.rename)
    output_swap.exchange = step("exchange", real_exchange if atomic else lambda first, second: False)
    output_swap._remove = step("remove", output_swap._remove)
    with output_swap.OutputSwap(parent / "site", parent / "dist") as staged:
        for folder in (staged.site, staged.dist):
            (folder / "age").write_text("new")
            (folder / "page.html").write_text("new page")
        staged.commit()
    print(",".join(steps))
    """
)


def old_pair(parent: Path) -> None:
    for name in ("site", "dist"):
        (parent / name).mkdir()
        (parent / name / "age").write_text("old")
        (parent / name / "page.html").write_text("old page")
        (parent / name / "only-old.html").write_text("old")


def age(folder: Path) -> str:
    """ "old" or "new" for a whole output; anything else (missing, mixed) fails the test."""
    names = sorted(p.name for p in folder.iterdir())
    version = (folder / "age").read_text()
    expected = ["age", "only-old.html", "page.html"] if version == "old" else ["age", "page.html"]
    assert names == expected and (folder / "page.html").read_text() == f"{version} page", (folder, names)
    return version


def entries(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir())


def run_killed_swap(parent: Path, kill_at: int, mode: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", KILLED_SWAP, str(parent), str(kill_at), mode], capture_output=True, text=True
    )


EXCHANGE_STEPS = ["journal", "exchange", "exchange", "remove"]
RENAME_STEPS = ["journal", "exchange", "rename", "rename", "exchange", "rename", "rename", "remove"]


@pytest.mark.parametrize(("mode", "steps"), [("exchange", EXCHANGE_STEPS), ("rename", RENAME_STEPS)])
def test_the_steps_of_a_swap(tmp_path, mode, steps):
    old_pair(tmp_path)
    result = run_killed_swap(tmp_path, 99, mode)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ",".join(steps)
    assert entries(tmp_path) == ["dist", "site"]
    assert age(tmp_path / "site") == age(tmp_path / "dist") == "new"


@pytest.mark.parametrize(
    ("mode", "kill_at"), [("exchange", k) for k in range(len(EXCHANGE_STEPS))] + [("rename", k) for k in range(8)]
)
def test_a_kill_at_any_step_leaves_whole_outputs_and_the_next_start_makes_the_pair_consistent(tmp_path, mode, kill_at):
    old_pair(tmp_path)
    result = run_killed_swap(tmp_path, kill_at, mode)
    assert result.returncode == -signal.SIGKILL, result.stderr
    if mode == "exchange":  # never missing, each one whole; mixed only between the two exchanges
        ages = {age(tmp_path / "site"), age(tmp_path / "dist")}
        assert ages == ({"old", "new"} if kill_at == 2 else {"old"} if kill_at < 2 else {"new"})
    else:  # each one whole; missing only between the two renames that replace it
        missing = [name for name in ("site", "dist") if not (tmp_path / name).exists()]
        assert missing == {3: ["dist"], 6: ["site"]}.get(kill_at, [])
        for name in {"site", "dist"} - set(missing):
            age(tmp_path / name)
    recover(tmp_path / "site", tmp_path / "dist")
    assert entries(tmp_path) == ["dist", "site"]  # no staging folder, no old folder left
    pair = {age(tmp_path / "site"), age(tmp_path / "dist")}
    assert pair == ({"old"} if kill_at == 0 else {"new"})  # before the journal: as it was; after it: finished


def test_a_failed_build_leaves_the_outputs_and_no_staging(tmp_path):
    old_pair(tmp_path)
    with pytest.raises(RuntimeError), OutputSwap(tmp_path / "site", tmp_path / "dist") as staged:
        (staged.site / "age").write_text("half")
        raise RuntimeError("mkdocs failed")
    assert entries(tmp_path) == ["dist", "site"]
    assert age(tmp_path / "site") == age(tmp_path / "dist") == "old"


@pytest.mark.parametrize("atomic", [True, False])
def test_a_swap_that_fails_half_way_puts_the_old_pair_back(tmp_path, monkeypatch, atomic):
    """Not a kill but an error (the site folder is busy): the downloads already swapped go back."""
    old_pair(tmp_path)
    real_exchange, real_rename = output_swap.exchange, os.rename

    def busy(path: object) -> None:
        if Path(path) == tmp_path / "site":
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(path))

    def exchange(first: Path, second: Path) -> bool:
        busy(second)
        return real_exchange(first, second) if atomic else False

    def rename(source: object, target: object) -> None:
        busy(source)
        real_rename(source, target)

    monkeypatch.setattr(output_swap, "exchange", exchange)
    monkeypatch.setattr(output_swap.os, "rename", rename)
    with pytest.raises(OSError, match="busy"), OutputSwap(tmp_path / "site", tmp_path / "dist") as staged:
        for folder in (staged.site, staged.dist):
            (folder / "age").write_text("new")
            (folder / "page.html").write_text("new page")
        staged.commit()
    assert entries(tmp_path) == ["dist", "site"]
    assert age(tmp_path / "site") == age(tmp_path / "dist") == "old"


def test_a_running_builds_staging_is_left_alone(tmp_path):
    old_pair(tmp_path)
    with OutputSwap(tmp_path / "site", tmp_path / "dist") as staged:
        recover(tmp_path / "site", tmp_path / "dist")  # another build starting meanwhile
        assert staged.site.is_dir()
    assert entries(tmp_path) == ["dist", "site"]


def test_leftovers_of_earlier_builds_are_removed_and_nothing_else(tmp_path):
    old_pair(tmp_path)
    for name in (".site.new-abcd1234", ".dist.old-x_y9z8w7/dist", f"{STAGING_PREFIX}k1ll3d00/site", ".site.new-mine"):
        (tmp_path / name).mkdir(parents=True)
    (tmp_path / ".site.old-file0000").write_text("a file, not a build's folder")
    recover(tmp_path / "site", tmp_path / "dist")
    assert entries(tmp_path) == [".site.new-mine", ".site.old-file0000", "dist", "site"]


@pytest.fixture
def terminal_ctrl_c() -> Iterator[None]:
    """Ctrl-C as in a terminal: a test run started in the background (`pytest &` in a script) has SIGINT ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_waits_until_the_renames_are_done(terminal_ctrl_c):
    done = []
    with pytest.raises(KeyboardInterrupt), output_swap._uninterrupted():
        signal.raise_signal(signal.SIGINT)
        done.append("the rest of the swap")
    assert done == ["the rest of the swap"]


def test_ctrl_c_while_the_staging_folder_is_made_leaves_no_folder(tmp_path, monkeypatch, terminal_ctrl_c):
    """`with` calls __exit__ only after __enter__ returns; a loaded test run once saw a Ctrl-C at this moment leave
    the folder."""
    old_pair(tmp_path)
    real_lock = output_swap._lock

    def lock_then_ctrl_c(folder: Path, **options: bool) -> int:
        signal.raise_signal(signal.SIGINT)
        return real_lock(folder, **options)

    monkeypatch.setattr(output_swap, "_lock", lock_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt), OutputSwap(tmp_path / "site", tmp_path / "dist"):
        pytest.fail("the build went ahead after Ctrl-C")
    assert entries(tmp_path) == ["dist", "site"]


def test_a_mount_point_is_refused_before_anything_is_built(tmp_path, monkeypatch):
    old_pair(tmp_path)
    monkeypatch.setattr(output_swap.os.path, "ismount", lambda path: Path(path) == tmp_path / "site")
    with pytest.raises(UnsafeOutput, match="mount point"), OutputSwap(tmp_path / "site", tmp_path / "dist"):
        pytest.fail("the build went ahead")
    assert entries(tmp_path) == ["dist", "site"]


def test_the_next_mcg_build_recovers_and_cleans_up(tmp_path):
    project = make_project(tmp_path)
    mcg = [sys.executable, "-m", "mcglossary.cli", "build"]
    assert subprocess.run(mcg, cwd=project, capture_output=True).returncode == 0
    # a build killed while it was building, and what builds before the pair swap left
    (project / f"{STAGING_PREFIX}abcdefgh" / "site").mkdir(parents=True)
    (project / ".site.new-12345678").mkdir()
    (project / ".dist.old-abcdefgh" / "dist").mkdir(parents=True)
    result = subprocess.run(mcg, cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == []
