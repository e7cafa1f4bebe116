"""Drafts: a walk or a quick reflection in progress, saved on every answer so a crash or
Ctrl+Q loses nothing. A quick reflection's draft says so (kind = "quick").

A draft's file is named by its walk's id, checked (a hand-edited `walk_id` can never name
another file). A draft whose walk is already in the journal (coachtui was stopped between
saving the entry and removing the draft) is not offered back: it goes to the trash.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from coachtui import paths
from coachtui.core.ids import checked_id
from coachtui.core.quick import QuickAnswers
from coachtui.core.walk import WalkAnswers
from coachtui.store import journal, toml_io
from coachtui.store.safe_read import CouldNotRead
from coachtui.store.toml_io import Unreadable
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
    return (root or paths.drafts_dir()) / f"{checked_id(walk_id)}.toml"


def save(answers: WalkAnswers | QuickAnswers, root: Path | None = None) -> Path:
    return toml_io.write(draft_path(answers.walk_id, root), answers.model_dump(mode="python"))


def list_drafts(root: Path | None = None, journal_root: Path | None = None) -> DraftListing:
    """Readable drafts of walks not yet in the journal, newest first, and the drafts that
    could not be read (left untouched)."""
    folder = root or paths.drafts_dir()
    listing = DraftListing()
    try:
        with os.scandir(folder) as items:
            names = sorted(item.name for item in items
                           if item.name.endswith(".toml") and not item.name.startswith("."))
    except FileNotFoundError:
        return listing
    except OSError as error:
        listing.unreadable.append(Unreadable(folder, f"cannot be read: {error.strerror}"))
        return listing
    landed = journal.saved_ids(journal_root) if names else set()
    for path in (folder / name for name in names):
        try:
            draft = _read(path)
        except CouldNotRead as error:
            listing.unreadable.append(Unreadable(path, str(error)))
            continue
        if draft.answers.walk_id in landed:
            _retire(path)
        else:
            listing.drafts.append(draft)
    listing.drafts.sort(key=lambda draft: draft.answers.started, reverse=True)
    return listing


def answers_from(data: dict) -> WalkAnswers | QuickAnswers:
    """A draft's answers from its parsed file (raises as pydantic does if they are not valid)."""
    model = QuickAnswers if data.get("kind") == "quick" else WalkAnswers
    return model.model_validate(data)


def _read(path: Path) -> Draft:
    answers = toml_io.validated(toml_io.read(path), answers_from)
    if f"{answers.walk_id}.toml" != path.name:  # saved and removed under its id's name
        raise CouldNotRead(f"its walk_id {answers.walk_id!r} is not its file's name")
    return Draft(path, answers)


def _retire(path: Path) -> None:
    """A draft whose walk is already in the journal: offered back, "save as is" would save it
    twice. To the trash (never deleted outright); if that fails it is simply not offered."""
    try:
        move_to_trash(path, "drafts")
    except OSError:
        pass


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
