"""`coe new` in a real pseudo-terminal: the prompts a person sees, answered one by one."""

from __future__ import annotations

import datetime as dt
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coe.yaml import reader

pty = pytest.importorskip("pty")

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]")
TIMEOUT = 20.0


class Terminal:
    """`python -m coe ARGS` with stdin, stdout and stderr on a pseudo-terminal."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        try:
            self.master, slave = pty.openpty()
        except OSError as exc:  # pragma: no cover - no ptys in this sandbox
            pytest.skip(f"no pseudo-terminal available: {exc}")
        env = {
            **os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "200", "LINES": "50",
            "USER": "pty.user", "PYTHONDONTWRITEBYTECODE": "1",
        }
        env.pop("USERNAME", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coe", *args], cwd=cwd, env=env,
            stdin=slave, stdout=slave, stderr=slave, close_fds=True, start_new_session=True,
        )
        os.close(slave)
        self.seen = ""  # everything read so far, escapes removed
        self.position = 0  # how far `expect` has matched

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 4096)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not data:
            return False
        self.seen = ANSI.sub("", self.seen + data.decode("utf-8", errors="replace"))
        return True

    def expect(self, text: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while text not in self.seen[self.position:]:
            if time.monotonic() > deadline or not self._read(0.1) and text not in self.seen[self.position:]:
                raise AssertionError(f"never saw {text!r}; the terminal shows:\n{self.seen}")
        self.position = self.seen.index(text, self.position) + len(text)

    def send(self, line: str) -> None:
        os.write(self.master, line.encode("utf-8") + b"\r")

    def finish(self) -> int:
        deadline = time.monotonic() + TIMEOUT
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        while self._read(0.05) and select.select([self.master], [], [], 0)[0]:
            pass
        code = self.process.wait(timeout=5)
        os.close(self.master)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def terminal(tmp_path):
    (tmp_path / ".coe.toml").write_text("", encoding="utf-8")
    started: list[Terminal] = []

    def start(*args: str) -> Terminal:
        term = Terminal(list(args), tmp_path)
        started.append(term)
        return term

    yield start
    for term in started:
        term.kill()


def test_prompts_in_a_real_terminal(tmp_path, terminal):
    target = tmp_path / "d"
    term = terminal("new", "--dir", str(target))
    term.expect("Title (one line: what went wrong):")
    term.send("Pricing quotes lost after deploy")
    term.expect("Severity [SEV1/SEV2/SEV3/SEV4/SEV5] (SEV3):")
    term.send("sev9")  # not a choice: asked again
    term.expect("Please select one of the available options")
    term.expect("Severity [SEV1/SEV2/SEV3/SEV4/SEV5] (SEV3):")
    term.send("SEV2")
    term.expect("Kind [technical/customer-service/process/security] (technical):")
    term.send("")  # the default
    term.expect("Services affected (comma-separated) ():")
    term.send("checkout,  pricing-quote , ")
    term.expect("When did it start? (")
    term.send("2026-11-20T14:00:00Z")
    term.expect("Authors (comma-separated) (pty.user):")
    term.send("a.lee, m.okafor")
    path = target / "COE-0001-pricing-quotes-lost-after-deploy.yaml"
    term.expect(str(path))
    assert term.finish() == 0, term.seen

    text = path.read_text(encoding="utf-8")
    data, _ = reader.load(text)
    assert data["title"] == "Pricing quotes lost after deploy"
    assert (data["severity"], data["kind"], data["status"]) == ("SEV2", "technical", "draft")
    assert data["services"] == ["checkout", "pricing-quote"]
    assert data["authors"] == ["a.lee", "m.okafor"]
    assert data["corrective_actions"][0]["owner"] == "a.lee"
    assert data["incident"]["started_at"] == dt.datetime(2026, 11, 20, 14, 0, tzinfo=dt.timezone.utc)
    assert "  started_at: 2026-11-20T14:00:00Z" in text.splitlines()
    assert text.startswith("# yaml-language-server: $schema=")


def test_empty_answers_take_the_defaults_in_a_real_terminal(tmp_path, terminal):
    target = tmp_path / "d"
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    term = terminal("new", "Defaults everywhere", "--dir", str(target))
    for prompt in ("Severity", "Kind", "Services affected", "When did it start?", "Authors (comma-separated) (pty.user):"):
        term.expect(prompt)
        term.send("")
    path = target / "COE-0001-defaults-everywhere.yaml"
    term.expect(str(path))
    assert term.finish() == 0, term.seen
    assert "Title (one line" not in term.seen  # given as an argument, not asked
    data, _ = reader.load(path.read_text(encoding="utf-8"))
    assert (data["severity"], data["kind"], data["services"], data["authors"]) == ("SEV3", "technical", [], ["pty.user"])
    assert before <= data["incident"]["started_at"] <= dt.datetime.now(dt.timezone.utc)


def test_no_input_in_a_real_terminal_does_not_prompt(tmp_path, terminal):
    term = terminal("new", "Scripted", "--no-input", "--dir", str(tmp_path / "d"))
    assert term.finish() == 0, term.seen
    assert term.seen.strip() == str(tmp_path / "d" / "COE-0001-scripted.yaml")


def test_end_of_input_at_a_prompt_aborts_without_a_file(tmp_path, terminal):
    term = terminal("new", "--dir", str(tmp_path / "d"))
    term.expect("Title (one line: what went wrong):")
    os.write(term.master, b"\x04")  # Ctrl-D
    code = term.finish()
    assert code == 1, term.seen
    assert "Traceback" not in term.seen
    assert "Aborted" in term.seen
    assert not (tmp_path / "d").exists()
