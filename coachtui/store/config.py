"""The person's settings, in config.toml: theme, reduced motion, the bell cue."""

from __future__ import annotations

import tomllib

from pydantic import BaseModel, ConfigDict, ValidationError

from coachtui import paths
from coachtui.store import toml_io


class Config(BaseModel):
    model_config = ConfigDict(extra="allow")

    theme: str = "textual-dark"
    reduced_motion: bool = False
    bell: bool = False
    default_playbook: str = "late-shift"


def load() -> tuple[Config, str | None]:
    """The saved settings, or the defaults and a one-line reason the file could not be used."""
    path = paths.config_file()
    if not path.exists():
        return Config(), None
    try:
        return Config.model_validate(toml_io.read(path)), None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as error:
        return Config(), f"{path}: could not be read ({type(error).__name__}); using defaults"


def save(config: Config) -> None:
    toml_io.write(paths.config_file(), config.model_dump(mode="python"))
