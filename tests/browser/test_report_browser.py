"""The portfolio dashboard (`coe report`, HTML) in a real Chromium: it loads
offline without errors, its SVG bar charts are drawn, it prints, and hostile
text runs nothing. Uses the `browser`, `page` and `save_screenshot` fixtures
of tests/browser/conftest.py."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from coe.cli import app

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
PORTFOLIO = ROOT / "tests" / "data" / "portfolio"
TODAY = "2026-10-15"

# Printable width in CSS px (96 per inch) with `@page { margin: 14mm 12mm }`.
MM = 96 / 25.4
PAPERS = {"A4": round((210 - 2 * 12) * MM), "Letter": round(8.5 * 96 - 2 * 12 * MM)}

# Bars per chart of the hand-written portfolio (tests/portfolio/fixtures.py), with the
# tooltip of each bar: "label: value".
PORTFOLIO_CHARTS = {
    "COEs by severity": ["SEV1: 1", "SEV2: 3", "SEV3: 3", "SEV4: 1", "SEV5: 1"],
    "COEs by status": ["draft: 2", "in-review: 1", "approved: 3", "closed: 3"],
    "COEs by kind": ["technical: 4", "customer-service: 1", "process: 1", "security: 1", "unspecified: 2"],
    "COEs by month started": ["2026-01: 2", "2026-02: 1", "2026-03: 1", "2026-04: 1", "2026-05: 2", "2026-07: 1"],
    "Root-cause categories": ["config-change: 4", "capacity: 2", "escalation-gap: 2", "access-control: 1"],
    "Services with the most COEs": [
        "checkout: 3", "search: 3", "payments-api: 2", "support-portal: 2", "admin-console: 1", "catalog: 1", "inventory: 1",
    ],
    "Median time to detect": ["2026-Q1: 25m", "2026-Q2: 15m", "2026-Q3: 7m"],
    "Median time to mitigate": ["2026-Q1: 1h 45m", "2026-Q2: 45m"],
    "Done actions: on time and late": ["on time: 5", "late: 2"],
    "Overdue actions by owner": ["(no owner): 1", "alice: 1"],
}


def report_html(directory: Path, out: Path) -> Path:
    result = CliRunner().invoke(app, ["report", str(directory), "-o", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def dashboards(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dashboards")
    return {
        "examples": report_html(EXAMPLES, out / "examples.html"),
        "portfolio": report_html(PORTFOLIO, out / "portfolio.html"),
    }


def open_page(page, path: Path) -> str:
    url = path.as_uri()
    page.goto(url, wait_until="load")
    return url


def assert_clean(page, url: str) -> None:
    log = page.log
    assert log.page_errors == []
    assert log.console_errors == []  # a CSP violation would show up here
    assert log.dialogs == [] and log.popups == []
    assert [r for r in log.requests if urlsplit(r).scheme in ("http", "https", "ws", "wss")] == []
    assert log.requests == [url]  # the document itself, nothing else


def assert_chart_text_inside(page) -> int:
    """Every label and value of every bar chart is drawn inside its SVG; returns how many were checked."""
    checked = 0
    for svg in page.locator("svg.bar-chart").all():
        box = svg.bounding_box()
        assert box is not None and box["width"] > 0
        for text in svg.locator("text").all():
            if not text.text_content():
                continue
            inner = text.bounding_box()
            assert inner is not None
            assert box["x"] - 0.5 <= inner["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"] + 0.5, (
                f"{text.text_content()!r} runs outside its chart: {inner} in {box}"
            )
            checked += 1
    return checked


def chart(page, title: str):
    figure = page.locator("figure.chart").filter(has=page.locator(f'figcaption:text-is("{title}")'))
    assert figure.count() == 1, title
    return figure


# ---------------------------------------------------------------- loads offline, cleanly


@pytest.mark.parametrize("name", ["examples", "portfolio"])
def test_dashboard_loads_without_errors_or_network(page, dashboards, save_screenshot, name):
    url = open_page(page, dashboards[name])
    save_screenshot(page, f"portfolio-dashboard-{name}")
    assert_clean(page, url)
    assert page.title().startswith("COE portfolio, ")
    assert page.locator("h1").inner_text() == "Are we learning from our errors?"
    assert page.locator("script").count() == 0
    # The examples have a 28-character category, cut to fit.
    assert assert_chart_text_inside(page) > 40


def test_headline_metrics(page, dashboards):
    open_page(page, dashboards["portfolio"])
    metrics = {
        page.locator(".metric .label").nth(i).text_content(): page.locator(".metric .value").nth(i).text_content()
        for i in range(page.locator(".metric").count())
    }
    assert metrics == {"COEs": "9", "Open actions": "8", "Overdue actions": "2", "Done on time": "5 / 7", "Recurrences": "3"}


def test_tables_show_the_aggregates(page, dashboards):
    open_page(page, dashboards["portfolio"])
    rows = page.locator("#recurrence table tbody tr")
    assert [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())] == [
        ["COE-0003", "COE-0001", "config-change", "checkout"],
        ["COE-0008", "COE-0001", "config-change", "payments-api"],
        ["COE-0008", "COE-0005", "config-change", "search"],
    ]
    overdue = page.locator("#actions table.actions tbody tr")
    assert [overdue.nth(i).locator("td").all_inner_texts() for i in range(overdue.count())] == [
        ["COE-0001", "CA-3", '=HYPERLINK("https://evil.example/x","click me")', "alice", "payments", "2026-09-30"],
        ["COE-0006", "CA-1", "Size the catalog cache from measured peak load.", "", "platform", "2026-10-01"],
    ]
    times = page.locator("#times table tbody tr")
    assert [times.nth(i).locator("td").all_inner_texts() for i in range(times.count())] == [
        ["2026-Q1", "4", "25m", "40m", "1h 45m", "4h"],
        ["2026-Q2", "3", "15m", "1h 40m", "45m", "10h"],
        ["2026-Q3", "1", "7m", "7m", "n/a", "n/a"],
    ]
    assert page.locator("#coes table tbody tr").count() == 9


# ---------------------------------------------------------------- the SVG bar charts


def test_every_chart_is_drawn_with_its_bars(page, dashboards):
    open_page(page, dashboards["portfolio"])
    assert page.locator("svg.bar-chart").count() == len(PORTFOLIO_CHARTS)
    for title, bars in PORTFOLIO_CHARTS.items():
        svg = chart(page, title).locator("svg.bar-chart")
        assert svg.is_visible(), title
        box = svg.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 20, (title, box)
        rects = svg.locator("rect.bar")
        assert rects.count() == len(bars), title
        assert svg.locator("rect.bar > title").all_text_contents() == bars
        for index in range(rects.count()):
            rect = rects.nth(index).bounding_box()
            assert rect is not None and rect["width"] > 0 and rect["height"] > 0, (title, index)
            assert box["x"] <= rect["x"] and rect["x"] + rect["width"] <= box["x"] + box["width"] + 0.5, (title, index)
        for label in svg.locator("text").all():
            label_box = label.bounding_box()
            assert label_box is not None, title
            assert box["x"] - 0.5 <= label_box["x"] and label_box["x"] + label_box["width"] <= box["x"] + box["width"] + 0.5, (
                f"{title}: {label.text_content()!r} is cut off"
            )


def test_bar_lengths_are_proportional(page, dashboards):
    open_page(page, dashboards["portfolio"])
    widths = [r.bounding_box()["width"] for r in chart(page, "COEs by severity").locator("rect.bar").all()]
    # 1, 3, 3, 1, 1: the longest bars are the 3s, the others a third of them.
    assert widths[1] == pytest.approx(widths[2])
    for index in (0, 3, 4):
        assert widths[index] == pytest.approx(widths[1] / 3, rel=0.02)


def test_examples_severity_chart_has_five_bars(page, dashboards):
    open_page(page, dashboards["examples"])
    severity = chart(page, "COEs by severity").locator("svg.bar-chart")
    assert severity.is_visible()
    assert severity.locator("rect.bar").count() == 5
    assert severity.locator("rect.bar > title").all_text_contents() == ["SEV1: 0", "SEV2: 2", "SEV3: 2", "SEV4: 0", "SEV5: 0"]
    # No overdue action on 2026-10-15 in the examples: that chart says so instead.
    assert chart(page, "Overdue actions by owner").locator("svg").count() == 0
    assert chart(page, "Overdue actions by owner").inner_text().endswith("No data.")
    labels = chart(page, "Root-cause categories").locator("text.bar-label").all_text_contents()
    assert labels[1:] == ["change-management", "config-change", "escalation-gap"]
    assert labels[0].startswith("agent-vetting-and-") and labels[0].endswith("…")
    titles = chart(page, "Root-cause categories").locator("rect.bar > title").all_text_contents()
    assert titles[0] == "agent-vetting-and-monitoring: 1"  # the tooltip has it in full


WIDE_LABELS = [
    "PAYMENTS-GATEWAY-EU-WEST-1",
    "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMM",
    "012345678901234567890123456789",
    "数据库连接池耗尽导致结账失败并且重试风暴扩大了影响",
    "WWW WWW WWW WWW WWW WWW",
    "short",
]


def test_long_and_wide_labels_stay_inside_the_chart(page, tmp_path):
    directory = tmp_path / "coes"
    directory.mkdir()
    data = {"format": 1, "id": "COE-0001", "title": "t", "status": "draft", "severity": "SEV3",
            "services": WIDE_LABELS, "root_cause": {"category": WIDE_LABELS[0] * 2}}
    (directory / "c.yaml").write_text(json.dumps(data), encoding="utf-8")
    url = open_page(page, report_html(directory, tmp_path / "wide.html"))
    assert_clean(page, url)
    services = chart(page, "Services with the most COEs")
    assert services.locator("rect.bar").count() == len(WIDE_LABELS)
    assert assert_chart_text_inside(page) >= 2 * len(WIDE_LABELS)
    drawn = services.locator("text.bar-label").all_text_contents()
    assert "short" in drawn  # short labels are drawn as they are
    assert sum(label.endswith("…") for label in drawn) == len(WIDE_LABELS) - 1
    # The tooltips keep every label in full.
    assert [title.rsplit(": ", 1)[0] for title in services.locator("rect.bar > title").all_text_contents()] == sorted(WIDE_LABELS)


# ---------------------------------------------------------------- printing


LAYOUT = """() => {
  const tables = Array.from(document.querySelectorAll('table')).map(t => ({
    where: (t.closest('section') || document.body).id + ' ' + t.className,
    width: t.scrollWidth, room: t.parentElement.clientWidth}));
  const charts = Array.from(document.querySelectorAll('svg.bar-chart')).map(s => ({
    width: s.getBoundingClientRect().width, room: s.parentElement.clientWidth}));
  return {page: document.documentElement.scrollWidth, viewport: window.innerWidth, tables, charts};
}"""


def pdf_page_count(pdf: bytes) -> int:
    assert pdf.startswith(b"%PDF-")
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("name", ["examples", "portfolio"])
def test_dashboard_prints_within_the_paper(page, dashboards, name, paper):
    open_page(page, dashboards[name])
    width = PAPERS[paper]
    page.set_viewport_size({"width": width, "height": 1000})
    page.emulate_media(media="print")
    layout = page.evaluate(LAYOUT)
    assert layout["viewport"] == width
    assert len(layout["tables"]) >= 4
    for table in layout["tables"]:
        assert table["width"] <= table["room"], f"{paper}: table in {table['where']} is {table['width']}px wide in {table['room']}px"
    for svg in layout["charts"]:
        assert 0 < svg["width"] <= svg["room"] + 0.5, svg
    assert layout["page"] <= width, f"{paper}: the page scrolls sideways ({layout['page']}px > {width}px)"
    pages = pdf_page_count(page.pdf(format=paper))
    assert 1 <= pages <= 20, pages


# ---------------------------------------------------------------- broken input and hostile text


def test_skipped_file_is_shown_in_a_warning(page, tmp_path):
    directory = tmp_path / "coes"
    shutil.copytree(PORTFOLIO, directory)
    (directory / "COE-0099-broken.yaml").write_text("format: 1\nid: COE-0099\ntitle: [never closed\n", encoding="utf-8")
    target = tmp_path / "broken.html"
    result = CliRunner().invoke(app, ["report", str(directory), "-o", str(target), "--today", TODAY])
    assert result.exit_code == 1
    url = open_page(page, target)
    assert_clean(page, url)
    warning = page.locator(".warning-box")
    assert warning.is_visible()
    text = warning.inner_text()
    assert text.startswith("1 file(s) could not be read and are left out:")
    assert "COE-0099-broken.yaml:" in text and ": syntax: " in text
    assert page.locator(".metric .value").first.inner_text() == "9"


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def test_hostile_text_in_the_dashboard_runs_nothing(page, tmp_path, save_screenshot):
    directory = tmp_path / "coes"
    directory.mkdir()
    for n in (1, 2):
        data = {
            "format": 1, "id": f"COE-000{n}", "title": f"{SCRIPT} {IMG}", "status": "draft", "severity": "SEV1",
            "owner_team": IMG, "services": [SCRIPT, "</text></svg>" + IMG],
            "incident": {"started_at": f"2026-0{n}-01T00:00:00Z", "detected_at": f"2026-0{n}-01T00:10:00Z"},
            "root_cause": {"category": f"</title>{IMG}"},
            "corrective_actions": [
                {"id": "CA-1", "action": SCRIPT, "owner": IMG, "due": "2026-01-15", "status": "done" if n == 1 else "open",
                 "kind": "prevent", "done_on": "2026-01-10" if n == 1 else None},
            ],
        }
        (directory / f"c{n}.yaml").write_text(json.dumps(data), encoding="utf-8")
    target = report_html(directory, tmp_path / "hostile.html")
    url = open_page(page, target)
    page.wait_for_timeout(300)
    for rect in page.locator("rect.bar").all():
        if rect.is_visible():  # a zero-length bar is not
            rect.hover()
    save_screenshot(page, "portfolio-dashboard-hostile")
    assert_clean(page, url)
    active = page.evaluate("() => document.querySelectorAll('script, img, iframe, object, embed, form, svg:not(.bar-chart)').length")
    assert active == 0
    handlers = page.evaluate(
        "() => Array.from(document.querySelectorAll('*')).flatMap(el => el.getAttributeNames().filter(n => n.startsWith('on')))"
    )
    assert handlers == []
    # Shown as text: the recurrence (COE-0002 after COE-0001) and the overdue action.
    assert page.locator("#recurrence tbody td").nth(2).inner_text() == f"</title>{IMG}"
    assert page.locator("#actions table.actions tbody td").nth(2).inner_text() == SCRIPT
