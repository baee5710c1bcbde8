"""Small text tests that several rules share."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b|<[A-Za-z][^<>\n]{0,80}>")


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()


def is_unanswered(text: str | None) -> bool:
    """Empty, or nothing but placeholders and punctuation."""
    if is_blank(text):
        return True
    return not re.sub(r"[\W_]+", "", PLACEHOLDER.sub("", text))
