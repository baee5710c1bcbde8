"""Jinja filters that keep user text inside its place in Markdown and HTML.

HTML templates run with autoescape on and never mark user text safe; these
filters only format. Markdown has no autoescape, so `md_*` filters escape
raw HTML and the characters that would break a table cell or a heading.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import urlsplit

_MD_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
# `|` too: a line of pipes and dashes after a line with a pipe starts a table,
# even in the middle of a paragraph.
_MD_TEXT_SPECIAL = re.compile(r"([\\`\[\]|])")
_MD_BLOCK_CHARS = frozenset("#-+*>=~_|")


def safe_url(value: object) -> str | None:
    """The URL if it is http(s) and well-formed, else None: only these become links."""
    text = str(value or "").strip()
    if not text or any(ord(ch) < 32 for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def md_text(value: object) -> str:
    """A paragraph of user text: raw HTML shown as text, line breaks kept.

    Emphasis stays, but nothing that reaches outside the paragraph: no code
    fences or other block markers at a line start, no links or images (only
    `md_link` makes links), no code spans (entities would show literally), no
    tables.
    """
    text = _MD_TEXT_SPECIAL.sub(r"\\\1", str(value or ""))
    text = html.escape(text, quote=False)
    lines = [_md_line(line) for line in text.splitlines()]
    # A backslash at the end of a line is a hard break; a bare newline would
    # join the lines into one. Blank lines still separate paragraphs.
    return "\n".join(
        line + "\\" if line and index + 1 < len(lines) and lines[index + 1] else line
        for index, line in enumerate(lines)
    )


def _md_line(line: str) -> str:
    # A line that starts like a heading, list, quote, fence, rule or setext
    # underline must stay text. Indentation is dropped: Markdown ignores it in
    # a paragraph, and after a blank line it would start a code block.
    stripped = line.lstrip()
    return _md_block_start(stripped)


def _md_block_start(text: str) -> str:
    if text[:1] in _MD_BLOCK_CHARS:
        return "\\" + text
    ordered = re.match(r"\d{1,9}(?=[.)](\s|$))", text)
    if ordered:  # `1.` starts a list; `\1.` would show the backslash
        return text[: ordered.end()] + "\\" + text[ordered.end() :]
    return text


def md_inline(value: object) -> str:
    """User text inside a heading or a table cell: one line, no markup."""
    text = html.escape(str(value or ""), quote=False)
    text = _MD_INLINE_SPECIAL.sub(r"\\\1", text)
    # A leading `-`, `+` or `1.` would make a list item (or a rule) of a list entry.
    return _md_block_start(re.sub(r"\s*[\r\n]+\s*", "<br>", text.strip()))


_URL_ESCAPES = str.maketrans({ch: f"%{ord(ch):02X}" for ch in "() <>|\\`"})


def link_text(text: object, url: object) -> str:
    """What a link shows: its text, or the URL when the text is blank, so it can be seen and clicked."""
    shown = str(text or "")
    return shown if shown.strip() else str(url or "")


def md_link(text: object, url: object) -> str:
    target = safe_url(url)
    label = md_inline(link_text(text, url))
    if target is None:
        return label
    # `|` would end a table cell; backslashes and backticks are Markdown syntax.
    escaped = target.translate(_URL_ESCAPES)
    return f"[{label}]({escaped})"


def when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        # The zone as an offset from UTC: `Z`, `+00:00` and `-04:00` written in
        # the file all read the same way (UTC, UTC, UTC-04:00).
        return f"{value:%Y-%m-%d %H:%M} {_zone(value.utcoffset())}".strip()
    return value.isoformat()


def _zone(offset: dt.timedelta | None) -> str:
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def duration(value: dt.timedelta | None) -> str:
    if value is None:
        return "n/a"
    minutes = int(value.total_seconds() // 60)
    if minutes < 0:
        return "n/a"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{minutes}m" if minutes or not (days or hours) else ""]
    return " ".join(part for part in parts if part)


def number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):  # no float(): an int past 1.8e308 has no float
        return f"{value:,}"
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


FILTERS = {
    "safe_url": safe_url,
    "md_text": md_text,
    "md_inline": md_inline,
    "md_link": md_link,
    "link_text": link_text,
    "when": when,
    "duration": duration,
    "number": number,
}
