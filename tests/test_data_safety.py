"""Data safety: every command that writes a file leaves the old file whole when the write fails.

The writers are `coe new`, `coe init`, `coe set-status`, `coe action add`,
`coe action done`, and `-o` of `coe render`, `coe report` and `coe schema`.
Each one is run in a small project while a write fails halfway, while the
rename fails, with a full disk and with a read-only directory. Afterwards the
whole project tree must be byte for byte what it was, with no temporary file
left over, and the command must exit 2 with a message that names the file.

Faults are injected below the commands: `tempfile.mkstemp`, `os.write`,
`os.replace` and `os.link` are wrapped, and only the temporary files that
`coe.fileio` creates are affected. A writer that did not go through
`coe.fileio` would not meet the fault, would change the tree, and would fail.

See docs/data-safety.md for the guarantees these tests back.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coe.cli import app
from coe.document.discovery import find_coe_files
from coe.fileio import create_text_exclusive, write_text_atomic

ROOT = Path(__file__).parent.parent
TODAY = "2026-11-23"
COE_TEXT = """\
format: 1
id: COE-0001
title: Checkout failures
status: draft
severity: SEV3
# the one action so far
corrective_actions:
  - id: CA-1
    action: Alarm on cache evictions.
    owner: a.lee
    due: 2026-12-01
    status: open
