"""The exported JSON Schema: up to date, and accepted by a real validator.

Editors and CI jobs validate COE files against ``docs/coe.schema.json`` with
their own YAML parsers, so these tests run the real ``check-jsonschema`` on
the examples rather than trusting the Pydantic model alone.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coe.cli import app
from coe.commands.schema import schema_text
from coe.document.loader import load_text
from conftest import EXAMPLES, MINIMAL, ROOT

SCHEMA_FILE = ROOT / "docs" / "coe.schema.json"
FORMAT_DOC = ROOT / "docs" / "format.md"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    """Validate ``files`` against the committed schema with check-jsonschema."""
    assert CHECK_JSONSCHEMA.is_file(), f"{CHECK_JSONSCHEMA} not found; install the `test` extra"
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA_FILE), *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def example_copy(tmp_path: Path, edit) -> Path:
    """A copy of the first example, with ``edit`` applied to its text."""
    source = EXAMPLE_FILES[0]
    text = source.read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text, "the edit changed nothing; the test would prove nothing"
    copy = tmp_path / source.name
    copy.write_text(edited, encoding="utf-8")
    return copy


def test_there_are_examples():
    assert len(EXAMPLE_FILES) >= 1


def test_committed_schema_is_current():
    assert SCHEMA_FILE.is_file(), "docs/coe.schema.json is missing; run `coe schema -o docs/coe.schema.json`"
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "docs/coe.schema.json is out of date with coe/document/model.py; "
        "run `coe schema -o docs/coe.schema.json` and commit the result"
    )


def test_examples_pass_check_jsonschema():
    result = check_jsonschema(*EXAMPLE_FILES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_wrong_enum_is_rejected(tmp_path):
    bad = example_copy(tmp_path, lambda text: re.sub(r"(?m)^status: \w+$", "status: done", text, count=1))
    result = check_jsonschema(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "$.status" in result.stdout and "'done'" in result.stdout


def test_timestamp_without_offset_is_rejected(tmp_path):
    # coe refuses timestamps without a UTC offset; the schema's
    # `format: date-time` must refuse them too, or editors would disagree.
    bad = example_copy(
        tmp_path, lambda text: re.sub(r"(?m)^(  started_at: \S+?)(Z|[+-]\d\d:\d\d)$", r"\1", text, count=1)
    )
    result = check_jsonschema(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "$.incident.started_at" in result.stdout
    assert "is not a 'date-time'" in result.stdout


def test_unknown_top_level_key_is_rejected(tmp_path):
    bad = example_copy(tmp_path, lambda text: text.replace("\nseverity:", "\ncolour: red\nseverity:", 1))
    result = check_jsonschema(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "colour" in result.stdout


def test_custom_x_key_is_accepted(tmp_path):
    good = example_copy(tmp_path, lambda text: text.replace("\nseverity:", "\nx_colour: red\nseverity:", 1))
    result = check_jsonschema(good)
    assert result.returncode == 0, result.stdout + result.stderr


def test_x_key_below_the_top_level_is_rejected(tmp_path):
    bad = example_copy(tmp_path, lambda text: text.replace("\nincident:\n", "\nincident:\n  x_colour: red\n", 1))
    result = check_jsonschema(bad)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "x_colour" in result.stdout


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda path: path.name)
def test_example_modeline_points_at_the_schema(example):
    first_line = example.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first_line)
    assert match, f"{example.name}: first line must be `# yaml-language-server: $schema=...`, not {first_line!r}"
    target = (example.parent / match["path"]).resolve()
    assert target == SCHEMA_FILE.resolve(), f"{example.name}: modeline names {target}, not docs/coe.schema.json"
    assert target.is_file()


def test_schema_command_prints_draft_2020_12_json():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert result.stdout == schema_text()
    assert set(schema["required"]) == {"format", "id", "title", "status", "severity"}
    assert schema["additionalProperties"] is False
    assert list(schema["patternProperties"]) == ["^x_"]


def test_schema_command_writes_the_same_text_to_a_file(tmp_path):
    output = tmp_path / "nested" / "coe.schema.json"
    output.parent.mkdir()
    result = CliRunner().invoke(app, ["schema", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert output.read_text(encoding="utf-8") == schema_text()


def format_doc_blocks() -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", FORMAT_DOC.read_text(encoding="utf-8"), re.S | re.M)


def is_whole_document(block: str) -> bool:
    return re.search(r"(?m)^format: 1$", block) is not None


def test_format_doc_yaml_blocks_are_valid():
    """Every ```yaml block in docs/format.md is valid for coe: a whole document
    as it is, a fragment appended to a minimal COE. Show invalid YAML in
    inline code or an untagged block instead."""
    blocks = format_doc_blocks()
    assert sum(map(is_whole_document, blocks)) >= 2, "the draft and the complete example"
    for block in blocks:
        text = block if is_whole_document(block) else MINIMAL + block
        result = load_text(text, "docs/format.md")
        assert result.ok, (block, result.problems)


def test_format_doc_complete_example_passes_check_jsonschema(tmp_path):
    complete = [block for block in format_doc_blocks() if is_whole_document(block) and "corrective_actions:" in block]
    assert len(complete) == 1
    assert complete[0].startswith("# yaml-language-server: $schema=coe.schema.json\n")
    path = tmp_path / "COE-0042.yaml"
    path.write_text(complete[0], encoding="utf-8")
    result = check_jsonschema(path)
    assert result.returncode == 0, result.stdout + result.stderr
