"""Ids are found through the YAML parser, in any layout a COE may be written in (#14, #15).

`coe new` picks the next free number among the ids written inside the files;
the edit commands find a COE by the id written inside it. A regular
expression over the text used to miss a COE written in flow style, in JSON,
or with a quoted key, so `coe new` reused its id.
"""

from __future__ import annotations

import json

import pytest

from coe.yaml import reader
from coe.commands.new import next_id
from coe.document.discovery import read_id
from coe.document.edit_in_place import NotFound, find_coe

REQUIRED = {"format": 1, "title": "T", "status": "draft", "severity": "SEV3"}


def block(coe_id: str) -> str:
    return f"format: 1\nid: {coe_id}\ntitle: T\nstatus: draft\nseverity: SEV3\n"


# One COE, in each layout YAML allows for it.
LAYOUTS = {
    "block": block,
    "json": lambda coe_id: json.dumps({**REQUIRED, "id": coe_id}, indent=2) + "\n",
    "json-one-line": lambda coe_id: json.dumps({**REQUIRED, "id": coe_id}) + "\n",
    "flow": lambda coe_id: f"{{format: 1, id: {coe_id}, title: T, status: draft, severity: SEV3}}\n",
    "quoted-key": lambda coe_id: block(coe_id).replace("id:", '"id":'),
    "single-quoted": lambda coe_id: block(coe_id).replace(f"id: {coe_id}", f"id: '{coe_id}'"),
    "id-last": lambda coe_id: "format: 1\ntitle: T\nstatus: draft\nseverity: SEV3\nid: " + coe_id + "\n",
    "after-nested": lambda coe_id: f"format: 1\nx_meta:\n  id: NOT-1\n  list: [{{id: NOT-2}}]\nid: {coe_id}\n",
    "document-marker": lambda coe_id: "# yaml-language-server: $schema=x.json\n---\n" + block(coe_id),
    "explicit-key": lambda coe_id: f"format: 1\n? id\n: {coe_id}\n",
    "tagged": lambda coe_id: block(coe_id).replace(f"id: {coe_id}", f"id: !!str {coe_id}"),
    "anchored": lambda coe_id: f"format: 1\nx_alias: &the_id {coe_id}\nid: *the_id\n",
    "crlf": lambda coe_id: block(coe_id).replace("\n", "\r\n"),
    "tab-separated": lambda coe_id: block(coe_id).replace(f"id: {coe_id}", f"id:\t{coe_id}"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_read_id_in_every_layout(tmp_path, layout):
    path = tmp_path / "c.yaml"
    path.write_text(LAYOUTS[layout]("COE-0042"), encoding="utf-8")
    assert read_id(path) == "COE-0042"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_new_never_reuses_an_id_in_any_layout(tmp_path, layout):
    (tmp_path / "c.yaml").write_text(LAYOUTS[layout]("COE-0041"), encoding="utf-8")
    (tmp_path / "d.yaml").write_text(block("COE-0007"), encoding="utf-8")
    assert next_id(tmp_path, "COE") == "COE-0042"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_edit_commands_find_a_coe_by_id_in_any_layout(tmp_path, layout):
    (tmp_path / "c.yaml").write_text(LAYOUTS[layout]("COE-0042"), encoding="utf-8")
    (tmp_path / "d.yaml").write_text(block("COE-0007"), encoding="utf-8")
    assert find_coe("COE-0042", tmp_path) == tmp_path / "c.yaml"


@pytest.mark.parametrize(
    "text",
    [
        "x_note: |\n  id: COE-0099\nid: COE-0001\n",  # in a block scalar
        "x_notes:\n  - id: COE-0099\nid: COE-0001\n",  # nested
        "# id: COE-0099\nid: COE-0001\n",  # in a comment
        'title: "a\n  id: COE-0099"\nid: COE-0001\n',  # inside a multi-line string
        "x_note: \"a\u2028id: COE-0099\"\nid: COE-0001\n",  # a YAML 1.1 line break inside a string
    ],
    ids=["block-scalar", "nested", "comment", "multi-line-string", "ls-in-string"],
)
def test_text_that_only_looks_like_an_id_is_not_one(tmp_path, text):
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    assert read_id(tmp_path / "c.yaml") == "COE-0001"
    assert next_id(tmp_path, "COE") == "COE-0002"
    with pytest.raises(NotFound):
        find_coe("COE-0099", tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: 12\n", None),  # a number is no id
        ("- id: COE-0001\n", None),  # not a mapping
        ("title: T\n", None),
        ("", None),
        ("id: [COE-0001]\n", None),
        ("x_a: &a [1]\nid: *a\n", None),
    ],
)
def test_no_text_id_reads_as_none(tmp_path, text, expected):
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    assert read_id(tmp_path / "c.yaml") == expected


@pytest.mark.parametrize(
    "text",
    [
        "id: COE-0041\nx_broken: [unclosed\n",  # broken after the id: the parser never gets there
        "x_broken: 'unclosed\nid: COE-0041\n",  # broken before: the id line still counts, to be safe
        b"id: COE-0041\nx_note: caf\xe9\n",  # not UTF-8
        "id: COE-0041\n" + "x_deep: " + "[" * 5000 + "]" * 5000 + "\n",
    ],
    ids=["broken-after", "broken-before", "not-utf8", "deep"],
)
def test_a_broken_file_still_keeps_its_id_from_reuse(tmp_path, text):
    path = tmp_path / "c.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    assert read_id(path) == "COE-0041"
    assert next_id(tmp_path, "COE") == "COE-0042"


def test_only_ids_with_the_prefix_count(tmp_path):
    (tmp_path / "a.yaml").write_text(block("INC-0099"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(block("COE-0003"), encoding="utf-8")
    assert next_id(tmp_path, "COE") == "COE-0004"
    assert next_id(tmp_path, "INC") == "INC-0100"


def test_two_files_with_one_id_are_named(tmp_path):
    (tmp_path / "a.yaml").write_text(block("COE-0001"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(LAYOUTS["json"]("COE-0001"), encoding="utf-8")
    with pytest.raises(NotFound, match=r"id COE-0001 is in several files: .*a\.yaml, .*b\.yaml"):
        find_coe("COE-0001", tmp_path)


def test_the_parser_stops_at_the_id():
    """A file is read only as far as its id: the rest may be anything, even broken."""
    assert reader.top_level_string("id: COE-1\n" + "x: [" * 3 + "\n\t@@@", "id") == "COE-1"
