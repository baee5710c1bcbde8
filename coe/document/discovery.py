"""Find COE files under the paths a user names, and the id written inside each."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


class MissingPath(Exception):
    """A path on the command line does not exist."""


def find_coe_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus ``*.yaml``/``*.yml`` under directories.

    Hidden directories (``.git``, ``.venv``) are skipped. Each directory is
    walked once and each file found in them listed once, by device and inode,
    so a symlink back up the tree neither loops nor lists a COE twice. The
    result is sorted and free of duplicates, so output order never depends on
    the file system. Special files are listed: reading one gives a finding.
    """
    found: dict[str, Path] = {}
    walked: set[tuple[int, int]] = set()
    files_seen: set[tuple[int, int]] = set()
    for path in map(Path, paths):
        if path.is_dir():
            for child in _yaml_files_under(path, walked, files_seen):
                found.setdefault(str(child), child)
        elif path.exists() or path.is_symlink():
            found.setdefault(str(path), path)
        else:
            raise MissingPath(str(path))
    return sorted(found.values(), key=str)


def _yaml_files_under(directory: Path, walked: set, files_seen: set) -> Iterator[Path]:
    if not _first_visit(directory, walked):
        return
    for child in sorted(directory.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _yaml_files_under(child, walked, files_seen)
        elif child.suffix in YAML_SUFFIXES and _first_visit(child, files_seen, missing_is_new=True):
            yield child


def _first_visit(path: Path, seen: set, *, missing_is_new: bool = False) -> bool:
    """True the first time this file or directory (by device and inode) is met."""
    try:
        info = path.stat()
    except OSError:
        return missing_is_new  # a dangling link: listed, and its read gives the finding
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


# A top-level `id:` line, for a file the parser cannot read as far as its id.
_ID_LINE = re.compile(r"""^["']?id["']?[ \t]*:[ \t]*["']?([^"'\s#,{}\[\]]+)""", re.M)


def read_id(path: Path) -> str | None:
    """The id written inside a COE file, read by the YAML parser only as far as the `id` key.

    Any layout counts: block, flow, JSON, quoted keys. A file that is not
    UTF-8, or breaks before its id, still keeps the id on an `id:` line of its
    own, so that `coe new` never hands out an id that a broken file uses.
    None when the file has no id, or cannot be read.
    """
    from coe.document.loader import (
        DEFAULT_MAX_FILE_SIZE,
        UTF8_BOM,
        NotARegularFile,
        read_regular_file,
    )
    from coe.yaml import reader

    try:
        raw, _ = read_regular_file(path, DEFAULT_MAX_FILE_SIZE)
    except (OSError, NotARegularFile):
        return None
    try:
        return reader.top_level_string(raw.removeprefix(UTF8_BOM).decode("utf-8"), "id")
    except (UnicodeDecodeError, reader.YamlError):
        match = _ID_LINE.search(raw.decode("utf-8", errors="replace"))
        return match[1] if match else None
