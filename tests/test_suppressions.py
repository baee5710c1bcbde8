"""Inline suppressions, `# coe: disable=...` and `# coe: disable-file=...`,
applied by the engine, and the `unused-suppression` findings they produce."""

from __future__ import annotations

import json

import pytest
from rules.helpers import BASE, TODAY, lint, replace_once
from typer.testing import CliRunner

from coe.cli import app

SUMMARY = "  summary: A development default lowered the production cache memory limit.\n"
LESSON = "  - Defaults shared with development must never reach production silently.\n"
TITLE = "title: Checkout failures after a cache config change\n"
# root_cause.summary (line 30) is TBD: root-cause-missing at (30, 3), placeholder-text at (30, 12).
TBD = replace_once(BASE, SUMMARY, "  summary: TBD\n")
SELECT = ["root-cause-missing", "placeholder-text", "unused-suppression"]
ROOT = "state the root cause in `root_cause.summary`"
PLACEHOLDER = "replace the placeholder `TBD` with real text"


def unused(rule: str) -> str:
    return f"`# coe: disable={rule}` suppresses nothing here; remove it"


def test_unsuppressed_findings(tmp_path):
    assert lint(tmp_path, TBD, SELECT) == [
        ("root-cause-missing", 30, 3, "error", ROOT),
        ("placeholder-text", 30, 12, "error", PLACEHOLDER),
    ]


@pytest.mark.parametrize(
    "comment",
    [
        "# coe: disable=root-cause-missing,placeholder-text",
        "# coe: disable=placeholder-text, root-cause-missing",
        "#coe:disable=root-cause-missing placeholder-text",
    ],
)
def test_trailing_comment_silences_its_line(tmp_path, comment):
    text = replace_once(TBD, "  summary: TBD\n", f"  summary: TBD  {comment}\n")
    assert lint(tmp_path, text, SELECT) == []


def test_trailing_comment_silences_only_the_rules_it_names(tmp_path):
    text = replace_once(TBD, "  summary: TBD\n", "  summary: TBD  # coe: disable=placeholder-text\n")
    assert lint(tmp_path, text, SELECT) == [("root-cause-missing", 30, 3, "error", ROOT)]


def test_trailing_comment_silences_only_its_line(tmp_path):
    text = replace_once(TBD, "  summary: TBD\n", "  summary: TBD  # coe: disable=placeholder-text\n")
    text = replace_once(text, LESSON, "  - TBD\n")
    assert lint(tmp_path, text, ["placeholder-text", "unused-suppression"]) == [
        ("placeholder-text", 45, 5, "error", PLACEHOLDER),
    ]


def test_comment_alone_on_a_line_silences_the_next_line(tmp_path):
    text = replace_once(TBD, "  summary: TBD\n", "  # coe: disable=root-cause-missing,placeholder-text\n  summary: TBD\n")
    assert lint(tmp_path, text, SELECT) == []


def test_comment_alone_on_a_line_does_not_reach_further(tmp_path):
    # The comment is line 29 and covers line 30 (`root_cause:`); the findings are on line 31.
    text = replace_once(TBD, "root_cause:\n", "# coe: disable=root-cause-missing,placeholder-text\nroot_cause:\n")
    assert lint(tmp_path, text, SELECT) == [
        ("unused-suppression", 29, 1, "warning", unused("placeholder-text")),
        ("unused-suppression", 29, 1, "warning", unused("root-cause-missing")),
        ("root-cause-missing", 31, 3, "error", ROOT),
        ("placeholder-text", 31, 12, "error", PLACEHOLDER),
    ]


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_disable_file_silences_the_whole_file(tmp_path, where):
    text = replace_once(TBD, LESSON, "  - TBD\n")
    comment = "# coe: disable-file=placeholder-text\n"
    text = comment + text if where == "top" else text + comment
    shift = 1 if where == "top" else 0
    assert lint(tmp_path, text, SELECT) == [("root-cause-missing", 30 + shift, 3, "error", ROOT)]


def test_unused_suppression_is_reported_at_the_comment(tmp_path):
    # Line 3 is 52 characters, then two spaces: the `#` is at column 55.
    text = replace_once(BASE, TITLE, TITLE.rstrip("\n") + "  # coe: disable=placeholder-text\n")
    assert lint(tmp_path, text, SELECT) == [("unused-suppression", 3, 55, "warning", unused("placeholder-text"))]


def test_each_unused_rule_of_a_comment_is_reported(tmp_path):
    text = replace_once(TBD, "  summary: TBD\n", "  summary: TBD  # coe: disable=root-cause-missing,lessons-missing\n")
    assert lint(tmp_path, text, [*SELECT, "lessons-missing"]) == [
        ("placeholder-text", 30, 12, "error", PLACEHOLDER),
        # `  summary: TBD` is 14 characters, then two spaces: `#` at column 17.
        ("unused-suppression", 30, 17, "warning", unused("lessons-missing")),
    ]


