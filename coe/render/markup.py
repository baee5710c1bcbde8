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
    """A paragraph of user text: raw HTML shown as text, line breaks kept."""
    text = html.escape(str(value or ""), quote=False)
    return "\n".join(_md_line(line) for line in text.splitlines())


def _md_line(line: str) -> str:
    # A line that starts like a heading, list, quote or rule must stay text.
    stripped = line.lstrip()
    if re.match(r"(#{1,6}\s|[-+*]\s|>|\d+[.)]\s|[-*_=]{3,}\s*$)", stripped):
        return line[: len(line) - len(stripped)] + "\\" + stripped
    return line


def md_inline(value: object) -> str:
    """User text inside a heading or a table cell: one line, no markup."""
    text = html.escape(str(value or ""), quote=False)
    text = _MD_INLINE_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*[\r\n]+\s*", "<br>", text.strip())


def md_link(text: object, url: object) -> str:
    target = safe_url(url)
    label = md_inline(text)
    if target is None:
        return label
    escaped = target.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return f"[{label}]({escaped})"


def when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z").replace("UTC+00:00", "UTC").strip()
    return value.isoformat()


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
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


FILTERS = {
    "safe_url": safe_url,
    "md_text": md_text,
    "md_inline": md_inline,
    "md_link": md_link,
    "when": when,
    "duration": duration,
    "number": number,
}
