"""docs/rules.md is generated from the rules' docstrings and must not go stale:
SARIF helpUri links point at its anchors."""

from __future__ import annotations

from pathlib import Path

from coe.commands.rules import rules_markdown
from coe.lint.registry import all_rules

DOC = Path(__file__).parent.parent / "docs" / "rules.md"


def test_rules_doc_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), "run: coe rules --format markdown > docs/rules.md"


def test_every_rule_has_an_anchor_and_both_examples():
    text = DOC.read_text(encoding="utf-8")
    for name, rule in all_rules().items():
        assert f'<a id="{name}"></a>' in text
        bad, good = rule.examples()
        assert bad and good, f"{name} needs Bad:: and Good:: examples in its docstring"
