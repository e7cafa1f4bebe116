"""One answer wherever a scenario id is typed (`walk`, `demo`, `playbooks show`, `handout`,
`new --from`, `reflect --scenario`): the nearest id for a typo, in one line, exit status 2.

Nothing heavy at module level: `coachtui.cli` imports this on every start.
"""

from __future__ import annotations

import sys

from coachtui.core.checks import did_you_mean

# A scenario id that names nothing is a usage error, like argparse's own (which exit 2 too).
UNKNOWN_SCENARIO = 2


def unknown_scenario(wanted: str, library) -> str:
    """Why there is no scenario `wanted`: its file could not be used, or the nearest id."""
    for error in library.broken:
        if error.file.stem == wanted:
            return f"{error.file} could not be used: {error.first_line}"
    if not library.playbooks:
        return f"no scenario called {wanted!r}; none could be loaded"
    return f"no scenario called {wanted!r}{did_you_mean(wanted, library.playbooks)}"


def say_unknown(wanted: str, library) -> int:
    """Print the one line to standard error; the exit status for it."""
    from coachtui.store.playbook_errors import visible

    print(visible(f"coachtui: {unknown_scenario(wanted, library)}"), file=sys.stderr)
    return UNKNOWN_SCENARIO
