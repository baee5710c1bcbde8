"""incident-times: started <= detected <= mitigated <= resolved (QUALITY)."""

from __future__ import annotations

import pytest

from coe.config import Config

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "incident-times"
DETECTED = "  detected_at: 2026-03-17T14:09:00Z\n"
EARLY_DETECTION = replace_once(BASE, DETECTED, "  detected_at: 2026-03-17T13:55:00Z\n")


def test_fires_at_the_value_out_of_order(tmp_path):
    # `  detected_at: ` is 15 characters: the value starts at column 16 of line 13.
    assert lint(tmp_path, EARLY_DETECTION, RULE) == [
        (RULE, 13, 16, "warning", "`detected_at` is before `started_at`"),
    ]


def test_compares_instants_not_text(tmp_path):
    # 15:00+01:00 is 14:00Z, two minutes before the start at 14:02Z.
    text = replace_once(BASE, DETECTED, "  detected_at: 2026-03-17T15:00:00+01:00\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 13, 16, "warning", "`detected_at` is before `started_at`")]
    # 13:05-01:00 is 14:05Z: after the start at 14:02Z, though its text reads earlier.
    later = replace_once(BASE, DETECTED, "  detected_at: 2026-03-17T13:05:00-01:00\n")
    assert lint(tmp_path, later, RULE) == []


def test_missing_times_are_skipped(tmp_path):
    text = replace_once(BASE, DETECTED, "")
    text = replace_once(text, "  mitigated_at: 2026-03-17T14:40:00Z\n", "  mitigated_at: 2026-03-17T14:00:00Z\n")
    # mitigated_at is now line 13; `  mitigated_at: ` is 16 characters.
    assert lint(tmp_path, text, RULE) == [(RULE, 13, 17, "warning", "`mitigated_at` is before `started_at`")]


def test_each_step_backwards_is_reported(tmp_path):
    text = replace_once(BASE, "  resolved_at: 2026-03-17T15:25:00Z\n", "  resolved_at: 2026-03-17T14:30:00Z\n")
    text = replace_once(text, DETECTED, "  detected_at: 2026-03-17T14:00:00Z\n")
    assert lint(tmp_path, text, RULE) == [
        (RULE, 13, 16, "warning", "`detected_at` is before `started_at`"),
        (RULE, 15, 16, "warning", "`resolved_at` is before `mitigated_at`"),
    ]


def test_equal_times_are_in_order(tmp_path):
    text = replace_once(BASE, DETECTED, "  detected_at: 2026-03-17T14:02:00Z\n")
    assert lint(tmp_path, text, RULE) == []


def test_quiet_on_the_base_document_and_without_incident(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []
    start, end = BASE.index("incident:\n"), BASE.index("what_happened:\n")
    assert lint(tmp_path, BASE[:start] + BASE[end:], RULE) == []


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_warning_whatever_the_status(tmp_path, status):
    text = replace_once(base(status), DETECTED, "  detected_at: 2026-03-17T13:55:00Z\n")
    assert [f[3] for f in lint(tmp_path, text, RULE)] == ["warning"]


def test_config_severity_makes_it_an_error(tmp_path):
    assert lint(tmp_path, EARLY_DETECTION, RULE, config=Config(severity={RULE: "error"})) == [
        (RULE, 13, 16, "error", "`detected_at` is before `started_at`"),
    ]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 13, 16, "warning", "`detected_at` is before `started_at`")]
    assert lint(tmp_path, merge(good), RULE) == []
