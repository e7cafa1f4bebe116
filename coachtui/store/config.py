"""The person's settings, in config.toml: theme, reduced motion, the bell cue, the length
of the deeper reset.

Read with tomllib and checked by hand rather than by a pydantic model: the settings are
needed before the first screen is drawn, and pydantic is loaded only after that.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields

from coachtui import paths
from coachtui.store import toml_io


@dataclass
class Config:
    theme: str = "textual-dark"
    reduced_motion: bool = False
    bell: bool = False
    default_playbook: str = "late-shift"
    # How long the deeper reset lasts, in seconds, as last set with +/-; 0: each scenario's
    # own length. Seconds, not breaths, so it fits whichever pattern a scenario uses.
    deeper_reset_seconds: int = 0
    # Keys this version does not know are kept, so a newer version's settings survive.
    extra: dict = field(default_factory=dict)


def from_dict(data: dict) -> Config:
    """Settings from parsed TOML; ValueError names the first key of the wrong type."""
    known = {f.name: f for f in fields(Config) if f.name != "extra"}
    values, extra = {}, {}
    for key, value in data.items():
        if key not in known:
            extra[key] = value
        elif type(value) is not type(getattr(Config, key)):
            raise ValueError(f"{key} should be a {type(getattr(Config, key)).__name__}")
        else:
            values[key] = value
    return Config(**values, extra=extra)


def load() -> tuple[Config, str | None]:
    """The saved settings, or the defaults and a one-line reason the file could not be used."""
    path = paths.config_file()
    if not os.path.lexists(path):  # a link to nothing is reported, not taken for "no file"
        return Config(), None
    try:
        return toml_io.load(path, from_dict), None
    except toml_io.READ_ERRORS as error:
        return Config(), f"{path}: could not be used ({error}); using the defaults"


def to_dict(config: Config) -> dict:
    """The settings as written to config.toml (the keys this version does not know too)."""
    data = asdict(config)
    data.update(data.pop("extra"))
    return data


def save(config: Config) -> None:
    toml_io.write(paths.config_file(), to_dict(config))
