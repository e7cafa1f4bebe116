"""The person's settings, in config.toml: theme, reduced motion, the bell cue, the length
of the deeper reset, keys.

Read with tomllib and checked by hand rather than by a pydantic model: the settings are
needed before the first screen is drawn, and pydantic is loaded only after that.

Forgiving on the way in: a typo is named ("did you mean"), a value of the wrong kind is
said and its default used, and either costs only itself, never the other settings.
Careful on the way out: the app's own writes (a theme chosen with Ctrl+P) change only the
setting that changed, through tomlkit, so the person's comments and order are kept.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from coachtui import paths
from coachtui.core.checks import did_you_mean
from coachtui.store.atomic import atomic_write


@dataclass
class Config:
    theme: str = "textual-dark"
    reduced_motion: bool = False
    bell: bool = False
    default_playbook: str = "late-shift"
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys ([keys] table)
    # How long the deeper reset lasts, in seconds, as last set with +/-; 0: each scenario's
    # own length. Seconds, not breaths, so it fits whichever pattern a scenario uses.
    deeper_reset_seconds: int = 0
    # Keys this version does not know are kept, so a newer version's settings survive.
    extra: dict = field(default_factory=dict)


SETTINGS = [f.name for f in fields(Config) if f.name != "extra"]
_KINDS = {bool: "true or false", int: "a whole number", str: "text in quotes", dict: "a table"}


class ConfigUnreadable(OSError):
    """config.toml is there but could not be read: the app leaves it alone."""


def read(data: dict) -> tuple[Config, list[str]]:
    """Settings from parsed TOML, and each problem in one line (without the file's name)."""
    defaults, values, extra, problems = Config(), {}, {}, []
    for key, value in data.items():
        if key not in SETTINGS:
            extra[key] = value
            problems.append(f"unknown setting {key!r}{did_you_mean(key, SETTINGS)} "
                            "(it is ignored)")
        elif type(value) is not type(getattr(defaults, key)):
            default = getattr(defaults, key)
            problems.append(f"{key} should be {_KINDS[type(default)]}, not {_shown(value)}; "
                            f"using {_shown(default)}")
        elif key == "keys":
            values[key], more = _keys(value)
            problems += more
        else:
            values[key] = value
    return Config(**values, extra=extra), problems


def _keys(table: dict) -> tuple[dict[str, str], list[str]]:
    keys, problems = {}, []
    for binding, value in table.items():
        if isinstance(value, str) and value.strip():
            keys[binding] = value
        else:
            problems.append(f"keys.{binding} should be keys in quotes (like \"ctrl+j\"), "
                            f"not {_shown(value)}; it is ignored")
    return keys, problems


def _shown(value) -> str:
    """A value as TOML would spell it, kept short (it may be anything the person typed)."""
    from coachtui.store import toml_io

    text = toml_io.dumps({"v": value}).decode("utf-8").partition("=")[2].strip() \
        if not isinstance(value, dict) else "a table"
    return text if len(text) <= 40 else text[:39] + "…"


def from_dict(data: dict) -> Config:
    """Settings from parsed TOML, whatever is wrong in it (see `read`)."""
    return read(data)[0]


def load() -> tuple[Config, list[str]]:
    """The saved settings, and each problem with them in one line naming the file: a file
    that cannot be read at all gives the defaults."""
    path = paths.config_file()
    if not os.path.lexists(path):  # a link to nothing is reported, not taken for "no file"
        return Config(), []
    # Only now: with no config file, as on a first start, no TOML module is loaded before
    # the first paint.
    from coachtui.store import toml_io

    try:
        data = toml_io.read(path)
    except toml_io.READ_ERRORS as error:
        return Config(), [f"{path}: could not be used ({error}); using the defaults"]
    config, problems = read(data)
    return config, [f"{path}: {problem}" for problem in problems]


def to_dict(config: Config) -> dict:
    """The settings as data (the keys this version does not know too)."""
    data = asdict(config)
    data.update(data.pop("extra"))
    if not data["keys"]:
        del data["keys"]
    return data


def save(config: Config) -> None:
    """Write the settings that differ from the file's, keeping everything else in it as the
    person wrote it. ConfigUnreadable if the file is there but cannot be read (it is not
    replaced: it may hold the person's work); OSError if it cannot be written."""
    import tomlkit  # only when a setting is written

    path = paths.config_file()
    document = _document(path)
    on_disk = from_dict(document.unwrap())
    for key in SETTINGS:
        value = getattr(config, key)
        if value != getattr(on_disk, key):
            document[key] = value
    atomic_write(path, tomlkit.dumps(document).encode("utf-8"))


def _document(path: Path):
    import tomlkit

    from coachtui.store import toml_io

    if not os.path.lexists(path):
        return tomlkit.document()
    try:
        return tomlkit.parse(toml_io.read_text(path))
    except Exception as error:  # noqa: BLE001 - CouldNotRead, or any of the parser's errors
        raise ConfigUnreadable(0, f"{path} could not be read ({error}), so it was left as "
                                  "it is") from None
