"""Find COE files under the paths a user names, and the id written inside each."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


class MissingPath(Exception):
    """A path on the command line does not exist."""


def find_coe_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus ``*.yaml``/``*.yml`` under directories.

    Hidden directories (``.git``, ``.venv``) are skipped. The result is sorted
    and free of duplicates, so output order never depends on the file system.
    """
    found: dict[str, Path] = {}
    for path in map(Path, paths):
        if path.is_dir():
            for child in _yaml_files_under(path):
                found.setdefault(str(child), child)
        elif path.exists() or path.is_symlink():
            found.setdefault(str(path), path)
        else:
            raise MissingPath(str(path))
    return sorted(found.values(), key=str)


def _yaml_files_under(directory: Path) -> Iterable[Path]:
    for child in sorted(directory.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _yaml_files_under(child)
        elif child.suffix in YAML_SUFFIXES:
            yield child


# A top-level `id:` line, for a file the parser cannot read as far as its id.
_ID_LINE = re.compile(r"""^["']?id["']?[ \t]*:[ \t]*["']?([^"'\s#,{}\[\]]+)""", re.M)


def read_id(path: Path) -> str | None:
    """The id written inside a COE file, read by the YAML parser only as far as the `id` key.

    Any layout counts: block, flow, JSON, quoted keys. A file that is not
    UTF-8, or breaks before its id, still keeps the id on an `id:` line of its
    own, so that `coe new` never hands out an id that a broken file uses.
    None when the file has no id, or cannot be read.
    """
    from coe.document.loader import UTF8_BOM
    from coe.yaml import reader

    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        return reader.top_level_string(raw.removeprefix(UTF8_BOM).decode("utf-8"), "id")
    except (UnicodeDecodeError, reader.YamlError):
        match = _ID_LINE.search(raw.decode("utf-8", errors="replace"))
        return match[1] if match else None
