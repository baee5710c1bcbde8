from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"

MINIMAL = """\
format: 1
id: COE-0001
title: Minimal
status: draft
severity: SEV3
"""


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file under tmp_path and return its path."""

    def _write(content: str | bytes, name: str = "coe.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


# Dependency drift: every run names what differs from the known-good lock.
from dependency_drift import pytest_report_header, pytest_terminal_summary  # noqa: E402, F401


@pytest.fixture
def example_project(tmp_path, monkeypatch):
    """A working directory whose `coes/c.yaml` is the first example (COE-0001, status closed)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "coes").mkdir()
    (tmp_path / "coes" / "c.yaml").write_bytes(sorted(EXAMPLES.glob("*.yaml"))[0].read_bytes())
    return tmp_path
