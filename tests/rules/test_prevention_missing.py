"""prevention-missing: a SEV1 or SEV2 with no `prevent` action (QUALITY)."""

from __future__ import annotations

import pytest

from coe.config import Config

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "prevention-missing"
NO_PREVENT = replace_once(BASE, "    kind: prevent\n", "    kind: mitigate\n")


def message(severity: str) -> str:
    return f"a {severity} needs at least one corrective action of kind `prevent`"


@pytest.mark.parametrize("severity", ["SEV1", "SEV2"])
def test_fires_at_the_corrective_actions_key(tmp_path, severity):
    text = replace_once(NO_PREVENT, "severity: SEV2\n", f"severity: {severity}\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 46, 1, "warning", message(severity))]


@pytest.mark.parametrize("severity", ["SEV3", "SEV4", "SEV5"])
def test_quiet_for_less_severe_incidents(tmp_path, severity):
    text = replace_once(NO_PREVENT, "severity: SEV2\n", f"severity: {severity}\n")
    assert lint(tmp_path, text, RULE) == []


def test_no_actions_at_all(tmp_path):
    text = BASE[: BASE.index("corrective_actions:\n")]
    assert lint(tmp_path, text, RULE) == [(RULE, 1, 1, "warning", message("SEV2"))]


def test_a_prevent_action_that_will_not_be_done_does_not_count(tmp_path):
    text = replace_once(BASE, "    status: open\n", "    status: wont-do\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 46, 1, "warning", message("SEV2"))]


def test_quiet_with_a_prevent_action(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []
    done = replace_once(BASE, "    status: open\n", "    status: done\n    done_on: 2026-11-01\n")
    assert lint(tmp_path, done, RULE) == []


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_warning_whatever_the_status(tmp_path, status):
    text = replace_once(base(status), "    kind: prevent\n", "    kind: detect\n")
    assert [f[3] for f in lint(tmp_path, text, RULE)] == ["warning"]


def test_config_severity_makes_it_an_error(tmp_path):
    config = Config(severity={RULE: "error"})
    assert lint(tmp_path, NO_PREVENT, RULE, config=config) == [(RULE, 46, 1, "error", message("SEV2"))]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 46, 1, "warning", message("SEV2"))]
    assert lint(tmp_path, merge(good), RULE) == []
