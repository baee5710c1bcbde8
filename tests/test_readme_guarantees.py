"""The README's Guarantees section names the tests behind each promise: they must exist."""

from __future__ import annotations

import re

from conftest import ROOT


def guarantees() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Guarantees"):readme.index("## Design choices")]


def test_every_test_the_guarantees_name_exists():
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", guarantees()))
    defined = {
        match
        for path in (ROOT / "tests").rglob("*.py")
        for match in re.findall(r"^def (test_[a-z0-9_]+)\(", path.read_text(encoding="utf-8"), re.M)
    }
    assert len(named) >= 30
    assert sorted(named - defined) == []
