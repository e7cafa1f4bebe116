"""What the journal screens do to entries: star, tag, edit, delete to the trash, undo
(the undo also brings back a discarded draft).

Every change goes through the store's conflict check (an entry changed elsewhere since it
was read is never overwritten) and every failure is told in one sentence. Another window,
an editor or a sync may have moved, broken or locked the entry's file since it was shown:
then nothing is changed, the file is left as it is, and the sentence says so.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


class JournalActions:
    """Mixed into the app, so any screen can change an entry the same way."""

    def change_entry(self, path: Path, change: Callable[[object], dict]) -> bool:
        """Apply `change(entry) -> {field: value}` to the entry in `path`; True if saved."""
        from pydantic import ValidationError

        from coachtui.store import journal
        from coachtui.store.atomic import why_not_written
        from coachtui.store.safe_read import CouldNotRead

        try:
            entry, stamp = journal.read_for_edit(path)
        except journal.UNREADABLE as error:
            self.tell_unreadable(path, error, "Not changed")
            return False
        changes = change(entry)
        try:
            journal.update(path, entry.model_validate({**entry.model_dump(), **changes}), stamp)
        except journal.ChangedOnDisk as error:
            self.tell(f"Not changed: {error}; open it again to see the new version.",
                      severity="warning")
            return False
        except CouldNotRead as error:  # moved or broken meanwhile (another window, an editor)
            self.tell(f"Not changed: {path.name} {error}.", severity="warning")
            return False
        except ValidationError as error:
            from coachtui.store.toml_io import first_problem

            self.tell(f"Not changed: {first_problem(error)}.", severity="error")
            return False
        except OSError as error:
            self.tell(f"The entry could not be changed because {why_not_written(error)}.",
                      severity="error")
            return False
        if {"sensitive", "next_time"} & changes.keys():  # off (or on) the home screen
            newest = journal.latest()
            self.session.last_next_time = newest.next_time if newest else ""
        return True

    def delete_entry(self, path: Path) -> Path | None:
        """Move an entry to the trash; where it went, or None (and why, told)."""
        from coachtui.store import journal
        from coachtui.store.atomic import why_not_written

        try:
            trashed = journal.delete(path)
        except FileNotFoundError as error:
            self.tell_unreadable(path, error, "Nothing moved to the trash")
            return None
        except OSError as error:
            self.tell(f"The entry could not be moved to the trash because "
                      f"{why_not_written(error)}, so it stays in your journal.", severity="error")
            return None
        self.tell("Entry moved to the trash; Ctrl+Z in the journal brings it back.")
        return trashed

    def restore_entry(self, trashed: Path, original: Path) -> bool:
        return self.bring_back(trashed, original, "Entry back in your journal.")

    def bring_back(self, trashed: Path, original: Path, done: str) -> bool:
        """Undo a move to the trash (an entry's or a draft's), never over another file;
        True if it is back, `done` told."""
        from coachtui.store import trash
        from coachtui.store.atomic import why_not_written

        try:
            trash.restore(trashed, original)
        except FileExistsError:
            self.tell(f"Not brought back: another file is now at {original.name}; it stays in "
                      f"{trashed.parent}.", severity="warning")
            return False
        except OSError as error:
            self.tell(f"Not brought back because {why_not_written(error)}; it stays in "
                      f"{trashed.parent}.", severity="error")
            return False
        self.tell(done)
        return True

    def tell_unreadable(self, path: Path, error: Exception, outcome: str) -> None:
        """One sentence: `outcome` ("Not changed"), because the entry's file is gone or can
        no longer be read. The file itself is never touched."""
        from coachtui.store.toml_io import why_unreadable

        if not os.path.lexists(path):
            why = "is no longer in your journal (moved or deleted elsewhere)"
        else:
            why = f"could not be read ({why_unreadable(error)}); it was left as it is"
        self.tell(f"{outcome}: {path.name} {why}.", severity="warning")