def test_unused_file_suppression_is_reported(tmp_path):
    text = "# coe: disable-file=root-cause-missing\n" + BASE
    findings = lint(tmp_path, text, SELECT)
    assert [(f[0], f[1], f[2], f[3]) for f in findings] == [("unused-suppression", 1, 1, "warning")]


def test_unused_file_suppression_quotes_the_comment_as_written(tmp_path):
    text = "# coe: disable-file=root-cause-missing\n" + BASE
    assert lint(tmp_path, text, SELECT) == [
        (
            "unused-suppression",
            1,
            1,
            "warning",
            "`# coe: disable-file=root-cause-missing` suppresses nothing here; remove it",
        ),
    ]


@pytest.mark.parametrize("name", ["no-such-rule", "root-cause-mising"])
def test_unknown_rule_name_is_reported(tmp_path, name):
    text = replace_once(BASE, TITLE, TITLE.rstrip("\n") + f"  # coe: disable={name}\n")
    assert lint(tmp_path, text, SELECT) == [
        ("unused-suppression", 3, 55, "warning", f"`{name}` is not a coe rule; `coe rules` lists them"),
    ]


def test_unknown_rule_name_in_a_file_suppression_is_reported(tmp_path):
    text = BASE + "# coe: disable-file=blame-langauge\n"
    assert lint(tmp_path, text, SELECT) == [
        ("unused-suppression", 60, 1, "warning", "`blame-langauge` is not a coe rule; `coe rules` lists them"),
    ]


def test_suppression_for_a_rule_not_selected_is_not_reported(tmp_path):
    text = replace_once(BASE, TITLE, TITLE.rstrip("\n") + "  # coe: disable=blame-language\n")
    assert lint(tmp_path, text, SELECT) == []
    # The same comment is reported once its rule runs.
    assert lint(tmp_path, text, [*SELECT, "blame-language"]) == [
        ("unused-suppression", 3, 55, "warning", unused("blame-language")),
    ]


def test_nothing_is_reported_when_unused_suppression_is_not_selected(tmp_path):
    text = replace_once(BASE, TITLE, TITLE.rstrip("\n") + "  # coe: disable=placeholder-text,no-such-rule\n")
    assert lint(tmp_path, text, ["placeholder-text", "root-cause-missing"]) == []


def test_suppressions_apply_to_cross_file_findings(tmp_path):
    silenced = replace_once(BASE, "id: COE-0100\n", "id: COE-0100  # coe: disable=duplicate-id\n")
    findings = lint(tmp_path, {"a.yaml": silenced, "b.yaml": BASE}, ["duplicate-id", "unused-suppression"])
    assert findings == [
        ("b.yaml", "duplicate-id", 2, 5, "error", f"id `COE-0100` is also used by {tmp_path / 'a.yaml'}"),
    ]


def test_a_suppression_in_one_file_does_not_affect_another(tmp_path):
    silenced = replace_once(TBD, "  summary: TBD\n", "  summary: TBD  # coe: disable=root-cause-missing\n")
    findings = lint(tmp_path, {"a.yaml": silenced, "b.yaml": TBD}, ["root-cause-missing", "unused-suppression"])
    assert findings == [("b.yaml", "root-cause-missing", 30, 3, "error", ROOT)]


# A flood of unused suppressions: each reported up to a cap, then one finding counts the rest, in every format.
FLOOD_LINES = ["#coe:disable=x", "# coe: disable=lessons-missing", "# coe: disable-file=root-cause-missing"]


@pytest.mark.parametrize("comment", FLOOD_LINES)
@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "github"])
def test_a_flood_of_unused_suppressions_is_reported_up_to_the_cap(tmp_path, monkeypatch, comment, output_format):
    from coe.lint.engine import MAX_UNUSED_REPORTED

    monkeypatch.chdir(tmp_path)
    total = 5_000
    (tmp_path / "c.yaml").write_text(BASE + f"{comment}\n" * total, encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "c.yaml", "--output-format", output_format, "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    output = result.stdout
    more = f"and {total - MAX_UNUSED_REPORTED} more unused suppressions in this file, from here on; remove them"
    assert output.count(more) == 1
    assert output.count("unused-suppression") >= MAX_UNUSED_REPORTED + 1
    if output_format == "json":
        findings = json.loads(output)["findings"]
        assert [f["rule"] for f in findings] == ["unused-suppression"] * (MAX_UNUSED_REPORTED + 1)
        last_line = BASE.count("\n") + MAX_UNUSED_REPORTED + 1
        assert (findings[-1]["line"], findings[-1]["message"]) == (last_line, more)
