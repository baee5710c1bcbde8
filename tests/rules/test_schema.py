"""schema: the loader's validation problems come through the engine as errors (LOADER)."""

from __future__ import annotations

import pytest

from coe.config import Config, ConfigError
from coe.lint.engine import LintSettings

from .helpers import BASE, TODAY, base, lint, merge, replace_once, rule_examples

RULE = "schema"
BAD_STATUS = replace_once(BASE, "status: in-review\n", "status: done\n")
STATUS_MESSAGE = "`done` is not a valid `status`; use one of: draft, in-review, approved, closed"


def test_loader_problem_is_an_error_finding(tmp_path):
    # `status: ` is 8 characters: the value starts at column 9 of line 4.
    assert lint(tmp_path, BAD_STATUS, RULE) == [(RULE, 4, 9, "error", STATUS_MESSAGE)]


def test_runs_even_when_not_selected(tmp_path):
    # Only lessons-missing is selected; the document cannot be checked, so only schema speaks.
    text = replace_once(BAD_STATUS, "  - Defaults shared with development must never reach production silently.\n", "")
    assert lint(tmp_path, text, "lessons-missing") == [(RULE, 4, 9, "error", STATUS_MESSAGE)]


def test_unknown_key_points_at_the_key(tmp_path):
    assert lint(tmp_path, BASE + "corective_actions: []\n", RULE) == [
        (RULE, 60, 1, "error", "unknown key `corective_actions` (did you mean `corrective_actions`?)"),
    ]


def test_timestamp_without_offset(tmp_path):
    text = replace_once(BASE, "  started_at: 2026-03-17T14:02:00Z\n", "  started_at: 2026-03-17T14:02:00\n")
    assert lint(tmp_path, text, RULE) == [
        (RULE, 12, 15, "error", "timestamp has no UTC offset: write 2026-03-17T14:02:00Z"),
    ]


def test_duplicate_action_id(tmp_path):
    text = replace_once(BASE, "  - id: CA-2\n", "  - id: CA-1\n")
    assert lint(tmp_path, text, RULE) == [
        (RULE, 53, 9, "error", "corrective action id `CA-1` is used twice; give each action its own id"),
    ]


def test_an_error_even_in_a_draft_and_despite_config(tmp_path):
    text = replace_once(base("draft"), "severity: SEV2\n", "severity: SEV9\n")
    config = Config(severity={RULE: "warning"})
    assert [(f[0], f[1], f[2], f[3]) for f in lint(tmp_path, text, RULE, config=config)] == [(RULE, 5, 11, "error")]


def test_cannot_be_ignored():
    with pytest.raises(ConfigError, match=r"^`schema` cannot be ignored: coe cannot check a file it cannot read$"):
        LintSettings.build(Config(), today=TODAY, ignore=["schema"])


def test_quiet_on_a_valid_document(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [
        (RULE, 4, 9, "error", STATUS_MESSAGE),
        (RULE, 60, 1, "error", "unknown key `corective_actions` (did you mean `corrective_actions`?)"),
    ]
    assert lint(tmp_path, merge(good), RULE) == []