"""
COE_FILE = "coes/COE-0001-checkout.yaml"
OLD_REPORT = "old report, keep me\n"
OLD_PORTFOLIO = "old portfolio, keep me\n"
OLD_SCHEMA = "{}\n"
OLD_CONFIG = "# my config, keep me\n"


# ------------------------------------------------------------------ the project and the writers


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with a config, one COE, and an `out/` of earlier outputs; cwd inside it."""
    root = tmp_path / "project"
    (root / "coes").mkdir(parents=True)
    (root / "out").mkdir()
    (root / ".coe.toml").write_text(OLD_CONFIG, encoding="utf-8")
    (root / COE_FILE).write_text(COE_TEXT, encoding="utf-8")
    (root / "out" / "report.md").write_text(OLD_REPORT, encoding="utf-8")
    (root / "out" / "portfolio.html").write_text(OLD_PORTFOLIO, encoding="utf-8")
    (root / "out" / "coe.schema.json").write_text(OLD_SCHEMA, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setenv("NO_COLOR", "1")
    return root


@dataclass(frozen=True)
class Writer:
    name: str
    args: tuple[str, ...]
    target: str  # the file it writes, relative to the project
    prefix: str  # how this command starts an error line
    absolute: bool = False  # the message names the target by its absolute path

    def named(self, root: Path) -> str:
        """The target as the error message names it."""
        return str(root / self.target) if self.absolute else self.target


NEW = Writer("new", ("new", "Disk trouble", "--no-input"), "coes/COE-0002-disk-trouble.yaml", "coe new: error: ", absolute=True)
INIT = Writer("init", ("init", "--force"), ".coe.toml", "coe init: error: ", absolute=True)
SET_STATUS = Writer("set-status", ("set-status", COE_FILE, "in-review"), COE_FILE, "coe set-status: error: ")
ACTION_ADD = Writer(
    "action-add",
    ("action", "add", COE_FILE, "--action", "Page on evictions.", "--owner", "r.santos", "--due", "2027-01-15"),
    COE_FILE, "coe action add: error: ",
)
ACTION_DONE = Writer("action-done", ("action", "done", COE_FILE, "CA-1", "--today", TODAY), COE_FILE, "coe action done: error: ")
RENDER = Writer("render", ("render", COE_FILE, "-o", "out/report.md", "--today", TODAY), "out/report.md", "coe render: error: ")
REPORT = Writer("report", ("report", "coes", "-o", "out/portfolio.html", "--today", TODAY), "out/portfolio.html", "coe report: error: ")
SCHEMA = Writer("schema", ("schema", "-o", "out/coe.schema.json"), "out/coe.schema.json", "coe schema: error: ")

WRITERS = [NEW, INIT, SET_STATUS, ACTION_ADD, ACTION_DONE, RENDER, REPORT, SCHEMA]
REPLACERS = [writer for writer in WRITERS if writer is not NEW]  # those that replace an existing file
EDITORS = [SET_STATUS, ACTION_ADD, ACTION_DONE]

def run(*args: str | Path):
    return CliRunner().invoke(app, [str(arg) for arg in args])


def tree(root: Path) -> dict[str, object]:
    """Every entry under ``root``: a file's bytes and mode, a link's target, a directory's mode."""
    entries: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            entries[name] = ("link", os.readlink(path))
        elif path.is_dir():
            entries[name] = ("dir", stat.S_IMODE(path.stat().st_mode))
        else:
            entries[name] = (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
    return entries


def assert_clean_exit(result) -> None:
    """Exited by itself (no exception escaped) and printed no traceback."""
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exception
    assert "Traceback" not in result.output


# ------------------------------------------------------------------ fault injection


class Faults:
    """Fail the temporary files `coe.fileio` makes, and nothing else."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self._temporaries: set[tuple[int, int]] = set()
        self._read_only: set[str] = set()
        self.hits = 0
        real_mkstemp = tempfile.mkstemp

        def mkstemp(*args, **kwargs):
            directory = os.path.realpath(kwargs.get("dir") or ".")
            if directory in self._read_only:
                self.hits += 1
                name = os.path.join(directory, f"{kwargs.get('prefix', '')}XXXXXX{kwargs.get('suffix', '')}")
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
            handle, name = real_mkstemp(*args, **kwargs)
            info = os.fstat(handle)
            self._temporaries.add((info.st_dev, info.st_ino))
            return handle, name

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)

    def _is_temporary(self, handle: int) -> bool:
        info = os.fstat(handle)
        return (info.st_dev, info.st_ino) in self._temporaries

    def fail_write(self, error: BaseException) -> None:
        """Write the first half of the data to the temporary file, then raise ``error``."""
        real_write = os.write

        def write(handle, data):
            if not self._is_temporary(handle):
                return real_write(handle, data)
            self.hits += 1
            real_write(handle, bytes(data[: max(1, len(data) // 2)]))
            raise error

        self._monkeypatch.setattr(os, "write", write)

    def fail_rename(self, error: BaseException) -> None:
        """The temporary file is complete, but moving it into place fails."""

        def fail(source, *args, **kwargs):
            self.hits += 1
            raise error

        self._monkeypatch.setattr(os, "replace", fail)
        self._monkeypatch.setattr(os, "link", fail)

    def read_only(self, directory: Path) -> None:
        self._read_only.add(os.path.realpath(directory))


@pytest.fixture
def faults(monkeypatch):
    return Faults(monkeypatch)


def can_write_into(directory: Path) -> bool:
    probe = directory / ".coe-probe"
    try:
        probe.write_text("", encoding="utf-8")
    except PermissionError:
        return False
    probe.unlink()
    return True


@pytest.fixture
def read_only(faults, record_property):
    """chmod 0o555 a directory; where that does not stop writes (root), simulate EACCES instead."""
    changed: list[tuple[Path, int]] = []

    def _read_only(directory: Path) -> None:
        changed.append((directory, stat.S_IMODE(directory.stat().st_mode)))
        directory.chmod(0o555)
        if can_write_into(directory):  # root ignores permission bits: say so, and simulate
            record_property("read_only", "simulated with PermissionError: chmod does not stop this user")
            faults.read_only(directory)
        else:
            record_property("read_only", "real chmod 0o555")

    yield _read_only
    for directory, mode in reversed(changed):
        directory.chmod(mode)


EIO = OSError(errno.EIO, os.strerror(errno.EIO))
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
SCENARIOS = ("write-interrupted", "rename-interrupted", "disk-full", "read-only")
ADVICE = {
    "write-interrupted": "Input/output error. Nothing was replaced; fix the cause and run the command again.",
    "rename-interrupted": "Input/output error. Nothing was replaced; fix the cause and run the command again.",
    "disk-full": "No space left on device. Free some disk space and run the command again.",
    "read-only": "Permission denied. Make {parent} writable, or write somewhere else.",
}


def arrange(scenario: str, writer: Writer, project: Path, faults: Faults, read_only) -> None:
    if scenario == "write-interrupted":
        faults.fail_write(EIO)
    elif scenario == "rename-interrupted":
        faults.fail_rename(EIO)
    elif scenario == "disk-full":
        faults.fail_write(ENOSPC)
    else:
        read_only((project / writer.target).parent)


# ------------------------------------------------------------------ failed writes: nothing changes


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("writer", WRITERS, ids=lambda writer: writer.name)
def test_failed_write_leaves_every_file_as_it_was(project, faults, read_only, writer, scenario):
    """The original is byte-identical, no temporary file is left, nothing else appears."""
    arrange(scenario, writer, project, faults, read_only)
    before = tree(project)
    result = run(*writer.args)
    assert faults.hits >= 1, "the writer never reached coe.fileio's temporary file"
    assert result.exit_code != 0
    assert_clean_exit(result)
    assert tree(project) == before


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.name)
def test_failed_write_exits_2_naming_the_file_and_what_to_do(project, faults, read_only, writer, scenario):
    arrange(scenario, writer, project, faults, read_only)
    result = run(*writer.args)
    name = writer.named(project)
    advice = ADVICE[scenario].format(parent=Path(name).parent)
    assert (result.exit_code, result.stderr) == (2, f"{writer.prefix}cannot write {name}: {advice}\n")


def test_lint_output_that_fails_to_write_exits_2_naming_the_file(project, faults):
    (project / "out" / "lint.txt").write_text(OLD_REPORT, encoding="utf-8")
    before = tree(project)
    faults.fail_write(ENOSPC)
    result = run("lint", "coes", "-q", "-o", "out/lint.txt")
    assert tree(project) == before
    assert (result.exit_code, result.stderr) == (
        2, f"coe lint: error: cannot write out/lint.txt: {ADVICE['disk-full']}\n"
    )


def test_new_that_fails_to_write_into_a_new_directory_removes_it(project, faults):
    before = tree(project)
    faults.fail_write(ENOSPC)
    result = run("new", "Disk trouble", "--no-input", "--dir", "fresh/coes")
    assert result.exit_code == 2
    after = tree(project)
    assert set(after) == set(before) | {"fresh"}  # only the directory it was asked to make is removed
    assert {name: after[name] for name in before} == before


@pytest.mark.parametrize("write", [write_text_atomic, create_text_exclusive])
def test_interrupt_during_write_leaves_the_directory_as_it_was(tmp_path, faults, write):
    """Ctrl-C (KeyboardInterrupt) mid-write: the old file stays, the temporary file goes, the interrupt propagates."""
    target = tmp_path / ("existing.yaml" if write is write_text_atomic else "new.yaml")
    (tmp_path / "existing.yaml").write_bytes(b"old: 1\n")
    before = tree(tmp_path)
    faults.fail_write(KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write(target, "new: 2\n" * 1000)
    assert faults.hits == 1
    assert tree(tmp_path) == before


def test_sigkill_mid_write_keeps_the_original_and_leaves_only_a_hidden_tmp_file(tmp_path):
    """A real `kill -9` halfway through: no cleanup can run, but the COE is whole and coe ignores the leftover."""
    coes = tmp_path / "coes"
    coes.mkdir()
    target = coes / "COE-0001.yaml"
    target.write_text(COE_TEXT, encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import os, signal
        from coe.fileio import write_text_atomic
        real_write = os.write
        def write(handle, data):
            real_write(handle, bytes(data[: len(data) // 2]))
            os.kill(os.getpid(), signal.SIGKILL)
        os.write = write
        write_text_atomic({str(target)!r}, {COE_TEXT.replace("draft", "closed")!r})
        """
    )
    process = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == COE_TEXT
    leftovers = sorted(p.name for p in coes.iterdir() if p != target)
    assert len(leftovers) == 1 and leftovers[0].startswith(".COE-0001.yaml.") and leftovers[0].endswith(".tmp")
    assert find_coe_files([coes]) == [target]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report", "coes", "-o", "missing/portfolio.html"),
         "coe report: error: cannot write missing/portfolio.html: No such file or directory. Create the directory missing first.\n"),
        (("report", "coes", "-o", "out"), "coe report: error: cannot write out: Is a directory. Name a file, not a directory.\n"),
        (("schema", "-o", "out"), "coe schema: error: cannot write out: Is a directory. Name a file, not a directory.\n"),
        (("render", COE_FILE, "-o", "missing/report.md"),
         "coe render: error: cannot write missing/report.md: No such file or directory. Create the directory missing first.\n"),
    ],
)
def test_output_path_that_cannot_be_a_file_exits_2_with_what_to_do(project, args, message):
    before = tree(project)
    result = run(*args, "--today", TODAY) if args[0] != "schema" else run(*args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert tree(project) == before


# ------------------------------------------------------------------ permissions and owner


@pytest.mark.parametrize("writer", REPLACERS, ids=lambda writer: writer.name)
def test_replaced_file_keeps_its_permissions(project, writer):
    target = project / writer.target
    target.chmod(0o604)
    old = target.read_bytes()
    result = run(*writer.args)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != old
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


@pytest.mark.parametrize("writer", REPLACERS, ids=lambda writer: writer.name)
def test_replaced_file_keeps_its_owner(project, writer):
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user, so only root can check it is kept")
    target = project / writer.target
    os.chown(target, 4242, 4343)
    result = run(*writer.args)
    assert result.exit_code == 0, result.output
    assert (target.stat().st_uid, target.stat().st_gid) == (4242, 4343)


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


@pytest.mark.parametrize("writer", [NEW, RENDER, REPORT, SCHEMA], ids=lambda writer: writer.name)
def test_new_file_gets_0666_minus_the_umask(project, umask_027, writer):
    target = project / writer.target
    target.unlink(missing_ok=True)
    result = run(*writer.args)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


# ------------------------------------------------------------------ symlinks


def move_behind_a_link(project: Path, relative: str) -> Path:
    """Move ``relative`` into `real/` and leave a relative symlink in its place; return the real file."""
    link = project / relative
    real = project / "real" / link.name
    real.parent.mkdir(exist_ok=True)
    link.rename(real)
    link.symlink_to(os.path.relpath(real, link.parent))
    return real


@pytest.mark.parametrize("writer", REPLACERS, ids=lambda writer: writer.name)
def test_writing_through_a_symlink_replaces_the_target_and_keeps_the_link(project, writer):
    real = move_behind_a_link(project, writer.target)
    link = project / writer.target
    before = tree(project)
    result = run(*writer.args)
    assert result.exit_code == 0, result.output
    after = tree(project)
    changed = {name for name in after if after[name] != before.get(name)}
    expected = {str(real.relative_to(project))} | ({"coes/coe.schema.json"} if writer is INIT else set())
    assert changed == expected
    assert set(after) - set(before) == expected - set(before)  # no temporary file left anywhere
    assert after[writer.target] == ("link", os.path.relpath(real, link.parent))
    assert real.read_bytes() != before[str(real.relative_to(project))][0]


def test_reading_follows_symlinks(project):
    link = project / "coes" / "linked.yaml"
    link.symlink_to("COE-0001-checkout.yaml")
    through_link = run("render", link, "--today", TODAY)
    direct = run("render", COE_FILE, "--today", TODAY)
    assert (through_link.exit_code, direct.exit_code) == (0, 0)
    assert through_link.stdout == direct.stdout
    assert through_link.stdout.startswith("# COE-0001: Checkout failures")


@pytest.mark.parametrize("writer", [INIT, RENDER, REPORT, SCHEMA], ids=lambda w: w.name)
def test_dangling_symlink_is_refused_and_nothing_is_created(project, writer):
    """A link to nothing is not followed to create a file where it points: exit 2, nothing changes."""
    target = project / writer.target
    target.unlink()
    target.symlink_to("../nowhere/missing.txt")
    before = tree(project)
    result = run(*writer.args)
    assert_clean_exit(result)
    assert tree(project) == before
    assert not (project.parent / "nowhere").exists()
    assert (result.exit_code, result.stderr) == (
        2,
        f"{writer.prefix}cannot write {writer.named(project)}: it is a symlink to ../nowhere/missing.txt, "
        "which does not exist. Create the file it points to, or remove the link.\n",
    )


@pytest.mark.parametrize("writer", EDITORS, ids=lambda writer: writer.name)
def test_edit_through_a_dangling_symlink_creates_nothing(project, writer):
    target = project / writer.target
    target.unlink()
    target.symlink_to("../nowhere/missing.yaml")
    before = tree(project)
    result = run(*writer.args)
    assert result.exit_code != 0
    assert_clean_exit(result)
    assert tree(project) == before
    assert writer.target in result.stderr


def test_edit_through_a_dangling_symlink_exits_2(project):
    target = project / COE_FILE
    target.unlink()
    target.symlink_to("../nowhere/missing.yaml")
    result = run(*SET_STATUS.args)
    assert result.exit_code == 2
    assert result.stderr == f"coe set-status: error: {SET_STATUS.args[1]} is a symlink to ../nowhere/missing.yaml, which does not exist\n"


def test_dangling_symlink_in_place_of_a_new_coe_is_never_followed(project):
    (project / "coes" / "COE-0002-disk-trouble.yaml").symlink_to("../outside.yaml")
    before = tree(project)
    result = run(*NEW.args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"coe new: error: {project / NEW.target} already exists; coe never overwrites a COE\n"
    )
    assert tree(project) == before


def test_output_to_a_fifo_writes_into_it_and_never_replaces_it(project):
    """A device or FIFO, such as /dev/null, is written to, not replaced by a regular file."""
    fifo = project / "out" / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("render", COE_FILE, "-o", fifo, "--today", TODAY)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received == [run("render", COE_FILE, "--today", TODAY).stdout.encode("utf-8")]
    assert sorted(p.name for p in (project / "out").iterdir()) == ["coe.schema.json", "pipe", "portfolio.html", "report.md"]


# ------------------------------------------------------------------ paths: never outside the target directory


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("../../etc/passwd", "COE-0001-etc-passwd.yaml"),
        ("/abs/path", "COE-0001-abs-path.yaml"),
        ("..", "COE-0001-coe.yaml"),
        (".", "COE-0001-coe.yaml"),
        ("a/../../b\\c", "COE-0001-a-b-c.yaml"),
        ("a\x00b", "COE-0001-a-b.yaml"),
        ("CON", "COE-0001-con-coe.yaml"),
        ("lpt1", "COE-0001-lpt1-coe.yaml"),
        ("x" * 5000, f"COE-0001-{'x' * 60}.yaml"),
        ("é" * 3000, f"COE-0001-{'e' * 60}.yaml"),
        ("Ünïcödé façade", "COE-0001-unicode-facade.yaml"),
        ("日本語のタイトル", "COE-0001-coe.yaml"),
        ("💥🔥", "COE-0001-coe.yaml"),
        ("\u202eevil\u202c.yaml", "COE-0001-evil-yaml.yaml"),
        ("~/x", "COE-0001-x.yaml"),
        ("$(rm -rf ~)", "COE-0001-rm-rf.yaml"),
        ("line one\nline two", "COE-0001-line-one-line-two.yaml"),
    ],
)
def test_new_writes_one_file_inside_the_coe_directory_whatever_the_title(tmp_path, monkeypatch, title, name):
    project = tmp_path / "project"
    (project / "coes").mkdir(parents=True)
    (project / ".coe.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(project)
    before = tree(tmp_path)
    result = run("new", title, "--no-input", "--author", "tester")
    assert result.exit_code == 0, result.output
    after = tree(tmp_path)
    assert set(after) - set(before) == {f"project/coes/{name}"}
    assert {key: after[key] for key in before} == before
    assert result.stdout == f"{project / 'coes' / name}\n"


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("\udcff bad bytes",), "the title '\\udcff bad bytes'"),
        (("Fine title", "--author", "m\udce9lanie"), "--author 'm\\udce9lanie'"),
        (("Fine title", "--service", "caf\udce9"), "--service 'caf\\udce9'"),
    ],
)
def test_new_refuses_text_that_is_not_utf8(project, args, what):
    """Bytes a shell could not decode arrive as lone surrogates: refused with exit 2, not a traceback."""
    before = tree(project)
    result = run("new", *args, "--no-input")
    assert (result.exit_code, result.stderr) == (2, f"coe new: error: {what} is not valid UTF-8 text; retype it\n")
    assert tree(project) == before


