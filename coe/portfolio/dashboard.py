"""The portfolio rendered with `report/portfolio.html.j2` or `report/portfolio.md.j2`.

Templates receive `portfolio` (:class:`~coe.portfolio.stats.Portfolio`),
`skipped` (the first problem of each unreadable file), `charts` (bar-chart
geometry by name), `quarters`, `overdue_counts` (COE id to overdue actions),
`minutes()` (formats a number of minutes) and `version`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coe import __version__
from coe.document.findings import Finding
from coe.portfolio.charts import BarChart, bar_chart
from coe.portfolio.stats import Portfolio
from coe.render.markup import FILTERS, duration

TEMPLATES = {"html": "report/portfolio.html.j2", "markdown": "report/portfolio.md.j2"}


def minutes(value: float | None) -> str:
    return "n/a" if value is None else duration(dt.timedelta(minutes=value))


def charts(portfolio: Portfolio) -> dict[str, BarChart]:
    def medians(stats) -> list[tuple[str, float]]:
        return [(quarter, s.median_minutes) for quarter, s in stats.items() if s.median_minutes is not None]

    overdue_by_owner: dict[str, int] = {}
    for action in portfolio.overdue:
        overdue_by_owner[action.owner or "(no owner)"] = overdue_by_owner.get(action.owner or "(no owner)", 0) + 1
    return {
        "severity": bar_chart("COEs by severity", list(portfolio.by_severity.items())),
        "status": bar_chart("COEs by status", list(portfolio.by_status.items())),
        "kind": bar_chart("COEs by kind", list(portfolio.by_kind.items())),
        "month": bar_chart("COEs by month started", list(portfolio.by_month.items())),
        "categories": bar_chart("Root-cause categories", portfolio.categories[:15]),
        "services": bar_chart("Services with the most COEs", portfolio.services[:15]),
        "ttd": bar_chart("Median time to detect", medians(portfolio.time_to_detect), formatter=minutes),
        "ttm": bar_chart("Median time to mitigate", medians(portfolio.time_to_mitigate), formatter=minutes),
        "timeliness": bar_chart(
            "Done actions: on time and late",
            [("on time", portfolio.done_on_time), ("late", portfolio.done_late)],
        ),
        "overdue_by_owner": bar_chart(
            "Overdue actions by owner", sorted(overdue_by_owner.items(), key=lambda item: (-item[1], item[0]))[:15]
        ),
    }


def render_dashboard(portfolio: Portfolio, skipped: list[Finding], fmt: str, *, templates_dir: Path | None = None) -> str:
    from coe.templating import environment

    env = environment(templates_dir, autoescape=fmt == "html")
    env.filters.update(FILTERS)
    quarters = sorted(set(portfolio.time_to_detect) | set(portfolio.time_to_mitigate))
    overdue_counts = {record.id: sum(1 for a in record.actions if a.is_overdue(portfolio.today)) for record in portfolio.records}
    return env.get_template(TEMPLATES[fmt]).render(
        portfolio=portfolio,
        skipped=skipped,
        charts=charts(portfolio),
        quarters=quarters,
        overdue_counts=overdue_counts,
        minutes=minutes,
        version=__version__,
    )
