"""Text from a COE, made safe to show on a terminal, as git and ls do.

A COE is written by people and read by others. Its text must not move the
cursor, erase a line, set the window title (ANSI and OSC sequences), start a
new line that looks like a finding, or reorder what a reader sees (bidi
controls). Each such character is shown as an escape instead: ``\\x1b``,
``\\n``, ``\\u202e``. A file name that is not UTF-8 (Python's surrogate
escapes) shows its raw bytes the same way, ``\\xff``.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL; NEL among them
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff]"  # lone surrogates: bytes of a name that is not UTF-8
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: one raw byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, limit: int | None = None) -> str:
    """``text`` with every control, bidi and separator character escaped; at most ``limit`` characters."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return _UNSAFE.sub(_escape, text)
