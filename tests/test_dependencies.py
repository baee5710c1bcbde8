"""The version ranges in pyproject.toml are tested at both ends (.ci/run), and drift is named.

- `.ci/lowest.txt` pins every direct dependency, runtime and test extras, at
  exactly the lower bound pyproject.toml gives it: the lowest run installs it
  as constraints, so that bound is what the suite ran against.
- `.ci/lock.txt` is a known-good run; its pins must satisfy the ranges.
- A run names every installed package that differs from the lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from dependency_drift import Drift, drift, normalise, read_pins

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DIRECT = [Requirement(text) for text in PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["test"]]


def lower_bound(requirement: Requirement) -> str:
    (bound,) = [spec.version for spec in requirement.specifier if spec.operator == ">="]
    return bound


def test_every_direct_dependency_has_one_lower_bound():
    for requirement in DIRECT:
        assert [spec.operator for spec in requirement.specifier].count(">=") == 1, requirement


def test_lowest_constraints_are_exactly_the_lower_bounds():
    pins = read_pins((ROOT / ".ci" / "lowest.txt").read_text(encoding="utf-8"))
    assert {name: Version(pin) for name, pin in pins.items()} == {
        normalise(r.name): Version(lower_bound(r)) for r in DIRECT
    }


def test_the_lock_satisfies_every_range():
    pins = read_pins((ROOT / ".ci" / "lock.txt").read_text(encoding="utf-8"))
    for requirement in DIRECT:
        locked = pins.get(normalise(requirement.name))
        assert locked is not None, f"{requirement.name} is not in .ci/lock.txt: run `bash .ci/lock`"
        assert requirement.specifier.contains(locked, prereleases=True), (requirement, locked)


def test_the_lock_pins_every_package_once_and_exactly():
    lines = [line for line in (ROOT / ".ci" / "lock.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert len(read_pins("\n".join(lines))) == len(lines)  # every line is name==version, no name twice


@pytest.mark.parametrize(
    ("locked", "installed", "expected"),
    [
        ({"pyyaml": "6.0.3"}, {"pyyaml": "6.0.4"}, ["pyyaml 6.0.4 (lock: 6.0.3)"]),
        ({"pyyaml": "6.0.3", "rich": "15.0.0"}, {"pyyaml": "6.0.3", "rich": "15.0.0"}, []),
        ({}, {"pytest-xdist": "3.8.0"}, ["pytest-xdist 3.8.0 (not in the lock)"]),
        ({"greenlet": "3.5.6"}, {}, ["greenlet not installed (lock: 3.5.6)"]),
        (
            {"typer": "0.28.0", "click": "8.5.1"},
            {"typer": "0.29.3", "click": "8.5.1", "annotated-doc": "0.0.7"},
            ["annotated-doc 0.0.7 (not in the lock)", "typer 0.29.3 (lock: 0.28.0)"],
        ),
    ],
)
def test_drift_names_each_package_and_both_versions(locked, installed, expected):
    assert [str(d) for d in drift(locked, installed)] == expected


def test_names_are_compared_in_their_normal_form():
    assert read_pins("ruamel.yaml==0.19.1\nPyYAML==6.0.4  # note\nMarkupSafe==3.0.4\n-e ./x\n") == {
        "ruamel-yaml": "0.19.1",
        "pyyaml": "6.0.4",
        "markupsafe": "3.0.4",
    }
    assert drift({"ruamel-yaml": "0.19.1"}, {normalise("ruamel_yaml"): "0.19.1"}) == []
    assert drift({"x": "1"}, {"x": "2"}) == [Drift("x", "1", "2")]


def run_pytest_with_lock(tmp_path: Path, lock: str, test: str) -> subprocess.CompletedProcess:
    """A pytest run of one test file with the drift plugin and the given lock."""
    (tmp_path / "lock.txt").write_text(lock, encoding="utf-8")
    (tmp_path / "test_one.py").write_text(test, encoding="utf-8")
    env = {**os.environ, "COE_DEPENDENCY_LOCK": str(tmp_path / "lock.txt"), "PYTHONPATH": str(ROOT / "tests")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "dependency_drift", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )


def test_a_failing_run_names_what_drifted(tmp_path):
    """The failure summary, not only the header, names the package and both versions."""
    result = run_pytest_with_lock(tmp_path, "pytest==0.0.1\n", "def test_fails():\n    assert False\n")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if "differ from the known-good lock.txt" in line)
    assert f"pytest {pytest.__version__} (lock: 0.0.1)" in lines[start + 1:]
    assert f"  pytest {pytest.__version__} (lock: 0.0.1)" in lines[:start]  # and in the header


def test_a_passing_run_shows_drift_in_its_header_only(tmp_path):
    result = run_pytest_with_lock(tmp_path, "pytest==0.0.1\n", "def test_passes():\n    pass\n")
    assert result.returncode == 0
    assert f"  pytest {pytest.__version__} (lock: 0.0.1)" in result.stdout.splitlines()
    assert "differ from the known-good" not in result.stdout
