"""Crash-safe writes: a complete temporary file in the same directory, then one rename.

Every file `coe` writes goes through here. Readers see the old file or the
new one, never half of one; a failed write leaves the old file byte for byte
and removes its temporary file. See docs/data-safety.md.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


class DanglingSymlinkError(FileNotFoundError):
    """The path is a symlink to nothing: `coe` will not guess where to create a file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        link = os.readlink(path)
        super().__init__(errno.ENOENT, f"it is a symlink to {link}, which does not exist", os.fspath(path))


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace (or create) ``path`` with ``text``, all at once.

    Writing through a symlink replaces the link's target, not the link; a
    dangling symlink is refused. A replaced file keeps its permission bits
    (and, where allowed, its owner); a new file gets 0o666 minus the umask.
    A device or FIFO, such as /dev/null, is written to, never replaced.
    Errors are raised as OSError naming ``path``, not the temporary file.
    """
    data = text.encode("utf-8")
    with _naming(path):
        if os.path.lexists(path) and not os.path.exists(path):
            raise DanglingSymlinkError(path)
        if _is_special(path):
            with open(path, "wb") as stream:  # a device or FIFO: there is nothing to keep
                stream.write(data)
            return
        target = Path(os.path.realpath(path))
        temporary = _write_temporary(target, data)
        try:
            _copy_owner_and_mode(target, temporary)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _sync_directory(target.parent)


def create_text_exclusive(path: str | os.PathLike[str], text: str) -> None:
    """Create ``path`` with ``text``, complete or not at all, never replacing anything.

    Raises FileExistsError if anything is at ``path``, even a dangling symlink.
    """
    target = Path(path)
    data = text.encode("utf-8")
    with _naming(path):
        temporary = _write_temporary(target, data)
        try:
            os.chmod(temporary, 0o666 & ~_umask())
            os.link(temporary, target)  # fails if target exists: exclusive and atomic
        finally:
            Path(temporary).unlink(missing_ok=True)
        _sync_directory(target.parent)


def write_error_message(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """``cannot write PATH: REASON. WHAT TO DO.`` for an OSError from a write."""
    name = exc.filename if exc.filename is not None else path
    reason = exc.strerror or str(exc)
    return f"cannot write {name}: {reason}. {_advice(exc, Path(os.fspath(name or '.')))}."


def _advice(exc: OSError, path: Path) -> str:
    parent = path.parent
    if isinstance(exc, DanglingSymlinkError):
        return "Create the file it points to, or remove the link"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Make {parent} writable, or write somewhere else"
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "Free some disk space and run the command again"
    if exc.errno == errno.ENOENT:
        return f"Create the directory {parent} first"
    if exc.errno == errno.EISDIR:
        return "Name a file, not a directory"
    return "Nothing was replaced; fix the cause and run the command again"


@contextmanager
def _naming(path: str | os.PathLike[str]):
    """Re-raise an OSError about the temporary file as one about ``path``."""
    try:
        yield
    except OSError as exc:
        if exc.filename == os.fspath(path) or isinstance(exc, DanglingSymlinkError):
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), os.fspath(path)) from exc


def _is_special(path: str | os.PathLike[str]) -> bool:
    """A device, FIFO or socket: something that is not a regular file or a directory."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_temporary(target: Path, data: bytes) -> str:
    """A hidden ``.NAME.*.tmp`` next to ``target``, holding ``data``, flushed to disk."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]


def _copy_owner_and_mode(target: Path, temporary: str) -> None:
    if not target.exists():
        os.chmod(temporary, 0o666 & ~_umask())
        return
    info = target.stat()
    with suppress(PermissionError):  # only root may give a file away
        os.chown(temporary, info.st_uid, info.st_gid)
    os.chmod(temporary, info.st_mode & 0o7777)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; best effort, not every system allows it."""
    with suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def locked_directory(directory: str | os.PathLike[str]) -> Iterator[None]:
    """An exclusive lock on ``directory`` for a read-modify-write: `coe new` and every edit take it.

    Advisory (flock): it orders coe's own runs, not an editor's; each edit
    also checks the file did not change between its read and its write.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: rely on the exclusive link and the change check
        yield
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def is_read_only(path: str | os.PathLike[str]) -> bool:
    """True for a file its owner marked read-only, or that this user may not write.

    A rename would replace it all the same, so `coe` asks first, as an editor does.
    """
    mode = os.stat(path).st_mode
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)
