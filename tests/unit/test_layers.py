"""The core and the store never pull in the UI toolkit: checked in a fresh interpreter."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import coachtui.commands
import coachtui.core
import coachtui.store


def _modules(package) -> list[str]:
    return sorted(f"{package.__name__}.{info.name}"
                  for info in pkgutil.iter_modules(package.__path__))


def test_module_lists_are_complete():
    # guard against the check below silently importing nothing
    core, store = _modules(coachtui.core), _modules(coachtui.store)
    assert {"coachtui.core.breathing", "coachtui.core.insights", "coachtui.core.playbook",
            "coachtui.core.reflection", "coachtui.core.text", "coachtui.core.walk"} <= set(core)
    assert {"coachtui.store.atomic", "coachtui.store.config", "coachtui.store.drafts",
            "coachtui.store.journal", "coachtui.store.playbook_errors",
            "coachtui.store.playbooks", "coachtui.store.toml_io"} <= set(store)
    assert {"coachtui.commands.journal_cli", "coachtui.commands.playbooks",
            "coachtui.commands.playbook_text"} \
        <= set(_modules(coachtui.commands))


def test_core_store_and_the_plain_commands_do_not_import_textual_or_rich(tmp_path):
    modules = (["coachtui.paths", "coachtui.cli", "coachtui.session"] + _modules(coachtui.commands)
               + _modules(coachtui.core) + _modules(coachtui.store))
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "ui = sorted(m for m in sys.modules if m.startswith('coachtui.ui'))\n"
        "print(json.dumps({'bad': bad, 'ui': ui, 'n': len(sys.modules)}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path,
                            env={**_clean_env(), "COACHTUI_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["bad"] == []
    assert report["ui"] == []


def test_the_check_would_notice_textual(tmp_path):
    # the same probe does see textual when the UI is imported, so the test above can fail
    script = "import sys, coachtui.ui.app; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path,
                            env={**_clean_env(), "COACHTUI_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def _clean_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}


def test_the_first_screen_is_drawn_without_loading_pydantic():
    # Start-up speed: pydantic (and the playbooks it validates) load in a thread after
    # the home screen is drawn. Importing the app must not pull it in.
    code = (
        "import sys, coachtui.ui.app, coachtui.cli;"
        "print('pydantic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
