"""timeline-order: timeline events out of time order (QUALITY)."""

from __future__ import annotations

import pytest

from coe.config import Config

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "timeline-order"
THIRD = "    - at: 2026-03-17T14:40:00Z\n"
OUT_OF_ORDER = replace_once(BASE, THIRD, "    - at: 2026-03-17T14:05:00Z\n")
MESSAGE = "this event (2026-03-17T14:05:00+00:00) is earlier than the one before it (2026-03-17T14:09:00+00:00)"


def test_fires_at_the_time_out_of_order(tmp_path):
    # `    - at: ` is 10 characters: the value starts at column 11 of line 23.
    assert lint(tmp_path, OUT_OF_ORDER, RULE) == [(RULE, 23, 11, "warning", MESSAGE)]


def test_only_the_first_event_out_of_order_is_reported(tmp_path):
    text = replace_once(BASE, "    - at: 2026-03-17T14:09:00Z\n", "    - at: 2026-03-17T14:00:00Z\n")
    text = replace_once(text, THIRD, "    - at: 2026-03-17T13:00:00Z\n")
    assert lint(tmp_path, text, RULE) == [
        (
            RULE,
            21,
            11,
            "warning",
            "this event (2026-03-17T14:00:00+00:00) is earlier than the one before it (2026-03-17T14:02:00+00:00)",
        ),
    ]


def test_compares_instants_not_text(tmp_path):
    # 14:05+01:00 is 13:05Z: before the 14:09Z event, although its text reads later.
    text = replace_once(BASE, THIRD, "    - at: 2026-03-17T14:30:00+01:00\n")
    assert lint(tmp_path, text, RULE) == [
        (
            RULE,
            23,
            11,
            "warning",
            "this event (2026-03-17T14:30:00+01:00) is earlier than the one before it (2026-03-17T14:09:00+00:00)",
        ),
    ]


def test_events_without_a_time_are_skipped(tmp_path):
    text = replace_once(BASE, "    - at: 2026-03-17T14:09:00Z\n", "    - at:\n")
    assert lint(tmp_path, text, RULE) == []
    text = replace_once(text, THIRD, "    - at: 2026-03-17T14:00:00Z\n")
    # Compared with the last event that has a time (14:02), not with the untimed one.
    assert lint(tmp_path, text, RULE) == [
        (
            RULE,
            23,
            11,
            "warning",
            "this event (2026-03-17T14:00:00+00:00) is earlier than the one before it (2026-03-17T14:02:00+00:00)",
        ),
    ]


def test_equal_times_are_in_order(tmp_path):
    text = replace_once(BASE, THIRD, "    - at: 2026-03-17T14:09:00Z\n")
    assert lint(tmp_path, text, RULE) == []


def test_quiet_on_the_base_document(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_warning_whatever_the_status(tmp_path, status):
    text = replace_once(base(status), THIRD, "    - at: 2026-03-17T14:05:00Z\n")
    assert [f[3] for f in lint(tmp_path, text, RULE)] == ["warning"]


def test_config_severity_makes_it_an_error(tmp_path):
    assert lint(tmp_path, OUT_OF_ORDER, RULE, config=Config(severity={RULE: "error"})) == [
        (RULE, 23, 11, "error", MESSAGE),
    ]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    # Line 16 `what_happened:`, 17 `  timeline:`, 19 `    - {at: 2026-03-17T14:02:00Z, ...}`.
    assert lint(tmp_path, merge(bad), RULE) == [
        (
            RULE,
            19,
            12,
            "warning",
            "this event (2026-03-17T14:02:00+00:00) is earlier than the one before it (2026-03-17T14:30:00+00:00)",
        ),
    ]
    assert lint(tmp_path, merge(good), RULE) == []
