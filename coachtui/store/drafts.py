"""Drafts: a walk in progress, saved on every answer so a crash or Ctrl+Q loses nothing."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from coachtui import paths
from coachtui.core.walk import WalkAnswers
from coachtui.store import toml_io
from coachtui.store.atomic import atomic_write


def draft_path(walk_id: str, root: Path | None = None) -> Path:
    return (root or paths.drafts_dir()) / f"{walk_id}.toml"


def save(answers: WalkAnswers, root: Path | None = None) -> Path:
    return toml_io.write(draft_path(answers.walk_id, root), answers.model_dump(mode="python"))


def list_drafts(root: Path | None = None) -> list[tuple[Path, WalkAnswers]]:
    """Readable drafts, newest first; unreadable ones are left where they are."""
    folder = root or paths.drafts_dir()
    found: list[tuple[Path, WalkAnswers]] = []
    if not folder.is_dir():
        return found
    for path in folder.glob("*.toml"):
        try:
            found.append((path, WalkAnswers.model_validate(toml_io.read(path))))
        except (*toml_io.READ_ERRORS, ValidationError):
            continue
    found.sort(key=lambda pair: pair[1].started, reverse=True)
    return found


def remove(walk_id: str, root: Path | None = None) -> None:
    """Forget a draft once its walk is safely in the journal."""
    try:
        os.unlink(draft_path(walk_id, root))
    except FileNotFoundError:
        pass


def discard(walk_id: str, root: Path | None = None) -> Path | None:
    """Move a draft the person no longer wants to the trash (never deleted outright)."""
    source = draft_path(walk_id, root)
    if not source.exists():
        return None
    target = paths.trash_dir() / "drafts" / source.name
    atomic_write(target, source.read_bytes())
    source.unlink()
    return target
