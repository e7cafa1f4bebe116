"""What the scenario list shows of a library: each usable playbook's title, channel and
summary, and each file that could not be used with its first problem.

Plain data, no pydantic: the playbook cache keeps the last start's listing, so the list can
be shown before the models are imported and the playbooks validated (they follow at once,
in the loading thread, before a walk can start).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coachtui.store.playbooks import Library


@dataclass(frozen=True)
class Listed:
    """A usable playbook as the list shows it."""

    id: str
    title: str
    channel: str
    summary: str
    origin: str  # "bundled" or "user"
    overrides_bundled: bool


@dataclass(frozen=True)
class Unusable:
    """A file that could not be used: its name and its first problem, short."""

    name: str
    first_line: str


@dataclass(frozen=True)
class Listing:
    playbooks: tuple[Listed, ...] = ()
    broken: tuple[Unusable, ...] = ()

    @property
    def ids(self) -> list[str]:
        return [listed.id for listed in self.playbooks]


def listing_of(library: Library) -> Listing:
    return Listing(
        tuple(Listed(pid, loaded.playbook.title, loaded.playbook.channel,
                     loaded.playbook.summary, loaded.origin, loaded.overrides_bundled)
              for pid, loaded in library.playbooks.items()),
        tuple(Unusable(error.file.name, error.first_line) for error in library.broken))


def to_json(listing: Listing) -> dict:
    return {"playbooks": [asdict(listed) for listed in listing.playbooks],
            "broken": [asdict(unusable) for unusable in listing.broken]}


def from_json(data: object) -> Listing:
    """The listing `to_json` wrote, or ValueError if `data` is anything else."""
    if not isinstance(data, dict) or set(data) != {"playbooks", "broken"}:
        raise ValueError("not a listing")
    return Listing(tuple(_exactly(Listed, item) for item in _list(data["playbooks"])),
                   tuple(_exactly(Unusable, item) for item in _list(data["broken"])))


_TYPES = {Listed: {"id": str, "title": str, "channel": str, "summary": str, "origin": str,
                   "overrides_bundled": bool},
          Unusable: {"name": str, "first_line": str}}


def _list(value: object) -> list:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def _exactly(kind: type, item: object):
    """`kind` from a dict with exactly its fields, each of its type."""
    fields = _TYPES[kind]
    if not isinstance(item, dict) or set(item) != set(fields) or not all(
            type(item[name]) is wanted for name, wanted in fields.items()):
        raise ValueError(f"not a {kind.__name__}")
    if kind is Listed and item["origin"] not in ("bundled", "user"):
        raise ValueError("not an origin")
    return kind(**item)
