"""Small in-place edits of a COE file that keep comments, key order and quoting.

Edits go through ruamel.yaml's round-trip mode, with the file's own
indentation detected and line wrapping off, so the only lines that change
are the ones the edit is about. An edit whose result does not load as a
valid COE is refused, and the file is written atomically.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coe.fileio import write_text_atomic
from coe.findings import Finding
from coe.loader import load, load_text


class EditError(Exception):
    """An edit that cannot be made; the file is left as it was."""

    def __init__(self, message: str, problems: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Edited:
    path: Path
    before: str
    after: str


def edit_file(path: Path, change: Callable[[Any], None], *, max_file_size: int | None = None) -> Edited:
    """Apply ``change`` to the round-trip data of ``path`` and write it back."""
    options = {"max_file_size": max_file_size} if max_file_size else {}
    loaded = load(path, **options)
    if loaded.document is None:
        raise EditError(f"{path} has problems; fix them before editing it", loaded.problems)
    before = loaded.document.text
    yaml, data = _round_trip(before)
    change(data)
    after = _dump(yaml, data, before)
    problems = load_text(after, str(path)).problems
    if problems:
        raise EditError("the edit would make the COE invalid, so it was not made", problems)
    if after != before:
        write_text_atomic(path, after)
    return Edited(path, before, after)


def _round_trip(text: str):
    from ruamel.yaml import YAML

    mapping, offset = guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap the author's lines
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml, yaml.load(text)


_KEY_ONLY = re.compile(r"^(?P<lead>\s*(?:-\s+)*)[^\s#-][^#]*:\s*(?:#.*)?$")


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, block sequence offset) as the author wrote them.

    Looks at the first nested mapping and the first nested block sequence
    under a `key:` line. Defaults: 2 and 0.
    """
    mapping = offset = None
    lines = text.splitlines()
    for previous, line in zip(lines, lines[1:]):
        parent = _KEY_ONLY.match(previous)
        stripped = line.lstrip()
        if parent is None or not stripped or stripped.startswith("#"):
            continue
        step = (len(line) - len(stripped)) - len(parent["lead"])
        if stripped.startswith("- ") or stripped == "-":
            offset = step if offset is None else offset
        elif step > 0:
            mapping = step if mapping is None else mapping
        if mapping is not None and offset is not None:
            break
    return mapping or 2, max(offset or 0, 0)


def append_keeping_trailing_comments(sequence, item) -> None:
    """Append ``item`` to a round-trip sequence.

    ruamel attaches blank lines and comments that follow the last item to it;
    they belong after the sequence, so they move to the new last item.
    """
    import copy

    last = sequence[-1] if len(sequence) else None
    tail = None
    if hasattr(last, "ca") and hasattr(last, "keys") and len(last):
        last_key = list(last.keys())[-1]
        slots = last.ca.items.get(last_key)
        token = slots[2] if slots and len(slots) > 2 else None
        if token is not None and "\n" in token.value:
            own, rest = token.value.split("\n", 1)
            if rest:
                tail = copy.copy(token)
                tail.value = "\n" + rest
                token.value = own + "\n"
    sequence.append(item)
    if tail is not None and hasattr(item, "ca") and len(item):
        item.ca.items[list(item.keys())[-1]] = [None, None, tail, None]


def _dump(yaml, data: Any, original: str) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    text = stream.getvalue()
    if original.startswith("\ufeff"):
        text = "\ufeff" + text
    if not original.endswith("\n"):
        text = text.rstrip("\n")
    return text


def find_coe(reference: str, directory: Path) -> Path:
    """A COE file named by path, or by the id written inside it."""
    candidate = Path(reference)
    if candidate.is_file():
        return candidate
    if not re.fullmatch(r"[A-Z][A-Z0-9]*-[0-9]+", reference):
        raise EditError(f"`{reference}` is neither a file nor a COE id like COE-0042")
    from coe.discovery import MissingPath, find_coe_files

    pattern = re.compile(rf"^id:\s*[\"']?{re.escape(reference)}[\"']?\s*(?:#.*)?$", re.M)
    matches = []
    with suppress(FileNotFoundError, MissingPath):
        for path in find_coe_files([directory]):
            with suppress(OSError):
                if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
                    matches.append(path)
    if not matches:
        raise EditError(f"no COE with id {reference} in {directory}")
    if len(matches) > 1:
        raise EditError(f"id {reference} is in several files: {', '.join(map(str, matches))}; name the file instead")
    return matches[0]


def next_action_id(actions: list) -> str:
    numbers = [int(m.group(1)) for a in actions if (m := re.fullmatch(r"CA-([0-9]+)", str(a.get("id", ""))))]
    return f"CA-{max(numbers, default=0) + 1}"
