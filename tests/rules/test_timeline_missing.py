"""timeline-missing: what_happened has no timeline (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "timeline-missing"
MESSAGE = "add a timeline of events with timestamps to `what_happened.timeline`"
TIMELINE = (
    "  timeline:\n"
    "    - at: 2026-03-17T14:02:00Z\n"
    "      event: Config change deployed.\n"
    "    - at: 2026-03-17T14:09:00Z\n"
    "      event: Checkout success-rate alarm fired.\n"
    "    - at: 2026-03-17T14:40:00Z\n"
    "      event: Config change rolled back.\n"
)


def with_timeline(block: str, text: str = BASE) -> str:
    return replace_once(text, TIMELINE, block)


@pytest.mark.parametrize("block", ["  timeline: []\n", "  timeline:\n"])
def test_fires_at_the_timeline_key(tmp_path, block):
    assert lint(tmp_path, with_timeline(block), RULE) == [(RULE, 18, 3, "error", MESSAGE)]


def test_no_timeline_key_points_at_what_happened(tmp_path):
    assert lint(tmp_path, with_timeline(""), RULE) == [(RULE, 16, 1, "error", MESSAGE)]


def test_no_what_happened_points_at_the_top_of_the_file(tmp_path):
    start, end = BASE.index("what_happened:\n"), BASE.index("impact:\n")
    assert lint(tmp_path, BASE[:start] + BASE[end:], RULE) == [(RULE, 1, 1, "error", MESSAGE)]


def test_one_event_is_enough(tmp_path):
    assert lint(tmp_path, with_timeline("  timeline:\n    - event: Config change deployed.\n"), RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    assert lint(tmp_path, with_timeline("  timeline: []\n", base(status)), RULE) == [(RULE, 18, 3, severity, MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 18, 3, "error", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
