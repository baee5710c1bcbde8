"""five-whys-shallow: fewer whys than `min_whys` (QUALITY, option `min_whys`)."""

from __future__ import annotations

import pytest

from coe.config import Config, ConfigError
from coe.lint.engine import LintSettings

from .helpers import BASE, TODAY, base, lint, merge, replace_once, rule_examples

RULE = "five-whys-shallow"
LAST_TWO = (
    "    - why: Why was it empty?\n"
    "      because: Its memory limit was lowered.\n"
    "    - why: Why was it lowered?\n"
    "      because: A development default reached production.\n"
)
ONE_WHY = replace_once(BASE, LAST_TWO, "")


def message(count: int, minimum: int = 3) -> str:
    return f"only {count} of at least {minimum} whys; keep asking why until you reach a process or system"


def test_fires_at_the_five_whys_key(tmp_path):
    assert lint(tmp_path, ONE_WHY, RULE) == [(RULE, 32, 3, "warning", message(1))]


def test_no_five_whys_points_at_root_cause(tmp_path):
    text = replace_once(ONE_WHY, "  five_whys:\n", "").replace(
        "    - why: Why did checkouts fail?\n      because: The cache was empty.\n", ""
    )
    assert lint(tmp_path, text, RULE) == [(RULE, 29, 1, "warning", message(0))]


def test_no_root_cause_at_all(tmp_path):
    start, end = BASE.index("root_cause:\n"), BASE.index("supporting_data:\n")
    text = BASE[:start] + BASE[end:]
    assert lint(tmp_path, text, RULE) == [(RULE, 1, 1, "warning", message(0))]


def test_quiet_with_three_whys(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


def test_min_whys_option_raises_the_bar(tmp_path):
    config = Config(rules={RULE: {"min_whys": 4}})
    assert lint(tmp_path, BASE, RULE, config=config) == [(RULE, 32, 3, "warning", message(3, 4))]


def test_min_whys_option_lowers_the_bar(tmp_path):
    config = Config(rules={RULE: {"min_whys": 1}})
    assert lint(tmp_path, ONE_WHY, RULE, config=config) == []


def test_min_whys_of_the_wrong_type_is_a_config_error():
    config = Config(rules={RULE: {"min_whys": "3"}})
    with pytest.raises(ConfigError, match="^`rules.five-whys-shallow.min_whys`: must be a whole number, not '3'$"):
        LintSettings.build(config, today=TODAY)


def test_unknown_option_is_a_config_error():
    config = Config(rules={RULE: {"minimum": 3}})
    with pytest.raises(ConfigError, match=r"^`rules.five-whys-shallow`: no option `minimum` \(options: min_whys\)$"):
        LintSettings.build(config, today=TODAY)


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_warning_whatever_the_status(tmp_path, status):
    text = replace_once(base(status), LAST_TWO, "")
    assert [f[3] for f in lint(tmp_path, text, RULE)] == ["warning"]


def test_config_severity_makes_it_an_error(tmp_path):
    config = Config(severity={RULE: "error"})
    assert lint(tmp_path, ONE_WHY, RULE, config=config) == [(RULE, 32, 3, "error", message(1))]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    # Line 29 `root_cause:`, 30 `  five_whys:`.
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 30, 3, "warning", message(1))]
    assert lint(tmp_path, merge(good), RULE) == []
