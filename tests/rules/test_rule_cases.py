"""Every rule's cases, kept as data: one YAML file per rule in tests/rules/cases/, run here.

As sqlfluff keeps its rule fixtures. A case starts from helpers.BASE (status
in-review, clean for every rule), changes it, lints it with only that rule
selected, and lists the exact findings. A case may say:

- ``status``: the COE's status (CONTENT rules are warnings in a draft);
- ``example: bad`` or ``example: good``: the rule's docstring example, merged into BASE;
- ``set``: YAML whose top-level blocks replace BASE's blocks of the same keys;
- ``drop``: top-level keys whose blocks are removed;
- ``replace``: ``[old, new]`` pairs, each ``old`` occurring exactly once;
- ``config``: settings for ``Config(...)``; ``today``: the date to lint on;
- ``each``: values, one case each, substituted for ``{each}`` in the case's text;
- ``expect``: ``[line, column, severity]`` or ``[line, column, severity, message]``;
  the file's ``message`` is the default.

The cases are read with coe's own YAML 1.2 reader, so ``no`` stays text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coe.config import Config
from coe.lint.registry import all_rules
from coe.yaml import reader

from .helpers import BASE, TODAY, lint, merge, replace_once, rule_examples, top_level_blocks

CASES_DIR = Path(__file__).parent / "cases"
KEYS = {"name", "status", "example", "set", "drop", "replace", "config", "today", "each", "expect"}


def load_cases() -> list[tuple[str, str, dict, dict]]:
    """(rule, case id, case, file) for every case, with `each` expanded."""
    found = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data, _ = reader.load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem, f"{path.name} is for `{data['rule']}`: name the file after its rule"
        for case in data["cases"]:
            assert set(case) <= KEYS, f"{path.name}: {case.get('name')}: unknown keys {set(case) - KEYS}"
            values = case.get("each", [None])
            for index, value in enumerate(values):
                case_id = case["name"] if "each" not in case else f"{case['name']} [{index}]"
                found.append((data["rule"], case_id, _substituted(case, value), data))
    return found


def _substituted(case: dict, value: object) -> dict:
    if value is None:
        return case

    def sub(item):
        if isinstance(item, str):
            return item.replace("{each}", str(value))
        if isinstance(item, list):
            return [sub(part) for part in item]
        return item

    return {key: item if key in ("name", "each") else sub(item) for key, item in case.items()}


def document(rule: str, case: dict) -> str:
    text = BASE.replace("status: in-review\n", f"status: {case.get('status', 'in-review')}\n", 1)
    if "example" in case:
        bad, good = rule_examples(rule)
        text = merge({"bad": bad, "good": good}[case["example"]], text)
    if "set" in case:
        text = merge(case["set"], text)
    if "drop" in case:
        text = "".join(block for key, block in top_level_blocks(text) if key not in case["drop"])
    for old, new in case.get("replace", []):
        text = replace_once(text, old, new)
    return text


CASES = load_cases()


@pytest.mark.parametrize(("rule", "case_id", "case", "file"), CASES, ids=[f"{r}: {c}" for r, c, _, _ in CASES])
def test_rule_case(tmp_path, rule, case_id, case, file):
    config = Config(**case.get("config", {}))
    today = dt.date.fromisoformat(case["today"]) if "today" in case else TODAY
    expected = [(rule, *entry) if len(entry) == 4 else (rule, *entry, file["message"]) for entry in case["expect"]]
    assert lint(tmp_path, document(rule, case), rule, config=config, today=today) == expected


def test_every_case_file_names_a_rule():
    assert {path.stem for path in CASES_DIR.glob("*.yaml")} <= set(all_rules())


def test_every_rule_with_a_case_file_shows_both_docstring_examples():
    for rule in {rule for rule, _, _, _ in CASES}:
        examples = {case.get("example") for r, _, case, _ in CASES if r == rule}
        assert {"bad", "good"} <= examples, f"{rule}: add the docstring's bad and good examples as cases"
