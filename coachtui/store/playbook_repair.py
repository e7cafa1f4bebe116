"""Every problem of a playbook in one run: near misses put right in a copy, so the checks
that need a whole playbook (its framework, its steps, its example) run in the same pass.

Without this, a typo in one key hid every problem found after the schema, and a file took
one run per problem to get clean. Nothing here is used to load a playbook for a walk: the
copy only feeds `coachtui playbooks validate` more problems to report.
"""

from __future__ import annotations

import copy

from pydantic import BaseModel, ValidationError

from coachtui.core.checks import LocatedValueError, nearest
from coachtui.store.playbook_errors import known_keys

ROUNDS = 3  # a model's own checks run only once its fields are whole: a round for each layer


def put_right(data: dict, model: type[BaseModel]) -> tuple[BaseModel | None, list[ValidationError]]:
    """`data` validated as `model` after each near miss is put right (a mistyped key renamed
    to the key it nearly is, another unknown key dropped, a mistyped choice replaced by the
    nearest one), or None when something cannot be (a missing key, a wrong type…); with the
    errors that only showed once the first ones were put right: they are problems too."""
    fixed = copy.deepcopy(data)
    later: list[ValidationError] = []
    for round_number in range(ROUNDS):
        try:
            return model.model_validate(fixed), later
        except ValidationError as error:
            if round_number:
                later.append(error)
            if not _fix_all(fixed, error, model):
                return None, later
        except Exception:  # noqa: BLE001 - a copy that cannot be checked adds nothing
            return None, later
    return None, later


def _fix_all(data: dict, error: ValidationError, model: type[BaseModel]) -> bool:
    """Put each error right in place; False if one cannot be."""
    details = error.errors(include_url=False)
    renamed = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            target = _rename(data, tuple(detail["loc"]), model)
            if target is None:
                return False
            renamed.add(target)
    for detail in details:
        kind, loc = detail["type"], tuple(detail["loc"])
        if kind == "extra_forbidden" or (kind == "missing" and loc in renamed):
            continue
        located = (detail.get("ctx") or {}).get("error")
        if isinstance(located, LocatedValueError):
            if not _take_suggestions(data, loc, located):
                return False
        elif kind != "literal_error" or not _choose_nearest(data, loc, detail):
            return False
    return True


def _take_suggestions(data: dict, loc: tuple, located: LocatedValueError) -> bool:
    """A model check's findings put right where each knows the value meant."""
    for found in (located, *located.also):
        parent = _at(data, loc + found.loc[:-1])
        if found.suggestion is None or not isinstance(parent, (dict, list)):
            return False
        parent[found.loc[-1]] = found.suggestion
    return True


def _rename(data: dict, loc: tuple, model: type[BaseModel]) -> tuple | None:
    """Move a mistyped key's value to the key it nearly is (or drop it); where it went."""
    parent = _at(data, loc[:-1])
    if not isinstance(parent, dict) or loc[-1] not in parent:
        return None
    value = parent.pop(loc[-1])
    guess = nearest(str(loc[-1]), known_keys(model, loc[:-1]))
    if guess and guess not in parent:
        parent[guess] = value
        return loc[:-1] + (guess,)
    return loc


def _choose_nearest(data: dict, loc: tuple, detail: dict) -> bool:
    parent = _at(data, loc[:-1])
    expected = (detail.get("ctx") or {}).get("expected", "")
    choices = [part.strip().strip("'") for part in expected.replace(" or ", ",").split(",")]
    guess = nearest(str(detail.get("input")), choices)
    if not guess or not isinstance(parent, (dict, list)):
        return False
    parent[loc[-1]] = guess
    return True


def _at(data, loc: tuple):
    """The value at a field path, or None if the path is not there."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
