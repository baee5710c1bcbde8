"""Find COE files under the paths a user names."""

from __future__ import annotations

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
