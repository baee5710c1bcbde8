"""Config values and arguments at Python's limits: exit 2 and a message naming them, never a traceback (#15, item 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from coe.cli import app

EXAMPLE = sorted(EXAMPLES.glob("*.yaml"))[0]


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(
    ("items", "index", "shown"),
    [("[1, 2]", 0, "1"), ('[""]', 0, "''"), ('["racist", "  "]', 1, "'  '"), ("[true]", 0, "True"), ("[[]]", 0, "[]"),
     ('["ok", 2.5]', 1, "2.5")],
)
def test_a_rule_option_list_holds_only_non_empty_text(example_project, items, index, shown):
    (example_project / ".coe.toml").write_text(f'directory = "coes"\n[rules.blame-language]\nphrases = {items}\n', encoding="utf-8")
    result = run("lint")
    assert result.exit_code == 2
    assert result.stderr == (
        f"coe lint: error: {example_project / '.coe.toml'}: `rules.blame-language.phrases`[{index}]: "
        f"must be non-empty text, not {shown}\n"
    )


@pytest.mark.parametrize("value", [2**63 - 1, 2**40, 2**30 + 1])
def test_max_file_size_has_an_upper_bound(example_project, value):
    (example_project / ".coe.toml").write_text(f'directory = "coes"\nmax_file_size = {value}\n', encoding="utf-8")
    for command in (("lint",), ("list",), ("report", "-f", "json")):
        result = run(*command)
        assert result.exit_code == 2, command
        assert result.stderr.endswith(f": `max_file_size` must be at most 1073741824, not `{value}`\n"), result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--due-within", "3000000d"), 0),  # past the calendar's end: every open action with a due date
        (("--due-within", "999999999w"), 0),
        (("--today", "9999-12-31", "--due-within", "1d"), 0),
        (("--today", "9999-12-31", "--due-within", "0"), 0),
        (("--due-within", "1000000000d"), 2),
        (("--due-within", "9" * 5000), 2),
    ],
)
def test_due_within_at_the_calendars_end(example_project, args, code):
    result = run("actions", "coes", *args)
    assert result.exit_code == code, result.stderr
    if code == 2:
        assert result.stderr.startswith("coe actions: error: --due-within takes days like 14d or weeks like 2w")
        assert len(result.stderr) < 300


def test_due_within_a_huge_horizon_lists_every_open_action_with_a_due_date(example_project):
    result = run("actions", "coes", "--due-within", "3000000d", "-f", "json", "--today", "2026-11-23")
    listed = {a["action_id"] for a in json.loads(result.stdout)["actions"]}
    everything = json.loads(run("actions", "coes", "-f", "json", "--today", "2026-11-23").stdout)["actions"]
    assert listed == {a["action_id"] for a in everything if a["due"] and a["status"] in ("open", "in-progress")}


@pytest.mark.parametrize(
    ("started_at", "zone"),
    [("0001-01-01T00:00:00", "America/New_York"), ("9999-12-31T23:00:00-05:00", "UTC"),
     ("9999-12-31T23:59:59", "Asia/Tokyo"), ("0001-01-01T00:30:00+01:00", "UTC")],
)
def test_a_start_time_that_leaves_the_calendar_in_utc_exits_2(tmp_path, started_at, zone):
    env = {**os.environ, "TZ": zone}
    result = subprocess.run(
        [sys.executable, "-m", "coe", "new", "T", "--no-input", "--dir", "coes", "--started-at", started_at],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"coe new: error: --started-at `{started_at}` is not a timestamp")
    assert not (tmp_path / "coes").exists() or not any((tmp_path / "coes").iterdir())


@pytest.mark.parametrize("name", [b"\xff", b"\xfe\xfe", b"ok\x80dir"])
def test_init_refuses_a_directory_name_that_is_not_utf8_and_creates_nothing(tmp_path, name):
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"coe", b"init", b"--dir", name], cwd=tmp_path, capture_output=True, timeout=60,
    )
    assert result.returncode == 2
    assert b"is not valid UTF-8 text" in result.stderr and b"Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("digits", "refused"), [(18, False), (19, True), (5000, True)])
def test_new_refuses_to_count_on_from_an_id_too_long(example_project, digits, refused):
    number = "9" * digits
    text = EXAMPLE.read_text(encoding="utf-8").replace("id: COE-0001", f"id: COE-{number}", 1)
    (example_project / "coes" / "c.yaml").write_text(text, encoding="utf-8")
    result = run("new", "Next", "--no-input", "--dir", "coes")
    if refused:
        assert result.exit_code == 2
        assert "whose number is too long to count on from" in result.stderr and len(result.stderr) < 400
    else:
        assert result.exit_code == 0, result.stderr
        assert result.stdout.strip().endswith(f"COE-{int(number) + 1}-next.yaml")

