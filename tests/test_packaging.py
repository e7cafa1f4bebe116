"""The built wheel carries the bundled playbooks and finds them without the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    [built] = list(WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))
    return Path(built)


def test_bundled_playbooks_are_package_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    bundled = sorted(p.name for p in (ROOT / "playbooks").glob("*.toml"))
    assert bundled, "the source tree has playbooks to ship"
    for name in bundled:
        assert f"coachtui/_bundled_playbooks/{name}" in names
    frameworks = sorted(p.name for p in (ROOT / "playbooks" / "frameworks").glob("*.toml"))
    assert "heard.toml" in frameworks, "the source tree has frameworks to ship"
    for name in frameworks:
        assert f"coachtui/_bundled_playbooks/frameworks/{name}" in names
    assert "coachtui/ui/app.tcss" in names
    assert "coachtui/templates/playbook.toml" in names


def test_unpacked_wheel_loads_its_own_playbooks(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    code = (
        "from coachtui.store.playbooks import bundled_dir, discover;"
        "print(bundled_dir()); lib = discover(); print(sorted(lib.playbooks)); print(len(lib.broken));"
        "print(len(lib.frameworks))"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)
    where, ids, broken, frameworks = done.stdout.splitlines()
    assert where.startswith(str(tmp_path / "site"))
    source = ROOT / "playbooks"
    assert eval(ids) == sorted(path.stem for path in source.glob("*.toml"))
    assert broken == "0"
    assert frameworks == str(len(list((source / "frameworks").glob("*.toml"))))


def test_unpacked_wheel_writes_a_valid_starter_playbook(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "COACHTUI_HOME": str(tmp_path)}
    for argv in (["new", "mine", "--to", str(tmp_path)],
                 ["validate", str(tmp_path / "mine.toml")]):
        subprocess.run([sys.executable, "-m", "coachtui", "playbooks", *argv], cwd=tmp_path,
                       env=env, capture_output=True, text=True, check=True)
