"""Every way a file can be wrong gives a problem with rule, line, column and
message; never a traceback."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from coe.document.loader import load, load_text
from conftest import MINIMAL


def only_problem(result):
    assert result.document is None
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    return problem.rule, problem.line, problem.column, problem.message


def test_minimal_document_loads(write):
    result = load(write(MINIMAL))
    assert result.problems == []
    assert result.document.coe.id == "COE-0001"
    assert result.document.coe.status == "draft"


def test_invalid_yaml(write):
    path = write(MINIMAL + "title: [unclosed\n")
    rule, line, column, message = only_problem(load(path))
    assert (rule, line, column) == ("syntax", 7, 1)
    assert "flow sequence" in message


def test_duplicate_key(write):
    rule, line, column, message = only_problem(load(write(MINIMAL + "title: Again\n")))
    assert (rule, line, column) == ("syntax", 6, 1)
    assert message == "duplicate key `title`; each key may appear once in a mapping"


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(write, content):
    rule, line, column, message = only_problem(load(write(content)))
    assert (rule, line, column) == ("schema", 1, 1)
    assert message.startswith("the file is empty")


def test_several_documents(write):
    rule, line, column, message = only_problem(load(write(MINIMAL + "---\nformat: 1\n")))
    assert (rule, line, column) == ("syntax", 6, 1)
    assert "more than one YAML document" in message


@pytest.mark.parametrize(
    ("content", "kind"), [("- a\n- b\n", "a list"), ("just text\n", "plain text"), ("42\n", "a int")]
)
def test_top_level_not_a_mapping(write, content, kind):
    rule, line, column, message = only_problem(load(write(content)))
    assert (rule, line, column) == ("schema", 1, 1)
    assert message == f"the top level must be a mapping of keys (format, id, title, ...), not {kind}"


def test_not_utf8(write):
    path = write(MINIMAL.encode() + b"owner_team: caf\xe9 team\n")
    rule, line, column, message = only_problem(load(path))
    assert (rule, line, column) == ("syntax", 6, 16)
    assert message == "the file is not valid UTF-8 (byte 0xe9); re-save it as UTF-8 in your editor"


def test_utf8_bom_is_accepted(write):
    result = load(write(b"\xef\xbb\xbf" + MINIMAL.encode()))
    assert result.problems == []


def test_file_over_the_size_limit(write):
    path = write(MINIMAL + "x_padding: " + "a" * 2048 + "\n")
    rule, line, column, message = only_problem(load(path, max_file_size=1024))
    assert (rule, line, column) == ("syntax", 1, 1)
    assert "over the 0.0009765625 MB limit" not in message
    assert "raise `max_file_size` in the config" in message


def test_default_size_limit_is_5_mb(write):
    path = write(MINIMAL + "x_padding: '" + "a" * (5 * 1024 * 1024) + "'\n")
    rule, line, column, message = only_problem(load(path))
    assert message.startswith("file is 5.0 MB, over the 5 MB limit")


def test_alias_bomb_is_bounded(write):
    lines = [MINIMAL, "x_lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    for level in range(1, 10):
        previous = f"*l{level - 1}"
        lines.append(f"x_lol{level}: &l{level} [{', '.join([previous] * 10)}]\n")
    started = time.perf_counter()
    rule, line, column, message = only_problem(load(write("".join(lines))))
    assert time.perf_counter() - started < 5  # a bound on the bomb, not a benchmark
    assert (rule, line) == ("syntax", 6)  # the anchored node that is repeated
    assert "alias bomb" in message


def test_deep_nesting_is_bounded(write):
    rule, line, column, message = only_problem(load(write(MINIMAL + "x_deep: " + "[" * 5000 + "]" * 5000 + "\n")))
    assert rule == "syntax"
    assert line == 6
    assert "nests deeper than 100 levels" in message


def test_directory_given_as_file(tmp_path):
    rule, line, column, message = only_problem(load(tmp_path))
    assert (rule, line, column) == ("syntax", 1, 1)
    assert message.startswith("is a directory")


def test_missing_path(tmp_path):
    rule, line, column, message = only_problem(load(tmp_path / "nope.yaml"))
    assert (rule, line, column, message) == ("syntax", 1, 1, "no such file; check the path")


def test_unreadable_file(write, monkeypatch):
    path = write(MINIMAL)

    real_open = os.open

    def refuse(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)  # chmod 0 does not stop root
    rule, line, column, message = only_problem(load(path))
    assert message == "permission denied; make the file readable"


# Each case: a change to MINIMAL, and the one schema finding it gives, exactly.
SCHEMA_FINDINGS = {
    "an unknown key suggests the nearest": (
        MINIMAL + "corective_actions: []\n",
        (6, 1, "unknown key `corective_actions` (did you mean `corrective_actions`?)"),
    ),
    "an unknown nested key lists the allowed keys": (
        MINIMAL + "impact:\n  customers: many\n  zzz: 1\n",
        (8, 3, "unknown key `zzz`; allowed here: customers, business, customers_affected, metrics, customer_communication"),
    ),
    "an unknown key in a list item": (
        MINIMAL + "corrective_actions:\n  - id: CA-1\n    ownr: a.lee\n",
        (8, 5, "unknown key `ownr` (did you mean `owner`?)"),
    ),
    "a timestamp without an offset": (
        MINIMAL + "incident:\n  started_at: 2026-11-20T14:00:00\n",
        (7, 15, "timestamp has no UTC offset: write 2026-11-20T14:00:00Z"),
    ),
    "a date where a timestamp belongs": (
        MINIMAL + "incident:\n  started_at: 2026-11-20\n",
        (7, 15, "timestamp has no UTC offset: write 2026-11-20T00:00:00Z"),
    ),
    "a wrong enum lists the allowed values": (
        MINIMAL.replace("status: draft", "status: done"),
        (4, 9, "`done` is not a valid `status`; use one of: draft, in-review, approved, closed"),
    ),
    "a wrong enum in an action": (
        MINIMAL + "corrective_actions:\n  - id: CA-1\n    priority: urgent\n",
        (8, 15, "`urgent` is not a valid `corrective_actions[0].priority`; use one of: high, medium, low"),
    ),
    "a missing required key": (MINIMAL.replace("title: Minimal\n", ""), (1, 1, "missing required key `title`")),
    "a wrong type": (MINIMAL + "authors: a.lee\n", (6, 10, "`authors` must be a list, not `a.lee`")),
    "an id that does not match its pattern": (
        MINIMAL.replace("COE-0001", "coe-1"),
        (2, 5, "`coe-1` is not a valid `id`: it must match ^[A-Z][A-Z0-9]*-[0-9]+$ (for example COE-0042)"),
    ),
    "a duplicate action id": (
        MINIMAL + "corrective_actions:\n  - id: CA-1\n  - id: CA-1\n",
        (8, 9, "corrective action id `CA-1` is used twice; give each action its own id"),
    ),
}


@pytest.mark.parametrize("case", SCHEMA_FINDINGS)
def test_schema_finding(write, case):
    text, (line, column, message) = SCHEMA_FINDINGS[case]
    assert only_problem(load(write(text))) == ("schema", line, column, message)


def test_custom_x_fields_are_kept_in_order(write):
    result = load(write(MINIMAL + "x_region: eu-west-1\nx_jira: PAY-1\n"))
    assert result.document.coe.x_fields == {"x_region": "eu-west-1", "x_jira": "PAY-1"}


def test_several_schema_problems_are_all_reported_in_order(write):
    text = MINIMAL.replace("status: draft", "status: done") + "corective_actions: []\n"
    result = load(write(text))
    assert [(p.line, p.column, p.rule) for p in result.problems] == [(4, 9, "schema"), (6, 1, "schema")]


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['echo hi']", "!custom value"])
def test_yaml_tags_are_rejected_never_executed(write, tag):
    rule, line, column, message = only_problem(load(write(MINIMAL + f"x_payload: {tag}\n")))
    assert (rule, line, column) == ("syntax", 6, 12)
    assert message.startswith("unsupported YAML tag")


def test_dates_and_timestamps_are_typed(write):
    text = MINIMAL + (
        "incident:\n  started_at: 2026-11-20T14:00:00+02:00\n"
        "corrective_actions:\n  - id: CA-1\n    due: 2026-12-15\n"
    )
    coe = load(write(text)).document.coe
    assert coe.incident.started_at == dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.timezone.utc)
    assert coe.corrective_actions[0].due == dt.date(2026, 12, 15)


def test_load_text_names_the_path_it_is_given():
    result = load_text("format: [", "memory.yaml")
    assert result.problems[0].path == "memory.yaml"
