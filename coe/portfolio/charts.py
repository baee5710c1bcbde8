"""Bar-chart geometry for the dashboard's inline SVG: computed here, drawn by the template."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as printed
    length: float  # 0..1 of the longest bar


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return 28 * len(self.bars) + 10


def bar_chart(title: str, items: list[tuple[str, float]], *, formatter=lambda v: f"{v:g}") -> BarChart:
    longest = max((value for _, value in items), default=0) or 1
    return BarChart(title, [Bar(str(label), value, formatter(value), value / longest) for label, value in items])
