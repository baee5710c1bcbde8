"""CSV and JSON exports: parsed back, checked cell by cell and key by key."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from coe.portfolio import export
from coe.portfolio.export import CSV_COLUMNS

from .fixtures import BROKEN_NAME, PORTFOLIO, TODAY, invoke, with_broken_file

DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "portfolio.md"

HEADER = [
    "coe_id", "team", "action_id", "action", "owner", "due", "priority",
    "status", "kind", "ticket", "done_on", "overdue", "timeliness",
]

# (coe_id, action_id) of every action, in file order then written order.
ALL_ACTIONS = [
    ("COE-0001", "CA-1"), ("COE-0001", "CA-2"), ("COE-0001", "CA-3"),
    ("COE-0002", "CA-1"),
    ("COE-0003", "CA-1"), ("COE-0003", "CA-2"),
    ("COE-0004", "CA-1"), ("COE-0004", "CA-2"),
    ("COE-0005", "CA-1"), ("COE-0005", "CA-2"),
    ("COE-0006", "CA-1"), ("COE-0006", "CA-2"),
    ("COE-0007", "CA-1"), ("COE-0007", "CA-2"), ("COE-0007", "CA-3"),
    ("COE-0008", "CA-1"), ("COE-0008", "CA-2"),
    ("COE-0009", "CA-1"),
]


def parse_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def report_csv() -> tuple[list[str], list[dict[str, str]]]:
    result = invoke("report", PORTFOLIO, "--format", "csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    return parse_csv(result.stdout)


# CSV --------------------------------------------------------------------------


def test_csv_header(report_csv):
    header, _ = report_csv
    assert header == HEADER
    assert list(CSV_COLUMNS) == HEADER


def test_csv_has_one_row_per_action(report_csv):
    _, rows = report_csv
    assert [(row["coe_id"], row["action_id"]) for row in rows] == ALL_ACTIONS


def test_csv_row_values(report_csv):
    _, rows = report_csv
    by_key = {(row["coe_id"], row["action_id"]): row for row in rows}
    assert by_key[("COE-0001", "CA-2")] == {
        "coe_id": "COE-0001", "team": "payments", "action_id": "CA-2",
        "action": "Review the rendered config diff before merge.", "owner": "bob",
        "due": "2026-02-28", "priority": "", "status": "done", "kind": "prevent", "ticket": "",
        "done_on": "2026-03-05", "overdue": "false", "timeliness": "late",
    }
    assert by_key[("COE-0006", "CA-1")] == {
        "coe_id": "COE-0006", "team": "platform", "action_id": "CA-1",
        "action": "Size the catalog cache from measured peak load.", "owner": "",
        "due": "2026-10-01", "priority": "", "status": "open", "kind": "prevent", "ticket": "",
        "done_on": "", "overdue": "true", "timeliness": "",
    }
    assert by_key[("COE-0004", "CA-2")]["due"] == ""
    assert by_key[("COE-0009", "CA-1")]["team"] == ""
    assert [key for key, row in by_key.items() if row["overdue"] == "true"] == [("COE-0001", "CA-3"), ("COE-0006", "CA-1")]
    assert sorted(row["timeliness"] for row in rows if row["timeliness"]) == ["late"] * 2 + ["on-time"] * 5


def test_csv_defuses_formula_looking_text(report_csv):
    _, rows = report_csv
    action = {(row["coe_id"], row["action_id"]): row["action"] for row in rows}
    assert action[("COE-0001", "CA-3")] == "'=HYPERLINK(\"https://evil.example/x\",\"click me\")"
    assert action[("COE-0002", "CA-1")] == "'+1 replica for the inventory database"
    assert action[("COE-0006", "CA-2")] == "'@oncall add a paging alarm on cache memory"
    assert action[("COE-0007", "CA-2")] == "'-2 days of buffer on certificate renewals"
    # Ordinary text is left alone.
    assert action[("COE-0003", "CA-1")] == "Validate search config against a schema in CI."
    assert sum(1 for text in action.values() if text.startswith("'")) == 4


def test_csv_defuses_formulas_in_every_text_column(tmp_path):
    (tmp_path / "c.yaml").write_text(
        "format: 1\nid: COE-0001\ntitle: t\nstatus: draft\nseverity: SEV3\nowner_team: '=team'\n"
        "corrective_actions:\n"
        "  - id: CA-1\n    action: \"\\tcmd\"\n    owner: '+owner'\n    ticket: '@SUM(A1)'\n"
        "  - id: CA-2\n    action: \"\\rcmd\"\n    owner: \"a-b\\r\\nc\\rd\"\n    ticket: https://t.example/1-2\n",
        encoding="utf-8",
    )
    result = invoke("report", tmp_path, "-f", "csv", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    _, rows = parse_csv(result.stdout)
    assert [(r["team"], r["action"], r["owner"], r["ticket"]) for r in rows] == [
        ("'=team", "'\tcmd", "'+owner", "'@SUM(A1)"),
        # A carriage return becomes a line feed, so the cell is quoted and stays one cell.
        ("'=team", "'\ncmd", "a-b\nc\nd", "https://t.example/1-2"),
    ]


def test_actions_csv_uses_the_same_columns_and_filters(tmp_path):
    result = invoke("actions", PORTFOLIO, "--overdue", "-f", "csv", "--today", TODAY)
    assert result.exit_code == 0
    header, rows = parse_csv(result.stdout)
    assert header == HEADER
    assert [(r["coe_id"], r["action_id"], r["action"], r["overdue"]) for r in rows] == [
        ("COE-0001", "CA-3", "'=HYPERLINK(\"https://evil.example/x\",\"click me\")", "true"),
        ("COE-0006", "CA-1", "Size the catalog cache from measured peak load.", "true"),
    ]


def test_actions_csv_without_filters_lists_all_actions_by_due_date():
    result = invoke("actions", PORTFOLIO, "-f", "csv", "--today", TODAY)
    _, rows = parse_csv(result.stdout)
    assert len(rows) == 18
    dues = [row["due"] for row in rows]
    # Sorted by due date; actions without one come last.
    assert dues == sorted(d for d in dues if d) + ["", ""]


def test_report_csv_to_a_file(tmp_path):
    out = tmp_path / "actions.csv"
    result = invoke("report", PORTFOLIO, "-f", "csv", "-o", out, "--today", TODAY)
    assert (result.exit_code, result.stdout) == (0, "")
    header, rows = parse_csv(out.read_text(encoding="utf-8"))
    assert header == HEADER and len(rows) == 18


# JSON shape -------------------------------------------------------------------

NULL = type(None)
FINDING = {"path": str, "line": int, "column": int, "rule": str, "message": str}
TIME_STATS = {"*": {"count": int, "median_minutes": (float, NULL), "p90_minutes": (float, NULL)}}
RANKED = [{"name": str, "count": int}]
FOLLOW_UP = [{"name": str, "open": int, "overdue": int, "done_on_time": int, "done_late": int}]
ACTION = {
    "coe_id": str, "team": str, "action_id": str, "action": str, "owner": str, "due": (str, NULL),
    "priority": str, "status": str, "kind": str, "ticket": str, "done_on": (str, NULL),
    "overdue": bool, "timeliness": (str, NULL),
}
# The documented shape: a dict is an exact set of keys, {"*": spec} a mapping
# with any keys, [spec] a list whose items all match, a type (or tuple of
# types) the exact JSON type of a value.
SHAPE = {
    "generated_on": str,
    "coes": int,
    "skipped": [FINDING],
    "totals": {
        "by_severity": {"*": int},
        "by_status": {"*": int},
        "by_kind": {"*": int},
        "by_month": {"*": int},
    },
    "times": {"time_to_detect": TIME_STATS, "time_to_mitigate": TIME_STATS},
    "root_causes": {"categories": RANKED, "services": RANKED},
    "recurrences": [{"coe": str, "earlier": str, "category": str, "services": [str], "message": str}],
    "actions": {
        "total": int,
        "open": int,
        "overdue": [ACTION],
        "done_on_time": int,
        "done_late": int,
        "by_owner": FOLLOW_UP,
        "by_team": FOLLOW_UP,
    },
    "coe_list": [
        {
            "id": str, "title": str, "severity": str, "status": str, "kind": str, "team": str,
            "services": [str], "category": str, "started_at": (str, NULL), "path": str,
            "open_actions": int, "overdue_actions": int,
        }
    ],
}


def check_shape(value, spec, where: str = "$") -> list[str]:
    """Every difference between value and spec, as readable paths."""
    if isinstance(spec, dict) and set(spec) == {"*"}:
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {type(value).__name__}"]
        return [p for key, item in value.items() for p in check_shape(item, spec["*"], f"{where}.{key}")]
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {type(value).__name__}"]
        problems = []
        if set(value) != set(spec):
            problems.append(f"{where}: keys {sorted(value)} != {sorted(spec)}")
        for key in set(value) & set(spec):
            problems += check_shape(value[key], spec[key], f"{where}.{key}")
        return problems
    if isinstance(spec, list):
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {type(value).__name__}"]
        return [p for index, item in enumerate(value) for p in check_shape(item, spec[0], f"{where}[{index}]")]
    types = spec if isinstance(spec, tuple) else (spec,)
    # Exact types: a bool is not an int, an int is not a float.
    if type(value) not in types:
        return [f"{where}: {value!r} is not {'/'.join(t.__name__ for t in types)}"]
    return []


def spec_keys(spec) -> set[str]:
    if isinstance(spec, dict):
        keys = {key for key in spec if key != "*"}
        return keys.union(*(spec_keys(item) for item in spec.values()))
    if isinstance(spec, list):
        return spec_keys(spec[0])
    return set()


@pytest.fixture(scope="module")
def broken_report(tmp_path_factory) -> dict:
    directory = with_broken_file(tmp_path_factory.mktemp("shape") / "coes")
    result = invoke("report", directory, "-f", "json", "--today", TODAY)
    assert result.exit_code == 1
    return json.loads(result.stdout)


def test_json_has_exactly_the_documented_shape(broken_report):
    # The broken file fills `skipped`; the fixtures fill every other list.
    for path in (("skipped",), ("recurrences",), ("actions", "overdue"), ("actions", "by_owner"), ("coe_list",)):
        value = broken_report
        for key in path:
            value = value[key]
        assert value, f"{path} is empty: its items would go unchecked"
    assert check_shape(broken_report, SHAPE) == []


def test_json_shape_check_catches_differences(broken_report):
    # The checker itself must fail on an extra key, a missing key and a wrong type.
    changed = json.loads(json.dumps(broken_report))
    changed["extra"] = 1
    del changed["actions"]["done_late"]
    changed["coe_list"][0]["open_actions"] = True
    changed["times"]["time_to_detect"]["2026-Q1"]["count"] = 4.0
    assert sorted(check_shape(changed, SHAPE)) == sorted([
        "$: keys " + repr(sorted(changed)) + " != " + repr(sorted(SHAPE)),
        "$.actions: keys " + repr(sorted(changed["actions"])) + " != " + repr(sorted(SHAPE["actions"])),
        "$.coe_list[0].open_actions: True is not int",
        "$.times.time_to_detect.2026-Q1.count: 4.0 is not int",
    ])


def test_json_skipped_entry(broken_report):
    assert broken_report["coes"] == 9
    [skipped] = broken_report["skipped"]
    assert skipped["path"].endswith(BROKEN_NAME)
    assert (skipped["line"], skipped["rule"]) == (4, "syntax")
    assert "flow sequence" in skipped["message"]


def test_actions_json_shape():
    result = invoke("actions", PORTFOLIO, "-f", "json", "--today", TODAY)
    data = json.loads(result.stdout)
    assert check_shape(data, {"actions": [ACTION]}) == []
    assert len(data["actions"]) == 18


# docs/portfolio.md ------------------------------------------------------------


@pytest.fixture(scope="module")
def docs() -> str:
    return DOCS.read_text(encoding="utf-8")


def documented_names(docs: str) -> set[str]:
    return set(re.findall(r"`([a-z_][a-z0-9_]*)`", docs))


def test_docs_mention_every_top_level_key_of_the_output(docs, broken_report):
    missing = set(broken_report) - documented_names(docs)
    assert missing == set()


def test_docs_mention_every_key_of_the_shape(docs):
    assert spec_keys(SHAPE) - documented_names(docs) == set()


def test_docs_list_the_csv_columns_in_order(docs):
    match = re.search(r"^coe_id,team,.*$", docs, re.MULTILINE)
    assert match, "docs/portfolio.md shows the CSV header line"
    assert match.group(0).split(",") == HEADER


def test_docs_define_the_measures(docs):
    lowered = docs.lower()
    for term in ("recurrence", "on time", "late", "overdue", "median", "p90", "nearest rank", "exit code"):
        assert term in lowered, term


# Chart geometry -----------------------------------------------------------------


def test_bar_chart_lengths_are_relative_to_the_longest_bar():
    from coe.portfolio.charts import bar_chart

    chart = bar_chart("t", [("a", 4), ("b", 1), ("c", 0)])
    assert [(bar.label, bar.length, bar.shown) for bar in chart.bars] == [("a", 1.0, "4"), ("b", 0.25, "1"), ("c", 0.0, "0")]
    assert chart.height == 28 * 3 + 10
    assert bar_chart("empty", [("a", 0)]).bars[0].length == 0.0  # no division by zero


def test_long_labels_are_cut_to_fit_and_short_ones_kept():
    from coe.portfolio.charts import LABEL_ROOM, bar_chart, label_width

    labels = ["checkout", "agent-vetting-and-monitoring", "PAYMENTS-GATEWAY-EU-WEST-1", "M" * 30, "数据库连接池耗尽导致结账失败"]
    drawn = [bar.short_label for bar in bar_chart("t", [(label, 1) for label in labels]).bars]
    assert drawn[0] == "checkout"
    for label, short in zip(labels[1:], drawn[1:]):
        assert short.endswith("…") and label.startswith(short[:-1]), short
        assert label_width(short) <= LABEL_ROOM
    # Wide letters leave room for fewer of them.
    assert len(drawn[3]) < len(drawn[1])


# Every white space and invisible character a spreadsheet may trim, before every formula start.
TRIMMED = sorted({chr(c) for c in range(0x3001) if chr(c).isspace()} | set("\u200b\u200c\u200d\u2060\ufeff"))
FORMULA_STARTS = "=+-@\uff1d\uff0b\uff0d\uff20"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_defuses_a_formula_after_any_trimmed_prefix(start):
    for prefix in ["", *TRIMMED, " \u00a0\u3000"]:
        cell = prefix + start + 'HYPERLINK("https://evil.example/x")'
        written = export._cell(cell)
        assert written == "'" + cell.replace("\r\n", "\n").replace("\r", "\n"), repr(prefix)


@pytest.mark.parametrize("text", ["Add a check.", " indented text", "\u3000full-width space, then words", "a=b", "e-mail"])
def test_csv_leaves_ordinary_text_alone(text):
    assert export._cell(text) == text
