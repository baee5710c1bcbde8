"""In-place YAML edits (coe.yaml.text_edits): exact text out, and data that reads back as planned."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
from pathlib import Path

import pytest

from coe.yaml import reader
from coe.yaml.text_edits import AppendItem, PatchError, SetKey, apply, apply_to_data
from conftest import EXAMPLES

DAY = dt.date(2026, 11, 23)
ITEM = {"id": "CA-2", "action": "a, b: c", "owner": "o", "due": DAY, "status": "open"}

CASES = {
    "flow actions": (
        "status: draft\ncorrective_actions: [{id: CA-1, status: open}]\n",
        [SetKey(("corrective_actions", 0), "status", "done"), SetKey(("corrective_actions", 0), "done_on", DAY),
         AppendItem((), "corrective_actions", ITEM)],
        'status: draft\ncorrective_actions: [{id: CA-1, status: done, done_on: 2026-11-23}, '
        '{id: CA-2, action: "a, b: c", owner: o, due: 2026-11-23, status: open}]\n',
    ),
    "empty flow list keeps its comment": (
        "corrective_actions: []  # none yet\n",
        [AppendItem((), "corrective_actions", ITEM)],
        'corrective_actions: [{id: CA-2, action: "a, b: c", owner: o, due: 2026-11-23, status: open}]  # none yet\n',
    ),
    "explicit null becomes a block list, comment kept": (
        "corrective_actions: ~  # none yet\nnext: 1\n",
        [AppendItem((), "corrective_actions", ITEM)],
        'corrective_actions:  # none yet\n  - id: CA-2\n    action: "a, b: c"\n    owner: o\n    due: 2026-11-23\n'
        "    status: open\nnext: 1\n",
    ),
    "empty value becomes a block list": (
        "corrective_actions:\nnext: 1\n",
        [AppendItem((), "corrective_actions", {"id": "CA-1"})],
        "corrective_actions:\n  - id: CA-1\nnext: 1\n",
    ),
    "a list at column zero is continued at column zero": (
        "authors:\n- a\ncorrective_actions:\n",
        [AppendItem((), "corrective_actions", {"id": "CA-1", "owner": "o"})],
        "authors:\n- a\ncorrective_actions:\n- id: CA-1\n  owner: o\n",
    ),
    "a kept block scalar keeps its trailing lines": (
        "a:\n  - id: CA-1\n    note: >+\n      kept\n\n\nb: 1\n",
        [SetKey(("a", 0), "done_on", DAY)],
        "a:\n  - id: CA-1\n    note: >+\n      kept\n\n\n    done_on: 2026-11-23\nb: 1\n",
    ),
    "CRLF for the new lines too": (
        "a:\r\n  - id: CA-1\r\n    status: open\r\n",
        [SetKey(("a", 0), "done_on", DAY), AppendItem((), "a", {"id": "CA-2"})],
        "a:\r\n  - id: CA-1\r\n    status: open\r\n    done_on: 2026-11-23\r\n  - id: CA-2\r\n",
    ),
    "document markers and no final newline": (
        "---\nstatus: draft\nlist:\n  - x: 1\n...",
        [SetKey((), "status", "approved"), SetKey(("list", 0), "z", 2)],
        "---\nstatus: approved\nlist:\n  - x: 1\n    z: 2\n...",
    ),
    "a tag stays, the comment keeps its column where it can": (
        "status: !!str draft  # c\n",
        [SetKey((), "status", "approved")],
        "status: !!str approved # c\n",
    ),
    "an anchor and single quotes stay": (
        "status: &s 'draft'\n",
        [SetKey((), "status", "it's")],
        "status: &s 'it''s'\n",
    ),
    "double quotes stay": (
        'status: "draft"   # c\n',
        [SetKey((), "status", "done")],
        'status: "done"    # c\n',
    ),
    "a block scalar is replaced by a plain one": (
        "status: |-\n  draft\nnext: 1\n",
        [SetKey((), "status", "approved")],
        "status: approved\nnext: 1\n",
    ),
    "a flow mapping document": (
        "{status: draft, id: x}\n",
        [SetKey((), "done_on", DAY), AppendItem((), "corrective_actions", {"id": "CA-1"})],
        "{status: draft, id: x, done_on: 2026-11-23, corrective_actions: [{id: CA-1}]}\n",
    ),
    "a new key goes before the comments that follow the mapping": (
        "a:\n  - id: CA-1\n    status: open   # eol\n\n  # between\n  - id: CA-2\n",
        [SetKey(("a", 0), "done_on", DAY)],
        "a:\n  - id: CA-1\n    status: open   # eol\n    done_on: 2026-11-23\n\n  # between\n  - id: CA-2\n",
    ),
    "an alias at the end of a flow list": (
        "a: &x 1\nl: [1, *x  # c\n]\n",
        [AppendItem((), "l", {"id": "q"})],
        "a: &x 1\nl: [1, *x, {id: q}  # c\n]\n",
    ),
    "an alias at the end of a block list": (
        "a: &x 1\nl:\n  - *x  # c\n  # tail\nb: 2\n",
        [AppendItem((), "l", {"id": "q"})],
        "a: &x 1\nl:\n  - *x  # c\n  - id: q\n  # tail\nb: 2\n",
    ),
    "text that needs quoting is quoted": (
        "a: x\n",
        [SetKey((), "b", "yes"), SetKey((), "c", "- dash"), SetKey((), "d", "2027-01-01"), SetKey((), "e", "# not a comment")],
        'a: x\nb: "yes"\nc: "- dash"\nd: "2027-01-01"\ne: "# not a comment"\n',
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_operations_give_exactly_this_text(name):
    text, operations, expected = CASES[name]
    data = reader.load(text)[0]
    for operation in operations:
        text = apply(text, operation)
        apply_to_data(data, operation)
    assert text == expected
    assert reader.load(text)[0] == data


@pytest.mark.parametrize(
    ("text", "operation", "message"),
    [
        ("x: &s draft\nstatus: *s\n", SetKey((), "status", "done"), "`status` is an alias of a value written elsewhere"),
        ("status: [a]\n", SetKey((), "status", "done"), "`status` holds a list, not a single value"),
        ("actions: text\n", AppendItem((), "actions", {"id": "CA-1"}), "`actions` holds a value, not a list"),
        ("a: [1]\n", SetKey(("a", 0), "k", "v"), "the edit expects a mapping there"),
        ("a: {}\n", SetKey(("b",), "k", "v"), "nothing at b"),
        ("base: &b [{id: CA-1}]\nactions: *b\n", AppendItem((), "actions", {"id": "CA-2"}), "`actions` is an alias"),
    ],
)
def test_edits_it_cannot_make_in_place_say_why(text, operation, message):
    with pytest.raises(PatchError, match=message.replace("[", r"\[")):
        apply(text, operation)


# --------------------------------------------------------------------------------------------
# A corpus of hand-written files: every edit changes only its own lines
# --------------------------------------------------------------------------------------------

# Files coe refuses before editing (not a valid COE in its reading) are covered in test_edit.py.
REFUSED = {"schema-problems.yaml"}
CORPUS = [p for p in sorted((Path(__file__).parent / "data" / "edit").glob("*.yaml")) if p.name not in REFUSED]
CORPUS += sorted(EXAMPLES.glob("*.yaml"))


def corpus_edits(data: dict) -> dict[str, list]:
    edits = {
        "status": [SetKey((), "status", "closed" if data["status"] != "closed" else "draft")],
        "add": [AppendItem((), "corrective_actions", {"id": "CA-99", "action": "Something: new", "owner": "o", "due": DAY, "status": "open"})],
    }
    for index, _ in enumerate(data.get("corrective_actions") or []):
        at = ("corrective_actions", index)
        edits[f"done {index}"] = [SetKey(at, "status", "done"), SetKey(at, "done_on", DAY)]
    return edits


def changed(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(True), after.splitlines(True)))
    return [line[2:] for line in diff if line.startswith("- ")], [line[2:] for line in diff if line.startswith("+ ")]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_edit_of_the_corpus_changes_only_its_own_lines(path):
    original = path.read_text(encoding="utf-8")
    data = reader.load(original)[0]
    for name, operations in corpus_edits(data).items():
        text, expected = original, copy.deepcopy(data)
        for operation in operations:
            text = apply(text, operation)
            apply_to_data(expected, operation)
        assert reader.load(text)[0] == expected, name
        removed, added = changed(original, text)
        touched_keys = {op.key for op in operations} | {"id", "action", "owner", "due", "status"}
        # Only lines of the keys the edit is about are removed or added: every comment,
        # blank line and other key survives in place.
        assert all(line.strip().lstrip("- ").split(":")[0] in touched_keys for line in removed + added), (name, removed, added)
        assert len(removed) <= sum(isinstance(op, SetKey) for op in operations), (name, removed)
