"""Which installed packages differ from the known-good lock, `.ci/lock.txt`.

When a new upstream release breaks a test, the run names the package and the
version that changed: the header of every pytest run lists the differences,
and a failing run repeats them under its failures.
"""

from __future__ import annotations

import os
import re
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

LOCK = Path(os.environ.get("COE_DEPENDENCY_LOCK") or Path(__file__).resolve().parent.parent / ".ci" / "lock.txt")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


class Drift(NamedTuple):
    name: str
    locked: str | None  # None: not in the lock
    installed: str | None  # None: not installed

    def __str__(self) -> str:
        if self.locked is None:
            return f"{self.name} {self.installed} (not in the lock)"
        if self.installed is None:
            return f"{self.name} not installed (lock: {self.locked})"
        return f"{self.name} {self.installed} (lock: {self.locked})"


def normalise(name: str) -> str:
    """The PEP 503 form of a project name: `ruamel.yaml` and `Ruamel_YAML` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(text: str) -> dict[str, str]:
    """`name==version` lines of a requirements or constraints file, by normalised name."""
    pins = {}
    for line in text.splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[normalise(match[1])] = match[2]
    return pins


def installed_versions(skip: frozenset[str] = frozenset({"coe", "pip", "setuptools", "wheel"})) -> dict[str, str]:
    versions = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name and normalise(name) not in skip:
            versions[normalise(name)] = dist.version
    return versions


def drift(locked: dict[str, str], installed: dict[str, str]) -> list[Drift]:
    """Every package whose installed version is not the locked one, by name."""
    names = sorted(set(locked) | set(installed))
    return [
        Drift(name, locked.get(name), installed.get(name))
        for name in names
        if locked.get(name) != installed.get(name)
    ]


def current_drift() -> list[Drift] | None:
    """The drift of this environment from the lock; None if there is no lock file."""
    if not LOCK.is_file():
        return None
    return drift(read_pins(LOCK.read_text(encoding="utf-8")), installed_versions())


# pytest hooks, imported by tests/conftest.py.


def pytest_report_header(config):
    drifted = current_drift()
    if drifted is None:
        return f"dependencies: no lock file at {LOCK}"
    if not drifted:
        return f"dependencies: exactly as in {LOCK.name}"
    return [f"dependencies that differ from {LOCK.name} ({len(drifted)}):", *(f"  {d}" for d in drifted)]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    drifted = current_drift()
    if exitstatus in (0, 5) or not drifted:
        return
    terminalreporter.write_sep("=", f"installed packages that differ from the known-good {LOCK.name}")
    for line in drifted:
        terminalreporter.write_line(str(line))
    terminalreporter.write_line(
        "A failure that the lock does not show may come from one of these releases; check with "
        "`python -m pip install -c .ci/lock.txt -e '.[test]' && python -m pytest` (README, Dependencies)."
    )
