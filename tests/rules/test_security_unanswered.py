"""security-unanswered: implications.security is not answered (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "security-unanswered"
MESSAGE = 'answer `implications.security`; if there were none, write "None: " and why'
SECURITY = '  security: "None: no data left the service and no access changed."\n'


@pytest.mark.parametrize("answer", ['""', "TBD", "<security implications>", "null", "'...'"])
def test_fires_at_the_security_key(tmp_path, answer):
    text = replace_once(BASE, SECURITY, f"  security: {answer}\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 43, 3, "error", MESSAGE)]


def test_no_security_key_points_at_implications(tmp_path):
    text = replace_once(BASE, SECURITY, "  privacy: None.\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 42, 1, "error", MESSAGE)]


def test_no_implications_points_at_the_top_of_the_file(tmp_path):
    text = replace_once(BASE, "implications:\n" + SECURITY, "")
    assert lint(tmp_path, text, RULE) == [(RULE, 1, 1, "error", MESSAGE)]


def test_quiet_when_answered(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    text = replace_once(base(status), SECURITY, "  security: TBD\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 43, 3, severity, MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 42, 1, "error", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
