"""The person's settings put to work when the app starts: the theme and the keys.

What config.toml says that cannot apply here (a theme Textual does not have, a key id no
binding has) is said in one line each, and the default is used for that setting alone.
"""

from __future__ import annotations

from textual.app import App

from coachtui import paths
from coachtui.core.checks import did_you_mean
from coachtui.store.config import Config


def apply(app: App, config: Config) -> list[str]:
    """Use the config's theme and keys on `app`; a line for each that could not be used."""
    where = str(paths.config_file())
    problems = []
    if config.theme in app.available_themes:
        app.theme = config.theme
    else:
        hint = did_you_mean(config.theme, sorted(app.available_themes))
        problems.append(f"{where}: there is no theme called {config.theme!r}{hint} "
                        f"(using {app.theme})")
    if config.keys:
        from coachtui.ui import keymap

        usable, more = keymap.checked(config.keys, where)
        app.set_keymap(usable)
        problems += more
    return problems
