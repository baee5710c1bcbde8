"""`coe list`, `coe actions` and `coe report` on the hand-written portfolio:
filters, formats, exit codes and broken input."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from .fixtures import ALL_IDS, BROKEN_NAME, PORTFOLIO, TODAY, coe_ids, invoke, with_broken_file


def listed(*args: object) -> list[str]:
    result = invoke("list", PORTFOLIO, "--today", TODAY, *args)
    assert result.exit_code == 0, result.stderr
    return coe_ids(result.stdout)


def actions_json(*args: object) -> list[tuple[str, str]]:
    result = invoke("actions", PORTFOLIO, "--today", TODAY, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [(a["coe_id"], a["action_id"]) for a in json.loads(result.stdout)["actions"]]


# coe list ---------------------------------------------------------------------


def test_list_shows_every_coe_in_path_order():
    result = invoke("list", PORTFOLIO, "--today", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert coe_ids(result.stdout) == ALL_IDS
    assert result.stdout.lstrip().startswith("9 COEs")


def test_list_row_shows_age_open_and_overdue():
    result = invoke("list", PORTFOLIO, "--today", TODAY)
    row = next(line for line in result.stdout.splitlines() if "COE-0006" in line)
    cells = [cell.strip() for cell in row.strip("│ ").split("│")]
    # Started 2026-05-05: 163 days before 2026-10-15. Two open actions, one overdue.
    assert cells == ["COE-0006", "Catalog cache ran out of memory", "SEV3", "approved", "163d", "2", "1"]
    row = next(line for line in result.stdout.splitlines() if "COE-0009" in line)
    assert [cell.strip() for cell in row.strip("│ ").split("│")] == ["COE-0009", "Escalations lost again", "SEV5", "draft", "", "0", "0"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "draft"], ["COE-0008", "COE-0009"]),
        (["--status", "closed", "--status", "in-review"], ["COE-0001", "COE-0002", "COE-0005", "COE-0007"]),
        (["--severity", "SEV2"], ["COE-0002", "COE-0003", "COE-0008"]),
        (["--severity", "SEV1", "--severity", "SEV5"], ["COE-0001", "COE-0009"]),
        (["--service", "search"], ["COE-0003", "COE-0005", "COE-0008"]),
        (["--service", "inventory", "--service", "catalog"], ["COE-0002", "COE-0006"]),
        (["--since", "2026-05-05"], ["COE-0006", "COE-0007", "COE-0008"]),  # inclusive; COE-0009 has no start
        (["--since", "2026-05-06"], ["COE-0007", "COE-0008"]),
        (["--service", "checkout", "--severity", "SEV2"], ["COE-0003"]),
        (["--status", "approved", "--since", "2026-03-01"], ["COE-0004", "COE-0006"]),
        (["--service", "no-such-service"], []),
    ],
)
def test_list_filters(args, expected):
    assert listed(*args) == expected


def test_list_since_compares_the_local_start_date():
    # COE-0004 started 2026-03-20T10:00+01:00 (09:00 UTC, the same day).
    assert "COE-0004" in listed("--since", "2026-03-20")
    assert "COE-0004" not in listed("--since", "2026-03-21")


def test_list_filtered_title_counts_the_rows():
    result = invoke("list", PORTFOLIO, "--today", TODAY, "--severity", "SEV2")
    assert result.stdout.lstrip().startswith("3 COEs")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "Draft"], "--status `Draft` is not one of: draft, in-review, approved, closed"),
        (["--severity", "sev2"], "--severity `sev2` is not one of: SEV1, SEV2, SEV3, SEV4, SEV5"),
    ],
)
def test_list_rejects_unknown_status_or_severity(args, message):
    result = invoke("list", PORTFOLIO, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_list_bad_since_is_a_usage_error():
    result = invoke("list", PORTFOLIO, "--since", "May 2026")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_list_missing_directory_is_a_usage_error(tmp_path):
    result = invoke("list", tmp_path / "nope")
    assert result.exit_code == 2
    assert "no such directory" in result.stderr


# coe actions ------------------------------------------------------------------


def test_actions_table_lists_all_actions():
    result = invoke("actions", PORTFOLIO, "--today", TODAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.lstrip().startswith("18 corrective actions")
    assert "open (overdue)" in result.stdout
    assert result.stdout.count("(overdue)") == 2


def test_actions_table_marks_only_overdue_rows():
    result = invoke("actions", PORTFOLIO, "--today", TODAY)
    overdue_rows = [line for line in result.stdout.splitlines() if "(overdue)" in line]
    assert [coe_ids(line) + [line.split("│")[2].strip()] for line in overdue_rows] == [
        ["COE-0001", "CA-3"], ["COE-0006", "CA-1"],
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--owner", "alice"], [("COE-0001", "CA-1"), ("COE-0003", "CA-2"), ("COE-0008", "CA-2"), ("COE-0001", "CA-3")]),
        (["--owner", "carol", "--owner", "erin"], [("COE-0002", "CA-1"), ("COE-0005", "CA-1"), ("COE-0005", "CA-2"), ("COE-0006", "CA-2")]),
        (["--status", "in-progress"], [("COE-0006", "CA-2"), ("COE-0003", "CA-1")]),
        (["--status", "wont-do"], [("COE-0005", "CA-2"), ("COE-0007", "CA-1")]),
        (["--overdue"], [("COE-0001", "CA-3"), ("COE-0006", "CA-1")]),
        (["--overdue", "--owner", "bob"], []),
        # Open, due on or before 2026-10-29; overdue ones included.
        (["--due-within", "14d"], [("COE-0001", "CA-3"), ("COE-0006", "CA-1"), ("COE-0004", "CA-1"), ("COE-0006", "CA-2"), ("COE-0007", "CA-2")]),
        (["--due-within", "2w"], [("COE-0001", "CA-3"), ("COE-0006", "CA-1"), ("COE-0004", "CA-1"), ("COE-0006", "CA-2"), ("COE-0007", "CA-2")]),
        (["--due-within", "13"], [("COE-0001", "CA-3"), ("COE-0006", "CA-1"), ("COE-0004", "CA-1"), ("COE-0006", "CA-2"), ("COE-0007", "CA-2")]),
        (["--due-within", "12"], [("COE-0001", "CA-3"), ("COE-0006", "CA-1"), ("COE-0004", "CA-1"), ("COE-0006", "CA-2")]),
        (["--due-within", "0d"], [("COE-0001", "CA-3"), ("COE-0006", "CA-1"), ("COE-0004", "CA-1")]),
        (["--due-within", "4w"], [("COE-0001", "CA-3"), ("COE-0006", "CA-1"), ("COE-0004", "CA-1"), ("COE-0006", "CA-2"), ("COE-0007", "CA-2"), ("COE-0008", "CA-1")]),
        (["--due-within", "14d", "--owner", "frank"], [("COE-0007", "CA-2")]),
    ],
)
def test_actions_filters(args, expected):
    assert actions_json(*args) == expected


def test_actions_are_sorted_by_due_date_with_undated_last():
    order = actions_json()
    assert len(order) == 18
    assert order[:3] == [("COE-0001", "CA-1"), ("COE-0001", "CA-2"), ("COE-0002", "CA-1")]
    assert order[-2:] == [("COE-0004", "CA-2"), ("COE-0007", "CA-3")]


@pytest.mark.parametrize("value", ["soon", "14", "2x", "-3d", "1.5w", ""])
def test_due_within_values(value):
    result = invoke("actions", PORTFOLIO, "--today", TODAY, "-f", "json", "--due-within", value)
    if value == "14":  # a bare number is days
        assert result.exit_code == 0
        assert len(json.loads(result.stdout)["actions"]) == 5
    else:
        assert result.exit_code == 2, value
        assert result.stdout == ""
        assert "--due-within takes days like 14d or weeks like 2w" in result.stderr


def test_actions_unknown_status_is_a_usage_error_not_an_empty_pass():
    result = invoke("actions", PORTFOLIO, "--today", TODAY, "--status", "opne", "--fail-on-overdue")
    assert result.exit_code == 2
    assert "--status `opne` is not one of: open, in-progress, done, wont-do" in result.stderr


def test_actions_bad_format_is_a_usage_error():
    result = invoke("actions", PORTFOLIO, "-f", "xml")
    assert result.exit_code == 2


def test_actions_json_values():
    result = invoke("actions", PORTFOLIO, "--today", TODAY, "-f", "json", "--owner", "erin")
    assert json.loads(result.stdout) == {
        "actions": [
            {
                "coe_id": "COE-0005", "team": "platform", "action_id": "CA-2", "action": "Write a runbook for ranking rollbacks.",
                "owner": "erin", "due": "2026-07-01", "priority": "", "status": "wont-do", "kind": "process", "ticket": "",
                "done_on": None, "overdue": False, "timeliness": None,
            },
            {
                "coe_id": "COE-0006", "team": "platform", "action_id": "CA-2", "action": "@oncall add a paging alarm on cache memory",
                "owner": "erin", "due": "2026-10-20", "priority": "", "status": "in-progress", "kind": "detect", "ticket": "",
                "done_on": None, "overdue": False, "timeliness": None,
            },
        ]
    }


# --fail-on-overdue ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([], 1),
        (["--overdue"], 1),
        (["--owner", "alice"], 1),  # CA-3 of COE-0001 is overdue
        (["--owner", "bob"], 0),  # bob has nothing overdue
        (["--status", "done"], 0),  # overdue actions exist, but none is listed
        (["--due-within", "14d"], 1),
        (["--today", "2026-09-30"], 0),  # nothing is overdue yet
        (["--today", "2026-10-01"], 1),
    ],
)
def test_fail_on_overdue_exits_1_only_when_a_listed_action_is_overdue(args, code):
    today = [] if "--today" in args else ["--today", TODAY]
    result = invoke("actions", PORTFOLIO, *today, *args, "--fail-on-overdue")
    assert result.exit_code == code, result.stderr
    if code:
        assert "overdue corrective action(s)" in result.stderr
    else:
        assert result.stderr == ""


def test_fail_on_overdue_counts_the_listed_overdue_actions():
    result = invoke("actions", PORTFOLIO, "--today", TODAY, "--fail-on-overdue", "-f", "csv")
    assert result.exit_code == 1
    assert result.stderr == "coe actions: 2 overdue corrective action(s)\n"
    assert len(result.stdout.splitlines()) == 19  # still printed: header and 18 rows


def test_without_fail_on_overdue_overdue_actions_exit_0():
    result = invoke("actions", PORTFOLIO, "--today", TODAY, "--overdue")
    assert result.exit_code == 0


def test_today_defaults_to_the_real_date(tmp_path):
    # Due in 2000: overdue today, whatever today is.
    (tmp_path / "c.yaml").write_text(
        "format: 1\nid: COE-0001\ntitle: t\nstatus: draft\nseverity: SEV3\n"
        "corrective_actions:\n  - id: CA-1\n    due: 2000-01-01\n",
        encoding="utf-8",
    )
    assert invoke("actions", tmp_path, "--fail-on-overdue").exit_code == 1
    assert invoke("actions", tmp_path, "--fail-on-overdue", "--today", "1999-12-31").exit_code == 0


# Broken input -----------------------------------------------------------------


@pytest.fixture
def broken_dir(tmp_path):
    return with_broken_file(tmp_path / "coes")


def skipped_line(directory) -> str:
    return f"skipped {directory / BROKEN_NAME}:4:"


def test_report_json_covers_the_valid_files_and_lists_the_broken_one(broken_dir):
    result = invoke("report", broken_dir, "-f", "json", "--today", TODAY)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["coes"] == 9
    assert data["actions"]["total"] == 18
    assert data["totals"]["by_severity"] == {"SEV1": 1, "SEV2": 3, "SEV3": 3, "SEV4": 1, "SEV5": 1}
    assert [(s["path"], s["line"], s["rule"]) for s in data["skipped"]] == [(str(broken_dir / BROKEN_NAME), 4, "syntax")]
    assert result.stderr.startswith(skipped_line(broken_dir))
    assert ": syntax: " in result.stderr


def test_report_html_lists_the_broken_file(broken_dir, tmp_path):
    out = tmp_path / "report.html"
    result = invoke("report", broken_dir, "-o", out, "--today", TODAY)
    assert result.exit_code == 1
    html = out.read_text(encoding="utf-8")
    assert "1 file(s) could not be read and are left out:" in html
    warning = html[html.index('<div class="warning-box">'):]
    warning = warning[: warning.index("</div>")]
    assert f"{broken_dir / BROKEN_NAME}:4:" in warning
    assert ": syntax: " in warning
    assert '<span class="value">9</span>' in html  # the COE count


def test_report_markdown_lists_the_broken_file_readably(broken_dir):
    result = invoke("report", broken_dir, "-f", "markdown", "--today", TODAY)
    assert result.exit_code == 1
    assert "9 COEs ·" in result.stdout
    rendered = MarkdownIt("commonmark").enable("table").render(result.stdout)
    # The path shows as written: underscores in it are not escaped into view.
    item = next(line for line in rendered.splitlines() if BROKEN_NAME in line)
    assert item.startswith(f"<li>{broken_dir / BROKEN_NAME}:4:")
    assert "\\" not in item.split(": syntax: ")[0]


@pytest.mark.parametrize("fmt", ["html", "markdown", "json", "csv"])
def test_report_skip_invalid_exits_0_but_still_reports(broken_dir, fmt):
    result = invoke("report", broken_dir, "-f", fmt, "--today", TODAY, "--skip-invalid")
    assert result.exit_code == 0
    assert result.stderr.startswith(skipped_line(broken_dir))
    if fmt == "json":
        assert len(json.loads(result.stdout)["skipped"]) == 1
    elif fmt == "csv":
        assert len(result.stdout.splitlines()) == 19
    else:
        assert BROKEN_NAME.replace("_", "\\_" if fmt == "markdown" else "_") in result.stdout


def test_schema_invalid_file_is_skipped_too(tmp_path):
    directory = with_broken_file(tmp_path / "coes")
    (directory / BROKEN_NAME).write_text("format: 1\nid: COE-0099\ntitle: t\nstatus: draft\nseverity: SEV9\n", encoding="utf-8")
    result = invoke("report", directory, "-f", "json", "--today", TODAY)
    assert result.exit_code == 1
    [skipped] = json.loads(result.stdout)["skipped"]
    assert (skipped["line"], skipped["rule"]) == (5, "schema")


def test_list_with_a_broken_file(broken_dir):
    result = invoke("list", broken_dir, "--today", TODAY)
    assert result.exit_code == 1
    assert coe_ids(result.stdout) == ALL_IDS  # COE-0099 did not load
    assert result.stderr.startswith(skipped_line(broken_dir))
    skipped = invoke("list", broken_dir, "--today", TODAY, "--skip-invalid")
    assert skipped.exit_code == 0
    assert coe_ids(skipped.stdout) == ALL_IDS
    assert skipped.stderr.startswith(skipped_line(broken_dir))


def test_actions_with_a_broken_file(broken_dir):
    result = invoke("actions", broken_dir, "--today", TODAY, "-f", "json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["actions"]) == 18
    assert result.stderr.startswith(skipped_line(broken_dir))
    assert invoke("actions", broken_dir, "--today", TODAY, "-f", "json", "--skip-invalid").exit_code == 0


def test_skip_invalid_does_not_hide_overdue_actions(broken_dir):
    result = invoke("actions", broken_dir, "--today", TODAY, "--skip-invalid", "--fail-on-overdue")
    assert result.exit_code == 1
    assert "2 overdue corrective action(s)" in result.stderr


# coe report: options ----------------------------------------------------------


def test_report_to_a_file_prints_nothing(tmp_path):
    out = tmp_path / "portfolio.md"
    result = invoke("report", PORTFOLIO, "-f", "markdown", "-o", out, "--today", TODAY)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# COE portfolio, 2026-10-15\n")
    assert "9 COEs · 8 open actions · 2 overdue · 5 of 7 done on time · 3 recurrences" in text


def test_report_markdown_tables():
    result = invoke("report", PORTFOLIO, "-f", "markdown", "--today", TODAY)
    text = result.stdout
    assert "| 2026-Q1 | 4 | 25m | 40m | 1h 45m | 4h |" in text
    assert "| 2026-Q3 | 1 | 7m | 7m | n/a | n/a |" in text
    assert "| COE-0008 | COE-0005 | config-change | search |" in text
    assert "| (no owner) | 1 | 1 | 0 | 0 |" in text  # the follow-up by owner
    assert "| payments | 3 | 1 | 3 | 1 |" in text
    assert "| unspecified | 2 |" in text
    assert "| 2026-05 | 2 |" in text
    # A formula-looking action is plain text in Markdown, not a list item or heading.
    assert "| \\=HYPERLINK(" in text


def test_report_html_is_the_default_format():
    result = invoke("report", PORTFOLIO, "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "<title>COE portfolio, 2026-10-15</title>" in result.stdout
    # User text is escaped, never markup.
    assert '=HYPERLINK(&#34;https://evil.example/x&#34;,&#34;click me&#34;)' in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "pdf"], "choose one of"),
        (["--today", "tomorrow"], "YYYY-MM-DD"),
    ],
)
def test_report_usage_errors(args, message):
    result = invoke("report", PORTFOLIO, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_report_missing_directory(tmp_path):
    result = invoke("report", tmp_path / "nope", "-f", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "coe report: error: no such directory" in result.stderr


def test_report_unwritable_output(tmp_path):
    result = invoke("report", PORTFOLIO, "-f", "json", "-o", tmp_path / "missing-dir" / "r.json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"coe report: error: cannot write {tmp_path / 'missing-dir' / 'r.json'}" in result.stderr
    assert not (tmp_path / "missing-dir").exists()
