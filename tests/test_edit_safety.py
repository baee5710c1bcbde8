"""Edits never lose each other's work, nor replace a read-only file unasked (#15, items 9 and 11).

Twenty parallel `coe action add` runs used to all exit 0 while only four
actions landed. Every read-modify-write now takes the lock `coe new` takes,
and checks that the file did not change between its read and its write.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from coe.cli import app
from coe.document import edit_in_place
from coe.document.loader import load

EXAMPLE = sorted(EXAMPLES.glob("*.yaml"))[0]  # COE-0001, with actions CA-1 to CA-6


def run(*args: str):
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture
def coe_file(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "coes").mkdir()
    path = tmp_path / "coes" / "c.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def coe_process(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coe", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_parallel_action_adds_all_land_with_distinct_ids(coe_file):
    runs = 20

    def add(n: int) -> subprocess.CompletedProcess:
        return coe_process(coe_file.parent.parent, "action", "add", "COE-0001", "--action", f"Parallel fix {n}.",
                           "--owner", f"o{n}", "--due", "2027-01-15")

    with ThreadPoolExecutor(max_workers=runs) as pool:
        results = list(pool.map(add, range(runs)))
    assert [r.returncode for r in results] == [0] * runs, [r.stderr for r in results if r.returncode]
    said = sorted(r.stdout.strip() for r in results)
    assert said == sorted(f"added CA-{n}" for n in range(7, 7 + runs))  # each run names its own id
    actions = load(coe_file).document.coe.corrective_actions
    assert sorted(a.action for a in actions[6:]) == sorted(f"Parallel fix {n}." for n in range(runs))
    assert [a.id for a in actions] == [f"CA-{n}" for n in range(1, 7 + runs)]


def test_parallel_edits_of_different_kinds_all_land(coe_file):
    root = coe_file.parent.parent
    jobs = [("set-status", "COE-0001", "approved")] + [
        ("action", "add", "COE-0001", "--action", f"Fix {n}.", "--owner", "o", "--due", "2027-01-15") for n in range(8)
    ] + [("action", "done", "COE-0001", "CA-2", "--today", "2026-11-23")]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = list(pool.map(lambda args: coe_process(root, *args), jobs))
    assert [r.returncode for r in results] == [0] * len(jobs), [r.stderr for r in results]
    document = load(coe_file).document.coe
    assert document.status == "approved"
    assert len(document.corrective_actions) == 6 + 8
    assert {a.id: a.status for a in document.corrective_actions}["CA-2"] == "done"


def test_a_file_changed_between_read_and_write_is_not_overwritten(coe_file, monkeypatch):
    original_apply = edit_in_place.text_edits.apply

    def apply_while_someone_saves(text, operation):
        coe_file.write_text(coe_file.read_text(encoding="utf-8") + "x_saved_by_an_editor: true\n", encoding="utf-8")
        return original_apply(text, operation)

    monkeypatch.setattr(edit_in_place.text_edits, "apply", apply_while_someone_saves)
    result = run("set-status", "COE-0001", "approved")
    assert result.exit_code == 1
    assert result.stderr == (
        f"coe set-status: error: {coe_file} changed while coe was editing it, so the edit was not made; "
        "run the command again\n"
    )
    text = coe_file.read_text(encoding="utf-8")
    assert text.endswith("x_saved_by_an_editor: true\n") and "\nstatus: closed\n" in text


EDITS = {
    "set-status": ("set-status", "COE-0001", "approved"),
    "action add": ("action", "add", "COE-0001", "--action", "Fix.", "--owner", "o", "--due", "2027-01-15"),
    "action done": ("action", "done", "COE-0001", "CA-2", "--today", "2026-11-23"),
}
READ_ONLY_MODES = [0o444, 0o400, 0o440, 0o404, 0o555]


@pytest.mark.parametrize("mode", READ_ONLY_MODES, ids=oct)
@pytest.mark.parametrize("edit", EDITS)
def test_a_read_only_file_is_refused_and_force_edits_it_keeping_its_mode(coe_file, edit, mode):
    before = coe_file.read_bytes()
    os.chmod(coe_file, mode)
    refused = run(*EDITS[edit])
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"coe {edit}: error: {coe_file} is read-only; make it writable, or pass --force to replace it anyway\n"
    )
    assert coe_file.read_bytes() == before
    forced = run(*EDITS[edit], "--force")
    assert forced.exit_code == 0, forced.stderr
    assert coe_file.read_bytes() != before
    assert stat.S_IMODE(coe_file.stat().st_mode) == mode


def test_a_symlink_to_a_read_only_file_is_refused_too(coe_file):
    target = coe_file.with_name("target.yaml")
    coe_file.rename(target)
    os.symlink(target.name, coe_file)
    os.chmod(target, 0o444)
    result = run("set-status", coe_file, "approved")
    assert result.exit_code == 2 and "is read-only" in result.stderr
    assert re.search(r"^status: closed$", target.read_text(encoding="utf-8"), re.M)
