"""Shared test fixtures: every test gets its own coachtui home, and the app a frozen clock."""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone

import pytest

# Animations off for every app under test: screens render the same way every run.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

FIXED_NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def coachtui_home(tmp_path, monkeypatch):
    """Isolate every test from the real journal, drafts and config."""
    home = tmp_path / "coachtui-home"
    monkeypatch.setenv("COACHTUI_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def make_app():
    """Build the app the way the CLI does, with a frozen wall clock and breath clock."""
    from coachtui.ui.app import make_app as factory

    def build(breath_seconds: float = 2.5, **options):
        options.setdefault("clock", lambda: FIXED_NOW)
        options.setdefault("monotonic", lambda: breath_seconds)
        return factory(**options)

    return build


@pytest.fixture
def open_umask():
    """umask 000: every file and folder coachtui makes must still be private."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def zone(monkeypatch):
    """Set the process's time zone for one test (TZ + tzset), and put it back after."""
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.delenv("TZ", raising=False)
    time.tzset()
