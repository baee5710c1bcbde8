"""Hostile trees: directory loops and special files never hang a command or double a COE (#15, items 12 and 13).

Every command runs as a real process with a time limit: a hang fails the
test instead of the suite. Each loop shape must list each COE once (a COE
listed twice would also give a false duplicate-id error); each special file
named like a COE must give one finding, or be skipped and said, while the
real COEs are still checked.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
TODAY = "2026-11-23"


def coe(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coe", *args], cwd=cwd, capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def tree(tmp_path) -> Path:
    """A project whose COE directory holds the four examples, two of them in a subdirectory."""
    (tmp_path / ".coe.toml").write_text('directory = "coes"\n', encoding="utf-8")
    sub = tmp_path / "coes" / "team"
    sub.mkdir(parents=True)
    for index, example in enumerate(EXAMPLE_FILES):
        shutil.copy(example, (sub if index % 2 else tmp_path / "coes") / example.name)
    return tmp_path


# Each loop shape: symlinks (name -> target) inside the COE directory.
LOOPS = {
    "a link to itself": {"coes/loop": "."},
    "two links to itself": {"coes/a": ".", "coes/b": "."},
    "a link to its parent": {"coes/up": ".."},
    "a link up from a subdirectory": {"coes/team/back": "../.."},
    "two directories linked to each other": {"coes/team/to-other": "../other", "coes/other/to-team": "../team"},
    "a link to a sibling that is walked too": {"coes/alias": "team"},
}


@pytest.mark.parametrize("shape", LOOPS)
def test_a_directory_loop_lists_each_coe_once(tree, shape):
    for name, target in LOOPS[shape].items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, tree / name)
    lint = coe(tree, "lint", "coes", "--today", TODAY)
    assert (lint.returncode, lint.stdout) == (0, "4 files checked: all clean.\n"), lint.stderr
    listed = coe(tree, "report", "--format", "json", "--today", TODAY)
    assert listed.returncode == 0, listed.stderr
    assert sorted(r["id"] for r in json.loads(listed.stdout)["coe_list"]) == ["COE-0001", "COE-0002", "COE-0003", "COE-0004"]


def test_a_file_linked_twice_is_listed_once(tree):
    os.symlink(EXAMPLE_FILES[0].name, tree / "coes" / "same-coe.yaml")
    result = coe(tree, "lint", "coes", "--today", TODAY)
    assert (result.returncode, result.stdout) == (0, "4 files checked: all clean.\n")


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # the socket file stays after close


# Each special file, made in the COE directory under a COE's name, and the kind the finding names.
SPECIAL = {
    "fifo": (make_fifo, "a named pipe (FIFO)"),
    "socket": (make_socket, "a socket"),
    "link to /dev/zero": (lambda path: os.symlink("/dev/zero", path), "a character device"),
    "link to /dev/null": (lambda path: os.symlink("/dev/null", path), "a character device"),
    "link to /dev/tty": (lambda path: os.symlink("/dev/tty", path), "a character device"),
}


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_file_is_one_finding_and_never_a_wait(tree, kind, suffix):
    make, words = SPECIAL[kind]
    special = tree / "coes" / f"zz-special{suffix}"
    make(special)
    result = coe(tree, "lint", "coes", "--today", TODAY)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"coes/zz-special{suffix}:1:1: error syntax: is {words}, not a regular file; "
        "coe reads only regular files: put the COE file here, or remove this",
        "5 files checked: 1 error, 0 warnings.",
    ]


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
def test_no_command_waits_on_a_special_file(tree, kind):
    SPECIAL[kind][0](tree / "coes" / "zz-special.yaml")
    for args, code in [
        (("list",), 1),
        (("actions", "--today", TODAY), 1),
        (("report", "--format", "json", "--today", TODAY), 1),
        (("render", "coes/zz-special.yaml"), 1),
        (("new", "Pager storm", "--no-input"), 0),
        (("set-status", "COE-0001", "in-review"), 0),
    ]:
        result = coe(tree, *args)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        assert "zz-special.yaml" in result.stdout + result.stderr or args[0] in ("new", "set-status"), args
    assert (tree / "coes" / "COE-0005-pager-storm.yaml").is_file()  # `new` read every id and went on