@pytest.mark.parametrize("prefix", ["../../evil", "/abs", "A/B", "COE\\X", ".."])
def test_new_refuses_an_id_prefix_that_is_a_path(project, prefix):
    (project / ".coe.toml").write_text(f'id_prefix = "{prefix}"\n'.replace("\\", "\\\\"), encoding="utf-8")
    before = tree(project.parent)
    result = run(*NEW.args)
    assert result.exit_code == 2
    assert_clean_exit(result)
    assert result.stderr.startswith("coe new: error: ") and "id_prefix" in result.stderr
    assert tree(project.parent) == before


@pytest.mark.parametrize("template", ["../../x", "/etc/passwd", "x/../../y", "..", ".hidden", "a b", "", "new/default"])
def test_new_refuses_a_template_name_that_is_a_path(project, template):
    (project / "templates" / "new").mkdir(parents=True)
    (project / "x.yaml.j2").write_text("id: {{ id }}\n", encoding="utf-8")  # what `../../x` would reach
    (project / ".coe.toml").write_text('templates_dir = "templates"\n', encoding="utf-8")
    before = tree(project.parent)
    result = run("new", "Title", "--no-input", "--template", template)
    assert (result.exit_code, result.stderr) == (
        2, f"coe new: error: template name `{template}` may use only letters, digits, `-` and `_`\n"
    )
    assert tree(project.parent) == before


