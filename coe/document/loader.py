"""Turn a file into a validated COE, or into problems with exact positions.

Every command that reads COEs goes through :func:`load`. It never raises for
bad input: unreadable files, broken YAML and schema violations all come back
as :class:`~coe.document.findings.Finding` objects with rule ``syntax`` or ``schema``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

from yaml.nodes import Node

from coe.document import plain
from coe.document.findings import Finding
from coe.document.plain import COE
from coe.yaml import reader

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"
SYNTAX = "syntax"
SCHEMA = "schema"


class Document(NamedTuple):
    """A loaded COE with what is needed to point at its parts."""

    path: str
    coe: COE
    text: str
    root: Node

    def locate(self, path: tuple, *, key: bool = True) -> tuple[int, int]:
        """1-based (line, column) of the key (or value) at ``path``."""
        return reader.locate(self.root, path, key=key)


class LoadResult:
    __slots__ = ("path", "document", "problems")

    def __init__(self, path: str, document: Document | None = None, problems: list[Finding] | None = None) -> None:
        self.path = path
        self.document = document
        self.problems = problems or []

    @property
    def ok(self) -> bool:
        return self.document is not None


def load(path: str | os.PathLike[str], *, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> LoadResult:
    """Read, parse and validate one COE file."""
    shown = str(path)
    try:
        raw = _read_bytes(Path(path), max_file_size)
    except _Unreadable as exc:
        return LoadResult(shown, problems=[Finding(shown, 1, 1, SYNTAX, str(exc))])
    try:
        text = _decode(raw)
    except reader.YamlError as exc:
        return LoadResult(shown, problems=[Finding(shown, exc.line, exc.column, SYNTAX, exc.message)])
    return load_text(text, shown)


def load_text(text: str, path: str = "<string>") -> LoadResult:
    """Parse and validate COE YAML that is already in memory."""
    try:
        data, root = reader.load(text)
    except reader.YamlError as exc:
        return LoadResult(path, problems=[Finding(path, exc.line, exc.column, SYNTAX, exc.message)])
    except RecursionError:
        return LoadResult(path, problems=[Finding(path, 1, 1, SYNTAX, "the document nests too deeply to read")])
    if root is None:
        message = "the file is empty; a COE needs at least format, id, title, status and severity (`coe new` writes one)"
        return LoadResult(path, problems=[Finding(path, 1, 1, SCHEMA, message)])
    if not isinstance(data, dict):
        line, column = reader.position(root)
        message = f"the top level must be a mapping of keys (format, id, title, ...), not {_kind(data)}"
        return LoadResult(path, problems=[Finding(path, line, column, SCHEMA, message)])
    return _validate(data, root, text, path)


def _validate(data: dict, root: Node, text: str, path: str) -> LoadResult:
    coe = plain.build(data)
    if coe is None:  # something to convert or to explain: ask the Pydantic model
        coe, problems = _validate_with_model(data, root, path)
        if problems:
            return LoadResult(path, problems=problems)
    problems = _duplicate_action_ids(coe, root, path)
    if problems:
        return LoadResult(path, problems=problems)
    return LoadResult(path, document=Document(path, coe, text, root))


def _validate_with_model(data: dict, root: Node, path: str) -> tuple[COE | None, list[Finding]]:
    from pydantic import ValidationError

    from coe.document.model import COESchema
    from coe.document.schema_errors import describe

    try:
        return plain.from_model(COESchema.model_validate(data)), []
    except ValidationError as exc:
        problems = set()
        for error in exc.errors(include_url=False):
            where, message, at_key = describe(error)
            line, column = reader.locate(root, where, key=at_key)
            problems.add(Finding(path, line, column, SCHEMA, message))
        return None, sorted(problems, key=Finding.sort_key)


def _duplicate_action_ids(coe: COE, root: Node, path: str) -> list[Finding]:
    seen: set[str] = set()
    problems = []
    for index, action in enumerate(coe.corrective_actions):
        if action.id in seen:
            line, column = reader.locate(root, ("corrective_actions", index, "id"), key=False)
            message = f"corrective action id `{action.id}` is used twice; give each action its own id"
            problems.append(Finding(path, line, column, SCHEMA, message))
        seen.add(action.id)
    return problems


class _Unreadable(Exception):
    pass


def _read_bytes(path: Path, max_file_size: int) -> bytes:
    try:
        raw, size = read_regular_file(path, max_file_size)
    except NotARegularFile as exc:
        if exc.kind == "a directory":
            raise _Unreadable("is a directory, not a file; pass a COE file, or a directory to `coe lint`") from None
        raise _Unreadable(
            f"is {exc.kind}, not a regular file; coe reads only regular files: put the COE file here, or remove this"
        ) from None
    except FileNotFoundError:
        raise _Unreadable("no such file; check the path") from None
    except PermissionError:
        raise _Unreadable("permission denied; make the file readable") from None
    except OSError as exc:
        raise _Unreadable(f"cannot read the file: {exc.strerror or exc}") from None
    if size > max_file_size:
        raise _Unreadable(
            f"file is {size / 1_048_576:.1f} MB, over the {max_file_size / 1_048_576:g} MB limit; "
            "a COE is rarely this large: check the file, or raise `max_file_size` in the config"
        )
    if len(raw) > max_file_size:  # it grew while it was read
        raise _Unreadable(f"file is over the {max_file_size / 1_048_576:g} MB limit")
    return raw


class NotARegularFile(Exception):
    """A directory, FIFO, device or socket where a file was expected."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular_file(path: str | os.PathLike[str], limit: int) -> tuple[bytes, int]:
    """At most ``limit + 1`` bytes of a regular file, and its size; NotARegularFile for anything else.

    Opened without blocking and checked on the open descriptor, so a FIFO
    named like a COE never makes a command wait for a writer, and a file
    swapped for one between a check and the open is still caught.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:  # a socket, or a device with nothing behind it, cannot even be opened
        _refuse_special(os.stat(path).st_mode)
        raise
    try:
        info = os.fstat(fd)
        _refuse_special(info.st_mode)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        return handle.read(limit + 1), info.st_size


def _refuse_special(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise NotARegularFile(next((kind for test, kind in _FILE_KINDS if test(mode)), "not a regular file"))


def _decode(raw: bytes) -> str:
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        message = (
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "re-save it as UTF-8 in your editor"
        )
        raise reader.YamlError(message, line, column) from None


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "plain text"
    return f"a {type(value).__name__}"
