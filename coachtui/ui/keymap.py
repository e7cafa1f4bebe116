"""The `[keys]` table of config.toml: any binding remapped by its id (Textual's keymap).

Every binding that matters has an id (`Binding(..., id="journal")`); the table maps an id
to the keys it should answer to (`journal = "ctrl+j"`, or several: `"ctrl+j,f3"`). An id
no binding has, or a key Textual could never send, is named with a suggestion, and only
that entry is left out: the others apply.
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Iterator

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, Keys

from coachtui.core.checks import did_you_mean

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
# Named keys a terminal sends (Textual's names); a letter or a symbol is itself.
NAMED_KEYS = sorted(name for name in {key.value.rpartition("+")[2] for key in Keys}
                    | set(KEY_NAME_REPLACEMENTS.values())
                    if len(name) > 1 and name not in ("<any>", "ctrl-at", "return")
                    and not name.startswith("<"))
KEY_HELP = ("a key is a letter or symbol, or a name like f5, escape, enter, space, tab, "
            "pageup or delete, with ctrl+, shift+ or alt+ before it if you like")


def _ui_classes() -> Iterator[type[DOMNode]]:
    """Every app, screen and widget class of coachtui's (their modules imported first; the
    app's own class is loaded already, as it is the app that asks)."""
    import coachtui.ui.demo  # noqa: F401

    for package in ("coachtui.ui.screens", "coachtui.ui.steps", "coachtui.ui.widgets"):
        path = importlib.import_module(package).__path__
        for module in pkgutil.iter_modules(path):
            importlib.import_module(f"{package}.{module.name}")
    seen, waiting = set(), [DOMNode]
    while waiting:
        for cls in waiting.pop().__subclasses__():
            if cls not in seen:
                seen.add(cls)
                waiting.append(cls)
                if cls.__module__.startswith("coachtui."):
                    yield cls


def binding_ids() -> dict[str, str]:
    """Each binding id coachtui has -> what it does (the first description found)."""
    found: dict[str, str] = {}
    for cls in _ui_classes():
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, binding.description or binding.action)
    return dict(sorted(found.items()))


def key_problem(keys: str) -> str:
    """Why `keys` ("ctrl+j", "f3,ctrl+g") is not keys Textual can send; '' if it is."""
    for key in (part.strip() for part in keys.split(",")):
        *modifiers, name = key.split("+")
        unknown = [m for m in modifiers if m not in MODIFIERS]
        if unknown:
            return f"{unknown[0]!r} in {key!r} is not ctrl, shift or alt"
        if not (len(name) == 1 or name in NAMED_KEYS or _character_named(name)):
            hint = did_you_mean(name, NAMED_KEYS)
            return (f"{key!r} is not a key" +
                    (hint if hint.startswith("; did you mean") else f"; {KEY_HELP}"))
    return ""


def _character_named(name: str) -> bool:
    """Textual's long names for symbols: question_mark, asterisk, full_stop…"""
    try:
        unicodedata.lookup(name.replace("_", " ").upper())
    except KeyError:
        return False
    return True


def checked(table: dict[str, str], where: str) -> tuple[dict[str, str], list[str]]:
    """The entries of `[keys]` that can be applied, and a line for each that cannot."""
    if not table:
        return {}, []
    known = binding_ids()
    usable, problems = {}, []
    for binding_id, keys in table.items():
        if binding_id not in known:
            hint = did_you_mean(binding_id, known)
            problems.append(f"{where}: keys.{binding_id}: no key has that id" + (
                hint if hint.startswith("; did you mean") else
                " (? shows each screen's ids, the README lists them all)") + " (left as it was)")
        elif problem := key_problem(keys):
            problems.append(f"{where}: keys.{binding_id}: {problem} (left as it was)")
        else:
            usable[binding_id] = ",".join(part.strip() for part in keys.split(","))
    return usable, problems
