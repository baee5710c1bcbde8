"""Small in-place edits of a COE file that change only the lines they are about.

An edit is planned as operations on the loaded data (`coe.yaml.text_edits`), which
are then made in the text at the parser's positions. The result must load as
a valid COE whose data is exactly the old data with the operations applied;
otherwise the edit is refused and the file is left as it was. The file is
written atomically, with its byte order mark and line endings kept.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from coe.document.findings import Finding
from coe.document.loader import (
    UTF8_BOM,
    Document,
    NotARegularFile,
    load,
    load_text,
    read_regular_file,
)
from coe.document.vocabulary import ID_PATTERN
from coe.fileio import is_read_only, locked_directory, write_text_atomic
from coe.yaml import reader, text_edits

Plan = Callable[[dict], list[text_edits.Operation]]


class EditError(Exception):
    """An edit that cannot be made; the file is left as it was."""

    def __init__(self, message: str, problems: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class NotFound(EditError):
    """The COE or the action an argument names does not exist: a usage error."""


class ReadOnlyFile(EditError):
    """The file is read-only; `--force` replaces it all the same: a usage error."""


@dataclass
class Edited:
    path: Path
    before: str
    after: str


def edit_file(path: Path, plan: Plan, *, max_file_size: int | None = None, force: bool = False) -> Edited:
    """Make the operations ``plan`` returns for the file's data, in place.

    The read, the plan and the write happen under the lock `coe new` takes on
    the file's directory, so parallel edits land one after another; and the
    file must not have changed between the read and the write.
    """
    target = Path(os.path.realpath(path))
    with locked_directory(target.parent):
        if not force and target.exists() and is_read_only(target):
            raise ReadOnlyFile(f"{path} is read-only; make it writable, or pass --force to replace it anyway")
        return _edit_locked(path, plan, max_file_size)


def _edit_locked(path: Path, plan: Plan, max_file_size: int | None) -> Edited:
    options = {"max_file_size": max_file_size} if max_file_size else {}
    raw_before = _raw(path)
    loaded = load(path, **options)
    if loaded.document is None:
        raise EditError(f"{path} has problems; fix them before editing it", loaded.problems)
    before = loaded.document.text
    data = _data_of(loaded.document)
    operations = plan(data)
    after, expected = before, copy.deepcopy(data)
    for operation in operations:
        try:
            after = text_edits.apply(after, operation)
        except text_edits.PatchError as exc:
            raise EditError(f"cannot edit {path}: {exc}") from None
        text_edits.apply_to_data(expected, operation)
    if after == before:
        return Edited(path, before, after)
    _check(after, expected, path)
    if _raw(path) != raw_before:
        raise EditError(f"{path} changed while coe was editing it, so the edit was not made; run the command again")
    write_text_atomic(path, (UTF8_BOM.decode() if _has_bom(path) else "") + after)
    return Edited(path, before, after)


def _raw(path: Path) -> bytes | None:
    """The file's bytes, as the loader reads them (never waiting on a FIFO); None if it cannot be read."""
    with suppress(OSError, NotARegularFile):
        return read_regular_file(path, 2**31)[0]
    return None


def _check(after: str, expected: dict, path: Path) -> None:
    checked = load_text(after, str(path))
    if checked.document is None:
        raise EditError("the edit would make the COE invalid, so it was not made", checked.problems)
    if _data_of(checked.document) != expected:
        raise EditError(
            f"coe could not make this edit to {path} without changing other values, so it was not made; "
            "edit the file by hand"
        )


def _data_of(document: Document) -> dict:
    """The document's plain data, from the node graph the loader already parsed."""
    return reader.Constructor().construct(document.root)


def _has_bom(path: Path) -> bool:
    with open(path, "rb") as stream:
        return stream.read(len(UTF8_BOM)) == UTF8_BOM


def find_coe(reference: str, directory: Path) -> Path:
    """A COE file named by path, or by the id written inside it."""
    candidate = Path(reference)
    if candidate.is_file():
        return candidate
    if candidate.is_symlink():
        raise NotFound(f"{reference} is a symlink to {os.readlink(candidate)}, which does not exist")
    if not re.fullmatch(ID_PATTERN, reference):
        raise NotFound(f"`{reference}` is neither a file nor a COE id like COE-0042")
    from coe.document.discovery import MissingPath, find_coe_files, read_id

    matches = []
    with suppress(FileNotFoundError, MissingPath):
        matches = [path for path in find_coe_files([directory]) if read_id(path) == reference]
    if not matches:
        raise NotFound(f"no COE with id {reference} in {directory}")
    if len(matches) > 1:
        raise NotFound(f"id {reference} is in several files: {', '.join(map(str, matches))}; name the file instead")
    return matches[0]


def next_action_id(actions: list) -> str:
    numbers = [int(m.group(1)) for a in actions if (m := re.fullmatch(r"CA-([0-9]+)", str(a.get("id", ""))))]
    return f"CA-{max(numbers, default=0) + 1}"
