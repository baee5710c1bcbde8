"""Bar-chart geometry for the dashboard's inline SVG: computed here, drawn by the template."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Labels end at x=180 of the 600-wide viewBox, in 13px text, and may use
# LABEL_ROOM of those units. A label estimated to be wider is cut, with "…",
# rather than run off the left edge of the chart; the bar's tooltip keeps it
# in full.
LABEL_ROOM = 170
LABEL_FONT = 13
# Advance widths in em, a little above those of DejaVu Sans (the widest of the
# usual fallback fonts), so the estimate errs on the wide side.
_WIDTHS = {
    **dict.fromkeys("abcdeghknopqsuvxyz", 0.64),
    **dict.fromkeys("ABCDEFGHKLNOPQRSTUVXYZ", 0.8),
    **dict.fromkeys("0123456789", 0.64),
    **dict.fromkeys(" !'(),-./:;I[\\]|fijlrtJ\"", 0.42),
    **dict.fromkeys("#%&+<=>@^~MWmw\u2026\u2014", 1.0),
}
_OTHER_WIDTH = 0.8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as printed
    length: float  # 0..1 of the longest bar

    @property
    def short_label(self) -> str:
        """The label as drawn: cut to fit beside the bar."""
        return fit_label(self.label)


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return 28 * len(self.bars) + 10


def _em(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.2  # CJK and emoji
    return _WIDTHS.get(char, _OTHER_WIDTH)


def label_width(text: str) -> float:
    """A generous estimate of the drawn width of a label, in viewBox units."""
    return sum(_em(char) for char in text) * LABEL_FONT


def fit_label(label: str) -> str:
    """The label, or as much of it as fits in LABEL_ROOM followed by "…"."""
    if label_width(label) <= LABEL_ROOM:
        return label
    room = LABEL_ROOM / LABEL_FONT - _em("…")
    used, kept = 0.0, []
    for char in label:
        used += _em(char)
        if used > room:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def bar_chart(title: str, items: list[tuple[str, float]], *, formatter=lambda v: f"{v:g}") -> BarChart:
    longest = max((value for _, value in items), default=0) or 1
    return BarChart(title, [Bar(str(label), value, formatter(value), value / longest) for label, value in items])
