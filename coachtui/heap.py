"""What the process keeps for its whole life, kept out of the cyclic garbage collector's way.

Python's full collection walks every object still tracked. What start-up makes (Textual,
pydantic, the playbooks, the walk's screens) lives as long as the process, and walking it
again and again is pure cost: measured in the real command, a full collection landed inside
a step change in every walk, 23-64 ms each, in the first walk and in later ones. Frozen
(`gc.freeze()`), those objects are never walked again; what a walk makes is still collected.

Only the real command freezes (`freeze_start`): a process running many apps, as the tests
do, would keep each app's cycles for good. Loading then freezes what it made
(`freeze_loaded`) only where the start was frozen, so the tests keep Python's defaults.
"""

from __future__ import annotations

import gc

_frozen = False  # whether this process chose to freeze its start (the real command)


def freeze_start() -> None:
    """Called by the real command just before its app runs: the imports so far stay."""
    global _frozen
    _frozen = True
    gc.freeze()


def freeze_loaded() -> None:
    """Called once start-up's loading has ended: what it made stays too (a no-op unless
    `freeze_start` ran)."""
    if _frozen:
        gc.freeze()
