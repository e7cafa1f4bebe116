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


def _metadata(wheel: Path) -> list[tuple[str, str]]:
    """The wheel's METADATA headers (before the long description), as (name, value) pairs."""
    archive = zipfile.ZipFile(wheel)
    [name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    head = archive.read(name).decode("utf-8").split("\n\n", 1)[0]
    return [tuple(line.split(": ", 1)) for line in head.splitlines() if ": " in line]


def test_wheel_carries_the_mit_license_file(wheel):
    archive = zipfile.ZipFile(wheel)
    [license_file] = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    text = archive.read(license_file).decode("utf-8")
    assert text.startswith("MIT License") and "coachtui contributors" in text
    assert ("License-Expression", "MIT") in _metadata(wheel)


def test_wheel_version_is_the_package_version(wheel):
    import coachtui

    assert ("Version", coachtui.__version__) in _metadata(wheel)
    assert wheel.name.startswith(f"coachtui-{coachtui.__version__}-")
    # One source: pyproject.toml asks hatch for it instead of writing a second copy.
    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text("utf-8")


def test_wheel_names_the_project_urls_and_classifiers(wheel):
    headers = _metadata(wheel)
    urls = dict(value.split(", ", 1) for name, value in headers if name == "Project-URL")
    assert urls["Homepage"] == urls["Source"] == "https://github.com/coachtui/coachtui"
    assert urls["Issues"] == "https://github.com/coachtui/coachtui/issues"
    assert all(url.startswith("https://github.com/coachtui/coachtui") for url in urls.values())
    classifiers = {value for name, value in headers if name == "Classifier"}
    for version in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert any(name == "Keywords" for name, _ in headers)


def test_wheel_declares_what_coachtui_imports_and_pins_nothing_for_users(wheel):
    requires = [value for name, value in _metadata(wheel) if name == "Requires-Dist"]
    runtime = [r for r in requires if "extra ==" not in r]
    assert any(r.startswith("rich") for r in runtime), "rich is imported directly"
    # Exact pins belong to .ci/constraints.txt: a published extra with == fights the
    # installer of everyone who adds coachtui[test] beside their own Textual.
    assert not [r for r in requires if "==" in r.split(";")[0]]
    pins = (ROOT / ".ci" / "constraints.txt").read_text("utf-8")
    assert "textual==" in pins and "rich==" in pins and "pytest-textual-snapshot==" in pins


def test_readme_links_work_on_pypi():
    """PyPI shows the README away from the repository: a relative link there leads nowhere."""
    import re

    readme = (ROOT / "README.md").read_text("utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    assert targets
    relative = [t for t in targets if not t.startswith(("https://", "http://", "#"))]
    assert relative == []


def test_ci_and_readme_install_the_tests_with_the_constraints():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "-c .ci/constraints.txt" in readme
    assert "-c .ci/constraints.txt" in ci
