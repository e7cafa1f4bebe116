"""Drafts: a walk or a quick reflection in progress, saved on every answer so a crash or
Ctrl+Q loses nothing. A quick reflection's draft says so (kind = "quick")."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from coachtui import paths
from coachtui.core.quick import QuickAnswers
from coachtui.core.walk import WalkAnswers
from coachtui.store import toml_io
from coachtui.store.toml_io import Unreadable, why_unreadable
from coachtui.store.trash import move_to_trash


@dataclass(frozen=True)
class Draft:
    path: Path
    answers: WalkAnswers | QuickAnswers


@dataclass
class DraftListing:
    drafts: list[Draft] = field(default_factory=list)  # newest first
    unreadable: list[Unreadable] = field(default_factory=list)


def draft_path(walk_id: str, root: Path | None = None) -> Path:
    return (root or paths.drafts_dir()) / f"{walk_id}.toml"


def save(answers: WalkAnswers | QuickAnswers, root: Path | None = None) -> Path:
    return toml_io.write(draft_path(answers.walk_id, root), answers.model_dump(mode="python"))


def list_drafts(root: Path | None = None) -> DraftListing:
    """Readable drafts, newest first, and the ones that could not be read (left untouched)."""
    folder = root or paths.drafts_dir()
    listing = DraftListing()
    if not folder.is_dir():
        return listing
    for path in sorted(folder.glob("*.toml")):
        try:
            data = toml_io.read(path)
            model = QuickAnswers if data.get("kind") == "quick" else WalkAnswers
            listing.drafts.append(Draft(path, model.model_validate(data)))
        except (*toml_io.READ_ERRORS, ValidationError) as error:
            listing.unreadable.append(Unreadable(path, why_unreadable(error)))
    listing.drafts.sort(key=lambda draft: draft.answers.started, reverse=True)
    return listing


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
    return move_to_trash(source, "drafts")
