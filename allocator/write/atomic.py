"""Atomic output: a reader never sees a half-written file, and a failed run leaves the old file intact."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces ``target`` in one step."""
    with _staged(target) as tmp:
        yield tmp
        os.replace(tmp, target)


@contextlib.contextmanager
def atomic_paths(*targets: str | Path) -> Iterator[tuple[Path, ...]]:
    """Several outputs as one transaction: yield a temporary path per target, in the target's folder; when the
    block succeeds, all of them replace their targets; when anything fails (the block, or a rename), the
    temporaries are removed and every old target is left as it was (one already replaced is put back)."""
    with contextlib.ExitStack() as stack:
        temps = tuple(stack.enter_context(_staged(t)) for t in targets)
        yield temps
        backups: list[tuple[Path, Path | None]] = []  # (target, its old content moved aside, or None)
        try:
            for target, tmp in zip(targets, temps, strict=True):
                target = Path(target)
                backup = None
                if target.exists():
                    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
                    os.close(fd)
                    backup = Path(name)
                    os.replace(target, backup)
                backups.append((target, backup))
                os.replace(tmp, target)
        except BaseException:
            for target, backup in reversed(backups):
                if backup is not None:
                    os.replace(backup, target)
                elif target.exists():
                    target.unlink()
            raise
        for _, backup in backups:
            if backup is not None and backup.exists():
                backup.unlink()


@contextlib.contextmanager
def _staged(target: str | Path) -> Iterator[Path]:
    """A temporary path next to ``target`` (shared like a saved file), removed on exit unless renamed."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield tmp
    finally:
        if tmp.exists():
            tmp.unlink()


@contextlib.contextmanager
def atomic_folder(target: str | Path) -> Iterator[Path]:
    """Yield a temporary folder next to ``target``; on success it becomes ``target`` whole (an existing
    ``target`` is set aside first and then removed), so a reader sees the old folder or the new one, never a mix.
    On failure ``target`` is left as it was. The caller decides whether an existing ``target`` may be replaced."""
    import shutil

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)
    old: Path | None = None
    try:
        yield tmp
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            os.replace(target, old / target.name)
        try:
            os.replace(tmp, target)
        except OSError:
            if old is not None:  # put the old folder back
                os.replace(old / target.name, target)
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
