"""Every file we rewrite is replaced whole or not at all: a full disk or a failed check leaves the old file, byte for
byte, and no temporary file behind (`mcg format`, `mcg export`, the release's scheme and snapshot)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import make_ontology
from mcglossary.cli import main
from mcglossary.data import atomic_write
from mcglossary.data.atomic_write import write_atomic


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (dot files too: a leftover temporary file shows up here)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, syncing a written file fails as it does when the disk fills up."""

    def no_space(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_write.os, "fsync", no_space)


def test_a_file_is_replaced_whole_and_keeps_its_permissions(tmp_path):
    path = tmp_path / "notes.ttl"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new ✓\n")
    assert path.read_text(encoding="utf-8") == "new ✓\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["notes.ttl"]


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.ttl", b"x")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.ttl").stat().st_mode & 0o777 == 0o644


def test_a_full_disk_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "alignments.ttl"
    path.write_bytes(b"the old text\n")
    full_disk(monkeypatch)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"the new text, which does not fit\n")
    assert contents(tmp_path) == {"alignments.ttl": b"the old text\n"}


def test_a_failed_check_leaves_the_old_file(tmp_path):
    path = tmp_path / "scheme.ttl"
    path.write_bytes(b"old")
    seen = []

    def refuse(written: Path) -> None:
        seen.append(written.read_bytes())
        raise ValueError("not what was meant")

    with pytest.raises(ValueError):
        write_atomic(path, b"new", check=refuse)
    assert seen == [b"new"]  # the check reads the new file, complete, before it replaces anything
    assert contents(tmp_path) == {"scheme.ttl": b"old"}


def test_mcg_format_on_a_full_disk_changes_nothing(tmp_path, monkeypatch, capsys):
    root = make_ontology(tmp_path)  # the base fixture is not in canonical form: format would rewrite it
    before = contents(root)
    full_disk(monkeypatch)
    assert main(["format", "--ontology", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith("No space left on device") and len(err.strip().splitlines()) == 1, err
    assert contents(root) == before


def test_mcg_export_on_a_full_disk_keeps_the_previous_export(tmp_path, monkeypatch, capsys):
    root = make_ontology(tmp_path)
    out = tmp_path / "dist"
    assert main(["export", "--ontology", str(root), "--out", str(out)]) == 0
    before = contents(out)
    full_disk(monkeypatch)
    assert main(["export", "--ontology", str(root), "--out", str(out)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert contents(out) == before
