"""COE documents for tests, read by the real loader."""

from __future__ import annotations

import json
from pathlib import Path

from coe.document.loader import load, load_text


def load_example(path: Path):
    """The document of a file that must load without problems."""
    result = load(path)
    assert result.problems == []
    return result.document.coe


def coe_from(data: dict):
    """A COE from a dict on top of the five required keys; JSON is YAML, so the real loader reads it."""
    base = {"format": 1, "id": "COE-0666", "title": "Hostile", "status": "draft", "severity": "SEV1"}
    result = load_text(json.dumps({**base, **data}))
    assert result.problems == [], result.problems
    return result.document.coe
