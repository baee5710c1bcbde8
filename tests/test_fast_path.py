"""The plain fast path gives byte-identical lint and report output to the Pydantic path.

The loader builds documents with coe.document.plain and asks the Pydantic model only
for data plain declines. Here the same corpus (bench/make_corpus.py: varied
styles, comments, flow lists, timestamps and deliberate defects) is linted
and reported twice: as it is, and with plain declining everything, so that
every document goes through the model and plain.from_model.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coe.document import plain
from coe.cli import app
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import make_corpus  # noqa: E402

COMMANDS = {
    "lint": ["lint", ".", "--output-format", "json", "--today", "2026-11-23", "--exit-zero", "--jobs", "1"],
    "report": ["report", ".", "--format", "json", "--today", "2026-11-23", "--skip-invalid"],
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    make_corpus.make_corpus(500, directory, 1)  # 500 holds all five kinds of deliberate defect
    return directory


def run(corpus: Path, args: list[str], monkeypatch) -> str:
    monkeypatch.chdir(corpus)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_fast_path_output_matches_the_model_path(corpus, command, monkeypatch):
    fast = run(corpus, COMMANDS[command], monkeypatch)
    taken = []
    monkeypatch.setattr(plain, "build", lambda data: taken.append(1))  # declines every document
    slow = run(corpus, COMMANDS[command], monkeypatch)
    assert len(taken) >= 500, "the model path really ran"
    assert slow == fast


def test_the_corpus_has_a_schema_defect_for_the_model_to_word(corpus, monkeypatch):
    assert '"rule": "schema"' in run(corpus, COMMANDS["lint"], monkeypatch)