@pytest.mark.parametrize("coe_id", ["../../evil", "a/b", "/abs/evil", "..", "COE-1/../../evil"])
def test_render_to_a_directory_never_uses_an_id_that_is_a_path(project, coe_id):
    (project / "evil.yaml").write_text(COE_TEXT.replace("id: COE-0001", f'id: "{coe_id}"'), encoding="utf-8")
    before = tree(project.parent)
    result = run("render", COE_FILE, "evil.yaml", "-o", "reports", "--today", TODAY)
    assert result.exit_code == 1
    assert result.stderr == "coe render: nothing written: 1 problem(s) in the input\n"
    assert result.stdout.startswith("evil.yaml:2:5: error schema: ")
    assert tree(project.parent) == before


# ------------------------------------------------------------------ render -o DIR: no report is lost


@pytest.fixture
def same_id(project):
    """Two different COEs that both say `id: COE-0001`."""
    (project / "a.yaml").write_text(COE_TEXT.replace("Checkout failures", "First"), encoding="utf-8")
    (project / "b.yaml").write_text(COE_TEXT.replace("Checkout failures", "Second"), encoding="utf-8")
    return project


def test_render_refuses_two_coes_with_one_id_into_one_directory(same_id):
    before = tree(same_id)
    result = run("render", "a.yaml", "b.yaml", "-o", "reports", "--today", TODAY)
    assert (result.exit_code, result.stderr) == (
        2,
        "coe render: error: a.yaml and b.yaml both have the id COE-0001, so both reports would be "
        "reports/COE-0001.md; nothing was written. Give each COE its own id (`coe lint` reports duplicate-id), "
        "or render them one at a time with -o FILE\n",
    )
    assert tree(same_id) == before


def test_render_refusing_same_ids_keeps_an_existing_report(same_id):
    (same_id / "reports").mkdir()
    (same_id / "reports" / "COE-0001.md").write_text(OLD_REPORT, encoding="utf-8")
    before = tree(same_id)
    result = run("render", "a.yaml", "b.yaml", "-o", "reports", "--today", TODAY)
    assert result.exit_code == 2
    assert tree(same_id) == before


def test_render_same_ids_to_stdout_prints_both(same_id):
    result = run("render", "a.yaml", "b.yaml", "--today", TODAY)
    assert result.exit_code == 0
    assert "# COE-0001: First" in result.stdout and "# COE-0001: Second" in result.stdout


def test_render_the_same_file_twice_writes_its_report_once(project):
    result = run("render", COE_FILE, f"./{COE_FILE}", "-o", "reports", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "reports").iterdir()) == ["COE-0001.md"]
    assert (project / "reports" / "COE-0001.md").read_text(encoding="utf-8") == run(
        "render", COE_FILE, "--today", TODAY
    ).stdout
