"""`coe set-status`, `coe action add`, `coe action done`: each edit changes exactly its lines.

The fixtures in tests/data/edit/ are hand-written COEs with comments in every
position, flow collections, block scalars, anchors, aliases, both quoting
styles and three indentation styles. Each test copies one, runs the command,
and compares the file with the original line by line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coe.yaml import reader
from coe.cli import app
from coe.document.edit_in_place import EditError, edit_file
from coe.yaml.text_edits import AppendItem, SetKey
from conftest import EXAMPLES, MINIMAL

DATA = Path(__file__).parent / "data" / "edit"
MAIN_FIXTURES = ("two-space.yaml", "four-space.yaml", "column-zero.yaml")
TODAY = "2026-11-23"


def invoke(*args):
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / ".coe.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def copy(project):
    def _copy(name: str, to: str | None = None) -> Path:
        target = project / (to or name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA / name, target)
        return target

    return _copy


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def changed_lines(before: str, after: str) -> list[str]:
    """The `- ` and `+ ` lines of an ndiff: what was removed and what was added."""
    diff = difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True))
    return [line for line in diff if line.startswith(("- ", "+ "))]


def index_of(lines: list[str], line: str, start: int = 0) -> int:
    return lines.index(line, start)


def apply(text: str, marker: str, replace: dict[str, str] | None = None, insert_after: tuple[str, list[str]] | None = None) -> str:
    """``text`` with lines after the line ``marker`` replaced, and new lines inserted after an anchor line."""
    lines = text.split("\n")
    start = index_of(lines, marker)
    for old, new in (replace or {}).items():
        lines[index_of(lines, old, start)] = new
    if insert_after:
        anchor, new_lines = insert_after
        at = index_of(lines, anchor, start) + 1
        lines[at:at] = new_lines
    return "\n".join(lines)


def data_of(text: str) -> dict:
    return reader.load(text)[0]


# --------------------------------------------------------------------------------------------
# The fixtures themselves
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.yaml")))
def test_fixtures_are_what_they_claim(name):
    result = invoke("lint", DATA / name, "--select", "schema,syntax", "-q")
    if name == "schema-problems.yaml":
        assert result.exit_code == 1
    else:
        assert result.exit_code == 0, result.output


def test_main_fixtures_have_their_indentation_style():
    two = read(DATA / "two-space.yaml")
    four = read(DATA / "four-space.yaml")
    zero = read(DATA / "column-zero.yaml")
    assert "\n  - id: CA-1\n    action:" in two
    assert "\n    - id: CA-1\n      action:" in four and "\nincident:\n    started_at:" in four
    assert "\n- id: CA-1\n  action:" in zero and "\nauthors:\n- m.ng" in zero
    assert ">+" in two and ">+" in four
    for text in (two, four, zero):
        assert "|-" in text
        assert "&" in text and "*" in text
        assert "'" in text and '"' in text
        assert "{" in text and "[" in text
        assert text.rstrip("\n").splitlines()[-1].startswith("#")


# --------------------------------------------------------------------------------------------
# set-status
# --------------------------------------------------------------------------------------------

STATUS_LINES = {
    "two-space.yaml": (
        "status: draft # end-of-line comment on the line set-status changes",
        "status: approved # end-of-line comment on the line set-status changes",
    ),
    # The comment keeps its column.
    "four-space.yaml": ("status: in-review    # waiting for the bar raiser", "status: approved     # waiting for the bar raiser"),
    "column-zero.yaml": ("status: closed", "status: approved"),
}


@pytest.mark.parametrize("name", MAIN_FIXTURES)
def test_set_status_changes_exactly_one_line(copy, name):
    path = copy(name)
    before = read(path)
    result = invoke("set-status", path, "approved")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: status set to approved\n"
    after = read(path)
    old, new = STATUS_LINES[name]
    assert changed_lines(before, after) == [f"- {old}\n", f"+ {new}\n"]
    assert after == before.replace(f"\n{old}\n", f"\n{new}\n", 1)
    expected = data_of(before) | {"status": "approved"}
    assert data_of(after) == expected


@pytest.mark.parametrize("name", MAIN_FIXTURES)
@pytest.mark.parametrize("status", ["draft", "in-review", "approved", "closed"])
def test_set_status_to_every_status(copy, name, status):
    path = copy(name)
    before = read(path)
    assert invoke("set-status", path, status).exit_code == 0
    after = read(path)
    assert data_of(after) == data_of(before) | {"status": status}
    assert len(changed_lines(before, after)) in (0, 2)


@pytest.mark.parametrize("name", MAIN_FIXTURES)
def test_setting_the_same_status_does_not_rewrite_the_file(copy, name):
    path = copy(name)
    current = data_of(read(path))["status"]
    before = path.read_bytes()
    stat = path.stat()
    result = invoke("set-status", path, current)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_set_status_on_the_examples_changes_one_line(project, example):
    path = project / example.name
    shutil.copyfile(example, path)
    before = read(path)
    target = "in-review" if data_of(before)["status"] != "in-review" else "approved"
    assert invoke("set-status", path, target).exit_code == 0
    assert changed_lines(before, read(path)) == [f"- status: {data_of(before)['status']}\n", f"+ status: {target}\n"]


def test_no_final_newline_is_kept(write):
    path = write(MINIMAL.rstrip("\n"))
    assert invoke("set-status", path, "closed").exit_code == 0
    assert read(path) == MINIMAL.rstrip("\n").replace("status: draft", "status: closed")


def test_editing_through_a_symlink_edits_the_target(copy, project):
    target = copy("column-zero.yaml", "real/coe.yaml")
    link = project / "link.yaml"
    link.symlink_to(target)
    assert invoke("set-status", link, "draft").exit_code == 0
    assert link.is_symlink()
    assert data_of(read(target))["status"] == "draft"


def test_file_mode_is_kept(copy):
    path = copy("two-space.yaml")
    path.chmod(0o600)
    assert invoke("set-status", path, "approved").exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


# Exit codes: 1 when the COE's content stops the edit (like findings), 2 when an argument
# names nothing (a file, an id or an action that does not exist) or a write fails.

# --------------------------------------------------------------------------------------------
# action done
# --------------------------------------------------------------------------------------------

DONE_CASES = {
    # An open action followed directly by the next one: status changes, done_on follows the last key.
    ("two-space.yaml", "CA-1"): dict(
        marker="  - id: CA-1",
        replace={"    status: open  # still open": "    status: done  # still open"},
        insert_after=("    kind: prevent", [f"    done_on: {TODAY}"]),
    ),
    # Already done: only done_on is replaced.
    ("two-space.yaml", "CA-2"): dict(
        marker="  - id: CA-2",
        replace={"    done_on: 2026-04-28": f"    done_on: {TODAY}"},
    ),
    ("four-space.yaml", "CA-1"): dict(
        marker="    - id: CA-1",
        replace={"      status: open": "      status: done"},
        insert_after=("      ticket: CS-1191    # the ticket", [f"      done_on: {TODAY}"]),
    ),
    ("column-zero.yaml", "CA-1"): dict(
        marker="- id: CA-1",
        replace={"  done_on: 2026-02-10": f"  done_on: {TODAY}"},
    ),
    ("column-zero.yaml", "CA-2"): dict(
        marker="- id: CA-2",
        replace={"  status: wont-do   # replaced by CA-3": "  status: done      # replaced by CA-3"},
        insert_after=("  kind: process", [f"  done_on: {TODAY}"]),
    ),
    # The last action, followed directly by the next top-level key.
    ("column-zero.yaml", "CA-3"): dict(
        marker="- id: CA-3",
        replace={"  status: open": "  status: done"},
        insert_after=("  kind: prevent", [f"  done_on: {TODAY}"]),
    ),
    ("between-actions.yaml", "CA-3"): dict(
        marker="  - id: CA-3",
        replace={"    status: open": "    status: done"},
        insert_after=("    status: done", [f"    done_on: {TODAY}"]),
    ),
}


def check_done(copy, name, action, case):
    path = copy(name)
    before = read(path)
    result = invoke("action", "done", path, action, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: {action} marked done on {TODAY}\n"
    after = read(path)
    # apply() replaces first, so an anchor may name a replaced line by its new text
    expected = apply(before, case["marker"], case.get("replace"), case.get("insert_after"))
    assert after == expected, "".join(difflib.unified_diff(expected.splitlines(True), after.splitlines(True)))
    removed = [f"- {old}\n" for old in case.get("replace", {})]
    added = [f"+ {new}\n" for new in case.get("replace", {}).values()]
    if "insert_after" in case:
        added += [f"+ {line}\n" for line in case["insert_after"][1]]
    assert sorted(changed_lines(before, after)) == sorted(removed + added)
    entry = next(a for a in data_of(after)["corrective_actions"] if a["id"] == action)
    assert entry["status"] == "done"
    assert str(entry["done_on"]) == TODAY


@pytest.mark.parametrize(("name", "action"), list(DONE_CASES), ids=lambda v: v)
def test_action_done_changes_exactly_status_and_done_on(copy, name, action):
    check_done(copy, name, action, DONE_CASES[(name, action)])


DONE_MISPLACED = {
    # The last action, then a blank line and comments at the end of the file.
    ("two-space.yaml", "CA-3"): dict(
        marker="  - id: CA-3",
        replace={"    status: in-progress": "    status: done"},
        insert_after=("    status: done", [f"    done_on: {TODAY}"]),
    ),
    # The last action, then a blank line and the next top-level key.
    ("four-space.yaml", "CA-2"): dict(
        marker="    - id: CA-2",
        replace={"      status: in-progress": "      status: done"},
        insert_after=("      status: done", [f"      done_on: {TODAY}"]),
    ),
    # A blank line between two actions.
    ("between-actions.yaml", "CA-1"): dict(
        marker="  - id: CA-1",
        replace={"    status: open": "    status: done"},
        insert_after=("    status: done", [f"    done_on: {TODAY}"]),
    ),
    # A comment between two actions.
    ("between-actions.yaml", "CA-2"): dict(
        marker="  - id: CA-2",
        replace={"    status: open": "    status: done"},
        insert_after=("    status: done", [f"    done_on: {TODAY}"]),
    ),
}


@pytest.mark.parametrize(("name", "action"), list(DONE_MISPLACED), ids=lambda v: v)
def test_action_done_puts_done_on_inside_the_action(copy, name, action):
    check_done(copy, name, action, DONE_MISPLACED[(name, action)])


def test_action_done_on_a_fresh_coe(project):
    created = invoke("new", "Fresh", "--no-input", "--dir", project / "coes")
    path = Path(created.stdout.strip())
    before = read(path)
    assert invoke("action", "done", path, "CA-1", "--today", TODAY).exit_code == 0
    expected = apply(before, "  - id: CA-1", {"    status: open": "    status: done"}, ("    kind: prevent", [f"    done_on: {TODAY}"]))
    assert read(path) == expected


def test_action_done_default_date_is_today(copy):
    path = copy("two-space.yaml")
    assert invoke("action", "done", path, "CA-1").exit_code == 0
    entry = data_of(read(path))["corrective_actions"][0]
    assert entry["done_on"] in {dt.date.today(), dt.date.today() - dt.timedelta(days=1)}


@pytest.mark.parametrize("action", ["CA-9", "ca-1", "CA-01", "1"])
def test_unknown_action_exits_2_and_changes_nothing(copy, action):
    path = copy("two-space.yaml")
    before = path.read_bytes()
    result = invoke("action", "done", path, action, "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr == f"coe action done: error: no corrective action {action} in this COE\n"
    assert result.stdout == ""
    assert path.read_bytes() == before


def test_action_done_on_a_coe_without_actions_exits_2(write):
    path = write(MINIMAL)
    result = invoke("action", "done", path, "CA-1", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr == "coe action done: error: no corrective action CA-1 in this COE\n"
    assert read(path) == MINIMAL


def test_bad_today_exits_2(copy):
    path = copy("two-space.yaml")
    before = path.read_bytes()
    result = invoke("action", "done", path, "CA-1", "--today", "23/11/2026")
    assert result.exit_code == 2
    assert "write the date as YYYY-MM-DD" in result.stderr
    assert path.read_bytes() == before


# --------------------------------------------------------------------------------------------
# action add
# --------------------------------------------------------------------------------------------

ADD_ARGS = ("--action", "Alarm on evictions per cluster", "--owner", "r.santos", "--due", "2027-01-01", "--kind", "prevent", "--priority", "high")
ADD_CASES = {
    "two-space.yaml": ("  - id: CA-3", "    status: in-progress", "CA-4", "  "),
    "four-space.yaml": ("    - id: CA-2", "      status: in-progress", "CA-3", "    "),
    "column-zero.yaml": ("- id: CA-3", "  kind: prevent", "CA-4", ""),
    "between-actions.yaml": ("  - id: CA-3", "    status: open", "CA-4", "  "),
}


def new_action_lines(indent: str, action_id: str, *, kind=True, priority=True, action="Alarm on evictions per cluster", owner="r.santos") -> list[str]:
    lines = [f"{indent}- id: {action_id}", f"{indent}  action: {action}", f"{indent}  owner: {owner}", f"{indent}  due: 2027-01-01"]
    if priority:
        lines.append(f"{indent}  priority: high")
    lines.append(f"{indent}  status: open")
    if kind:
        lines.append(f"{indent}  kind: prevent")
    return lines


@pytest.mark.parametrize("name", list(ADD_CASES))
def test_action_add_appends_exactly_the_new_lines(copy, name):
    marker, last_line, action_id, indent = ADD_CASES[name]
    path = copy(name)
    before = read(path)
    result = invoke("action", "add", path, *ADD_ARGS)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"added {action_id}\n"
    after = read(path)
    new = new_action_lines(indent, action_id)
    expected = apply(before, marker, insert_after=(last_line, new))
    assert after == expected, "".join(difflib.unified_diff(expected.splitlines(True), after.splitlines(True)))
    assert changed_lines(before, after) == [f"+ {line}\n" for line in new]
    actions = data_of(after)["corrective_actions"]
    assert actions[:-1] == data_of(before)["corrective_actions"]
    assert actions[-1] == {
        "id": action_id, "action": "Alarm on evictions per cluster", "owner": "r.santos",
        "due": dt.date(2027, 1, 1), "priority": "high", "status": "open", "kind": "prevent",
    }


def test_action_add_without_kind_and_priority(copy):
    path = copy("column-zero.yaml")
    before = read(path)
    result = invoke("action", "add", path, "--action", "Plain", "--owner", "o", "--due", "2027-02-03")
    assert result.exit_code == 0, result.output
    new = ["- id: CA-4", "  action: Plain", "  owner: o", "  due: 2027-02-03", "  status: open"]
    assert read(path) == apply(before, "- id: CA-3", insert_after=("  kind: prevent", new))


def test_action_add_twice_numbers_on(copy):
    path = copy("four-space.yaml")
    assert invoke("action", "add", path, *ADD_ARGS).stdout == "added CA-3\n"
    assert invoke("action", "add", path, *ADD_ARGS).stdout == "added CA-4\n"
    assert [a["id"] for a in data_of(read(path))["corrective_actions"]] == ["CA-1", "CA-2", "CA-3", "CA-4"]


def test_action_add_takes_the_number_after_the_highest(write):
    path = write(MINIMAL + "corrective_actions:\n  - id: CA-7\n  - id: CA-2\n")
    assert invoke("action", "add", path, "--action", "x", "--owner", "o", "--due", "2027-01-01").stdout == "added CA-8\n"


@pytest.mark.parametrize(
    "text",
    ["Alarm: on evictions #now", "yes", "null", "2027-01-01", "'quoted'", '"double"', "- dash", "[flow]", "ünïcode ✓", "ends with space "],
)
def test_action_add_text_that_needs_quoting_reads_back_exactly(copy, text):
    path = copy("two-space.yaml")
    before = read(path)
    result = invoke("action", "add", path, "--action", text, "--owner", text, "--due", "2027-01-01")
    assert result.exit_code == 0, result.output
    after = read(path)
    added = changed_lines(before, after)
    assert len(added) == 5 and all(line.startswith("+ ") for line in added)
    entry = data_of(after)["corrective_actions"][-1]
    assert (entry["action"], entry["owner"]) == (text, text)


def test_action_add_to_a_coe_without_actions(write):
    path = write(MINIMAL)
    assert invoke("action", "add", path, "--action", "First", "--owner", "o", "--due", "2027-01-01").exit_code == 0
    # With no list in the file to copy the style from, items are indented as `coe new` writes them.
    assert read(path) == MINIMAL + "corrective_actions:\n  - id: CA-1\n    action: First\n    owner: o\n    due: 2027-01-01\n    status: open\n"


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--kind", "fix", "coe action add: error: kind `fix` is not one of: prevent, detect, mitigate, process\n"),
        ("--priority", "urgent", "coe action add: error: priority `urgent` is not one of: high, medium, low\n"),
    ],
)
def test_action_add_bad_values_exit_2(copy, flag, value, message):
    path = copy("two-space.yaml")
    before = path.read_bytes()
    result = invoke("action", "add", path, "--action", "a", "--owner", "o", "--due", "2027-01-01", flag, value)
    assert result.exit_code == 2
    assert result.stderr == message
    assert path.read_bytes() == before


def test_action_add_bad_due_exits_2(copy):
    path = copy("two-space.yaml")
    before = path.read_bytes()
    result = invoke("action", "add", path, "--action", "a", "--owner", "o", "--due", "next week")
    assert result.exit_code == 2
    assert "write the date as YYYY-MM-DD" in result.stderr
    assert path.read_bytes() == before


# --------------------------------------------------------------------------------------------
# Naming the COE: an id or a path
# --------------------------------------------------------------------------------------------

@pytest.fixture
def configured(project, copy):
    """A config with `directory = "incidents"` and the three main fixtures inside it, in subdirectories."""
    (project / ".coe.toml").write_text('directory = "incidents"\n', encoding="utf-8")
    paths = {
        "COE-0042": copy("two-space.yaml", "incidents/2026/search.yaml"),
        "COE-0007": copy("four-space.yaml", "incidents/2026/shipping.yaml"),
        "COE-0100": copy("column-zero.yaml", "incidents/2025/collections.yaml"),
    }
    (project / "elsewhere").mkdir()
    return paths


@pytest.mark.parametrize("coe_id", ["COE-0042", "COE-0007", "COE-0100"])
def test_set_status_by_id(configured, project, monkeypatch, coe_id):
    monkeypatch.chdir(project / "elsewhere")  # the config is found upwards; its directory is relative to it
    path = configured[coe_id]
    before = read(path)
    result = invoke("set-status", coe_id, "in-review")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: status set to in-review\n"
    assert data_of(read(path)) == data_of(before) | {"status": "in-review"}
    fixtures = {"COE-0042": "two-space.yaml", "COE-0007": "four-space.yaml", "COE-0100": "column-zero.yaml"}
    for other, other_path in configured.items():
        if other != coe_id:
            assert read(other_path) == read(DATA / fixtures[other])


def test_action_commands_by_id(configured):
    path = configured["COE-0042"]
    assert invoke("action", "add", "COE-0042", *ADD_ARGS).stdout == "added CA-4\n"
    result = invoke("action", "done", "COE-0042", "CA-4", "--today", TODAY)
    assert result.stdout == f"{path}: CA-4 marked done on {TODAY}\n"
    entry = data_of(read(path))["corrective_actions"][-1]
    assert (entry["id"], entry["status"], str(entry["done_on"])) == ("CA-4", "done", TODAY)


def test_by_id_with_an_explicit_config(configured, project, tmp_path_factory, monkeypatch):
    elsewhere = tmp_path_factory.mktemp("other")
    monkeypatch.chdir(elsewhere)  # no config here or above: the default directory `coes`
    (elsewhere / "coes").mkdir()
    result = invoke("set-status", "COE-0042", "approved")
    assert result.exit_code == 2
    assert result.stderr == f"coe set-status: error: no COE with id COE-0042 in {elsewhere / 'coes'}\n"
    result = invoke("set-status", "COE-0042", "approved", "--config", project / ".coe.toml")
    assert result.exit_code == 0, result.output
    assert data_of(read(configured["COE-0042"]))["status"] == "approved"


def test_by_relative_path(configured, project):
    result = invoke("set-status", "incidents/2025/collections.yaml", "draft")
    assert result.exit_code == 0, result.output
    assert result.stdout == "incidents/2025/collections.yaml: status set to draft\n"


@pytest.mark.parametrize("coe_id", ["COE-0999", "COE-004", "COE-00420", "INC-0042"])
def test_unknown_id_exits_2(configured, project, coe_id):
    result = invoke("set-status", coe_id, "approved")
    assert result.exit_code == 2
    assert result.stderr == f"coe set-status: error: no COE with id {coe_id} in {project / 'incidents'}\n"


def test_id_in_several_files_exits_2(configured, project, copy):
    duplicate = copy("two-space.yaml", "incidents/copy.yaml")
    before = read(duplicate)
    result = invoke("set-status", "COE-0042", "approved")
    assert result.exit_code == 2
    assert result.stderr == (
        f"coe set-status: error: id COE-0042 is in several files: {configured['COE-0042']}, {duplicate}; name the file instead\n"
    )
    assert read(duplicate) == before


@pytest.mark.parametrize("reference", ["missing.yaml", "coe-0042", "COE 0042", "incidents"])
def test_neither_a_file_nor_an_id_exits_2(configured, reference):
    result = invoke("set-status", reference, "approved")
    assert result.exit_code == 2
    assert result.stderr == f"coe set-status: error: `{reference}` is neither a file nor a COE id like COE-0042\n"


def test_id_when_the_directory_does_not_exist(project):
    result = invoke("set-status", "COE-0001", "approved")
    assert result.exit_code == 2
    assert result.stderr == f"coe set-status: error: no COE with id COE-0001 in {project / 'coes'}\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --------------------------------------------------------------------------------------------
# Refused edits leave the file byte-identical
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["done", "Draft", "in_review", ""])
def test_invalid_status_exits_2(copy, status):
    path = copy("two-space.yaml")
    before = path.read_bytes()
    result = invoke("set-status", path, status)
    assert result.exit_code == 2
    assert result.stderr == f"coe set-status: error: status `{status}` is not one of: draft, in-review, approved, closed\n"
    assert path.read_bytes() == before


def test_a_yaml_1_1_file_is_edited_without_touching_its_other_values(copy):
    # `%YAML 1.1`: coe reads `title: yes` as text. The edit touches only the status line, so the
    # title is never re-written as a boolean.
    path = copy("yaml11-directive.yaml")
    before = read(path)
    result = invoke("set-status", path, "approved")
    assert result.exit_code == 0, result.output
    assert changed_lines(before, read(path)) == ["- status: draft\n", "+ status: approved\n"]
    assert data_of(read(path))["title"] == "yes"


def test_an_edit_that_would_change_an_aliased_value_too_is_refused(write):
    text = MINIMAL.replace("status: draft", "status: &state draft") + "x_state_at_filing: *state\n"
    path = write(text)
    result = invoke("set-status", path, "approved")
    assert result.exit_code == 1
    assert result.stderr == (
        f"coe set-status: error: coe could not make this edit to {path} without changing other values, so it was not made; "
        "edit the file by hand\n"
    )
    assert read(path) == text


def test_a_status_written_as_an_alias_is_refused_with_a_reason(write):
    text = "x_initial: &state draft\n" + MINIMAL.replace("status: draft", "status: *state")
    path = write(text)
    result = invoke("set-status", path, "approved")
    assert result.exit_code == 1
    assert result.stderr == (
        f"coe set-status: error: cannot edit {path}: `status` is an alias of a value written elsewhere; edit the file by hand\n"
    )
    assert read(path) == text


@pytest.mark.parametrize(
    ("operations", "message"),
    [
        ([SetKey((), "severity", "SEV9")], "`SEV9` is not a valid `severity`"),
        ([SetKey((), "title", 42)], "`title` must be text"),
        ([AppendItem((), "corrective_actions", {"id": "CA-1", "action": "Again", "owner": "o", "due": dt.date(2027, 1, 1), "status": "open"})],
         "corrective action id `CA-1` is used twice"),
    ],
)
def test_edit_file_refuses_a_change_that_breaks_the_coe(copy, operations, message):
    path = copy("two-space.yaml")
    before = path.read_bytes()
    with pytest.raises(EditError) as caught:
        edit_file(path, lambda data: operations)
    assert str(caught.value) == "the edit would make the COE invalid, so it was not made"
    assert caught.value.problems
    assert message in caught.value.problems[0].message
    assert path.read_bytes() == before


EDIT_COMMANDS = [
    ("set-status", "{path}", "approved"),
    ("action", "add", "{path}", "--action", "a", "--owner", "o", "--due", "2027-01-01"),
    ("action", "done", "{path}", "CA-1", "--today", TODAY),
]


def error_prefix(command: tuple[str, ...]) -> str:
    name = " ".join(command[:2]) if command[0] == "action" else command[0]
    return f"coe {name}: error: "


@pytest.mark.parametrize("command", EDIT_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_file_with_schema_problems_is_refused(copy, command):
    path = copy("schema-problems.yaml")
    before = path.read_bytes()
    result = invoke(*[part.format(path=path) for part in command])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{error_prefix(command)}{path} has problems; fix them before editing it\n"
        f"  {path}:6:11: error schema: `SEV9` is not a valid `severity`; use one of: SEV1, SEV2, SEV3, SEV4, SEV5\n"
        f"  {path}:7:1: error schema: unknown key `ownr_team` (did you mean `owner_team`?)\n"
        f"  {path}:11:13: error schema: `finished` is not a valid `corrective_actions[0].status`; use one of: open, in-progress, done, wont-do\n"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", EDIT_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_file_that_is_not_yaml_is_refused(write, command):
    path = write("format: 1\nid: [\n")
    result = invoke(*[part.format(path=path) for part in command])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{error_prefix(command)}{path} has problems; fix them before editing it\n  {path}:3:1: error syntax: ")
    assert read(path) == "format: 1\nid: [\n"


def test_a_file_over_the_size_limit_is_refused(copy, project):
    (project / ".coe.toml").write_text("max_file_size = 100\n", encoding="utf-8")
    path = copy("two-space.yaml")
    before = path.read_bytes()
    result = invoke("set-status", path, "approved")
    assert result.exit_code == 1
    assert "over the" in result.stderr and "limit" in result.stderr
    assert path.read_bytes() == before


def test_a_bad_config_exits_2(copy, project):
    (project / ".coe.toml").write_text("directry = 'x'\n", encoding="utf-8")
    path = copy("two-space.yaml")
    before = path.read_bytes()
    result = invoke("set-status", path, "approved")
    assert result.exit_code == 2
    assert result.stderr == f"coe set-status: error: {project / '.coe.toml'}: unknown key `directry` (did you mean `directory`?)\n"
    assert path.read_bytes() == before


# --------------------------------------------------------------------------------------------
# Formatting the round trip does not keep (known bugs)
# --------------------------------------------------------------------------------------------

def status_only(copy, name: str, old: str = "status: draft", new: str = "status: approved") -> None:
    path = copy(name)
    before = read(path)
    result = invoke("set-status", path, new.split(": ")[1])
    assert result.exit_code == 0, result.output
    assert changed_lines(before, read(path)) == [f"- {old}\n", f"+ {new}\n"]


def test_comment_after_an_alias_is_kept(copy):
    status_only(copy, "alias-comment.yaml")


def test_document_markers_and_comments_above_them_are_kept(copy):
    status_only(copy, "document-start.yaml")


def test_multiline_flow_sequence_and_its_comments_are_kept(copy):
    status_only(copy, "flow-multiline.yaml")


def test_explicit_nulls_are_kept(copy):
    status_only(copy, "explicit-null.yaml")


def test_unused_anchors_are_kept(copy):
    status_only(copy, "unused-anchor.yaml")


def test_wide_dash_sequences_are_kept(copy):
    status_only(copy, "wide-dash.yaml")


def test_crlf_line_endings_are_kept(project):
    path = project / "crlf.yaml"
    original = read(DATA / "two-space.yaml").replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    assert invoke("set-status", path, "approved").exit_code == 0
    expected = original.replace(b"status: draft #", b"status: approved #")
    assert path.read_bytes() == expected


def test_byte_order_mark_is_kept(project):
    path = project / "bom.yaml"
    original = b"\xef\xbb\xbf" + (DATA / "two-space.yaml").read_bytes()
    path.write_bytes(original)
    assert invoke("set-status", path, "approved").exit_code == 0
    assert path.read_bytes() == original.replace(b"status: draft #", b"status: approved #")


def test_byte_order_mark_file_is_still_edited_correctly_apart_from_the_mark(project):
    path = project / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "two-space.yaml").read_bytes())
    assert invoke("set-status", path, "approved").exit_code == 0
    assert data_of(path.read_bytes().decode("utf-8-sig"))["status"] == "approved"
    assert os.path.getsize(path) > 0
