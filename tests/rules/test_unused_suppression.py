"""unused-suppression: a `# coe: disable=...` comment that suppresses nothing (QUALITY).

tests/test_suppressions.py covers suppressions in depth; this module shows the
rule itself: position, message, severity and its docstring examples.
"""

from __future__ import annotations

import pytest

from coe.config import Config

from .helpers import BASE, lint, merge, replace_once, rule_examples

RULE = "unused-suppression"
SUMMARY = "  summary: A development default lowered the production cache memory limit.\n"
COMMENTED = replace_once(
    BASE, SUMMARY, SUMMARY.rstrip("\n") + "  # coe: disable=root-cause-missing\n"
)
MESSAGE = "`# coe: disable=root-cause-missing` suppresses nothing here; remove it"


def test_fires_at_the_comment(tmp_path):
    # Line 30 is the summary (75 characters), two spaces, then `#` at column 78.
    assert lint(tmp_path, COMMENTED, [RULE, "root-cause-missing"]) == [(RULE, 30, 78, "warning", MESSAGE)]


def test_quiet_when_the_suppression_is_used(tmp_path):
    text = replace_once(BASE, SUMMARY, "  summary: TBD  # coe: disable=root-cause-missing\n")
    assert lint(tmp_path, text, [RULE, "root-cause-missing"]) == []


def test_quiet_when_not_selected(tmp_path):
    assert lint(tmp_path, COMMENTED, ["root-cause-missing"]) == []


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_warning_whatever_the_status(tmp_path, status):
    text = replace_once(COMMENTED, "status: in-review\n", f"status: {status}\n")
    assert [f[3] for f in lint(tmp_path, text, [RULE, "root-cause-missing"])] == ["warning"]


def test_config_severity_makes_it_an_error(tmp_path):
    config = Config(severity={RULE: "error"})
    assert lint(tmp_path, COMMENTED, [RULE, "root-cause-missing"], config=config) == [
        (RULE, 30, 78, "error", MESSAGE),
    ]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    # Line 30: `  summary: The cache evicted sessions.  # coe: ...`; `#` at column 41.
    assert lint(tmp_path, merge(bad), [RULE, "root-cause-missing"]) == [(RULE, 30, 41, "warning", MESSAGE)]
    assert lint(tmp_path, merge(good), [RULE, "root-cause-missing"]) == []
