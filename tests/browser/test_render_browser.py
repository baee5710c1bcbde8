"""The HTML reports in a real Chromium: they load offline without errors, the
timeline is drawn, tables fit the printed page, and hostile text runs nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from coe.cli import app
from coe.document.loader import load

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("COE-*.yaml"))
TODAY = "2026-07-01"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

# Printable width of each paper in CSS px (96 per inch) with the stylesheet's
# `@page { margin: 14mm 12mm }`: 12 mm left and right.
MM = 96 / 25.4
PAPERS = {"A4": round((210 - 2 * 12) * MM), "Letter": round(8.5 * 96 - 2 * 12 * MM)}
# PDF page size in points: A4 is 595.3 x 841.9, Letter 612 x 792.
MEDIA_BOX = {"A4": (595.3, 841.9), "Letter": (612.0, 792.0)}


def render_html(files: list[Path], out: Path) -> None:
    result = CliRunner().invoke(app, ["render", *map(str, files), "-f", "html", "-o", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def reports(tmp_path_factory) -> dict[str, Path]:
    """COE id -> rendered HTML file, for every example."""
    out = tmp_path_factory.mktemp("reports")
    render_html(EXAMPLES, out)
    return {path.stem: path for path in sorted(out.glob("*.html"))}


def example_ids() -> list[str]:
    return [load(path).document.coe.id for path in EXAMPLES]


def events_of(coe_id: str) -> list:
    path = next(path for path in EXAMPLES if path.name.startswith(coe_id))
    return load(path).document.coe.what_happened.timeline


def open_report(page, path: Path) -> str:
    url = path.as_uri()
    page.goto(url, wait_until="load")
    return url


def test_every_example_was_rendered(reports):
    assert sorted(reports) == sorted(example_ids())


# ---------------------------------------------------------------- (1) loads offline, cleanly


@pytest.mark.parametrize("coe_id", example_ids())
def test_report_loads_without_errors_or_network(page, reports, save_screenshot, coe_id):
    url = open_report(page, reports[coe_id])
    save_screenshot(page, coe_id)
    log = page.log
    assert log.page_errors == []
    assert log.console_errors == []  # a CSP violation would show up here
    assert log.dialogs == [] and log.popups == []
    assert [request for request in log.requests if urlsplit(request).scheme in ("http", "https", "ws", "wss")] == []
    assert log.requests == [url]  # the document itself, nothing else
    assert page.title().startswith(f"{coe_id}: ")
    assert page.locator("h2").count() >= 7


def test_set_content_makes_no_requests_either(page, reports):
    html = reports["COE-0001"].read_text(encoding="utf-8")
    page.set_content(html, wait_until="load")
    assert page.log.page_errors == [] and page.log.console_errors == []
    assert [request for request in page.log.requests if not request.startswith(("about:", "data:"))] == []
    assert page.locator("h1").inner_text().startswith("Checkout failures")


# ---------------------------------------------------------------- (2) the SVG timeline


@pytest.mark.parametrize("coe_id", example_ids())
def test_timeline_is_drawn_with_one_visible_mark_per_event(page, reports, coe_id):
    open_report(page, reports[coe_id])
    chart = page.locator("svg.timeline-chart")
    assert chart.count() == 1
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    marks = chart.locator("circle.mark")
    events = events_of(coe_id)
    assert marks.count() == len(events)
    for index in range(len(events)):
        mark = marks.nth(index)
        assert mark.is_visible(), f"mark {index + 1} is not visible"
        mark_box = mark.bounding_box()
        assert mark_box is not None and mark_box["width"] > 0 and mark_box["height"] > 0
        # Drawn inside the chart, not clipped off its edges.
        assert box["x"] <= mark_box["x"] and mark_box["x"] + mark_box["width"] <= box["x"] + box["width"] + 0.5
    # Hovering a mark names its event (the SVG <title>).
    titles = chart.locator("circle.mark > title").all_text_contents()
    assert [title.split(": ", 1)[1] for title in titles] == [" ".join(event.event.split()) for event in events]


# ---------------------------------------------------------------- (3) printing


OVERFLOW = """() => {
  const tables = Array.from(document.querySelectorAll('table')).map(t => ({
    cls: t.className, width: t.scrollWidth, room: t.parentElement.clientWidth}));
  return {page: document.documentElement.scrollWidth, viewport: window.innerWidth, tables};
}"""


def pdf_pages(pdf: bytes, paper: str) -> int:
    """Page count from the PDF itself: page objects, cross-checked with the page tree's /Count."""
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf, re.S)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf, re.S)]
    assert counts and max(counts) == pages, (pages, counts)
    boxes = [[float(v) for v in box.split()] for box in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", pdf)]
    assert boxes, "no /MediaBox"
    for x0, y0, x1, y1 in boxes:  # Chromium rounds to whole points
        assert abs(x1 - x0 - MEDIA_BOX[paper][0]) < 1.5 and abs(y1 - y0 - MEDIA_BOX[paper][1]) < 1.5, (paper, boxes)
    return pages


def assert_fits(page, paper: str) -> None:
    width = PAPERS[paper]
    page.set_viewport_size({"width": width, "height": 1000})
    page.emulate_media(media="print")
    layout = page.evaluate(OVERFLOW)
    assert layout["viewport"] == width
    assert layout["tables"], "the report has tables"
    for table in layout["tables"]:
        assert table["width"] <= table["room"], f"{paper}: table.{table['cls']} is {table['width']}px wide in {table['room']}px"
    assert layout["page"] <= width, f"{paper}: the page scrolls sideways ({layout['page']}px > {width}px)"


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("coe_id", example_ids())
def test_printed_report_fits_the_paper(page, reports, coe_id, paper):
    open_report(page, reports[coe_id])
    assert_fits(page, paper)
    first = pdf_pages(page.pdf(format=paper), paper)
    again = pdf_pages(page.pdf(format=paper), paper)
    assert first == again
    assert 2 <= first <= 12, f"{coe_id} on {paper}: {first} pages"


def test_coe_0003_page_counts_are_plausible(page, reports):
    open_report(page, reports["COE-0003"])
    counts = {paper: pdf_pages(page.pdf(format=paper), paper) for paper in PAPERS}
    assert all(3 <= count <= 12 for count in counts.values()), counts


def test_long_unbroken_text_does_not_push_tables_off_the_page(page, tmp_path, write):
    word = "x" * 400
    url = "https://example.com/" + "a" * 300
    data = {
        "format": 1, "id": "COE-0777", "title": word, "status": "draft", "severity": "SEV2", "owner_team": word,
        "services": [word], "what_happened": {"summary": word, "timeline": [
            {"at": "2026-01-01T00:00:00Z", "event": word}, {"at": "2026-01-01T00:10:00Z", "event": url}]},
        "impact": {"metrics": [{"name": word, "value": 123456789012, "unit": word}]},
        "root_cause": {"five_whys": [{"why": word, "because": url}]},
        "supporting_data": [{"link": url}],
        "corrective_actions": [{"id": "CA-1", "action": word, "owner": word, "ticket": url, "status": "in-progress"}],
        "x_blob": word,
    }
    source = write(json.dumps(data), "long.yaml")
    render_html([source], tmp_path / "long.html")
    open_report(page, tmp_path / "long.html")
    for paper in PAPERS:
        assert_fits(page, paper)


# ---------------------------------------------------------------- (4) hostile text


HOSTILE = {
    "format": 1,
    "id": "COE-0666",
    "title": f"{SCRIPT} {IMG}",
    "status": "draft",
    "severity": "SEV1",
    "owner_team": SCRIPT,
    "what_happened": {
        "summary": f"{SCRIPT}\n{IMG}\n<svg onload=alert(1)>",
        "timeline": [
            {"at": "2026-01-01T00:00:00Z", "event": SCRIPT},
            {"at": "2026-01-01T00:05:00Z", "event": f"</title></circle></svg>{IMG}"},
        ],
    },
    "impact": {"customers": IMG, "metrics": [{"name": SCRIPT, "value": 1, "unit": IMG}]},
    "root_cause": {"summary": "<iframe src=javascript:alert(1)></iframe>", "five_whys": [{"why": SCRIPT, "because": IMG}]},
    "supporting_data": [
        {"description": "click me", "link": "javascript:alert(1)"},
        {"description": "and me", "link": "JaVaScRiPt:alert(1)"},
        {"description": "data", "link": "data:text/html,<script>alert(1)</script>"},
        {"description": "dashboard", "link": "https://ok.example/dashboard"},
    ],
    "lessons_learned": [SCRIPT],
    "corrective_actions": [
        {"id": "CA-1", "action": SCRIPT, "ticket": "javascript:alert(1)", "status": "open"},
        {"id": "CA-2", "action": IMG, "ticket": " javascript:alert(1)", "status": "open"},
        {"id": "CA-3", "action": "safe ticket", "ticket": "https://tickets.example/CA-3", "status": "open"},
    ],
    "x_html": IMG,
}


def test_hostile_report_runs_nothing_and_links_only_http(page, tmp_path, write, save_screenshot):
    source = write(json.dumps(HOSTILE), "hostile.yaml")
    target = tmp_path / "hostile.html"
    render_html([source], target)
    url = open_report(page, target)
    page.wait_for_timeout(500)  # give any injected handler a chance to fire
    for link in page.locator("a[href]").all():
        link.hover()  # onmouseover-style payloads
    save_screenshot(page, "COE-0666-hostile")
    log = page.log
    assert log.dialogs == []
    assert log.page_errors == [] and log.console_errors == []
    assert log.requests == [url]
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    assert sorted(hrefs) == ["https://ok.example/dashboard", "https://tickets.example/CA-3"]
    assert all(urlsplit(href).scheme in ("http", "https") for href in hrefs)
    active = page.evaluate(
        "() => document.querySelectorAll('script, img, iframe, object, embed, form, svg:not(.timeline-chart)').length"
    )
    assert active == 0
    handlers = page.evaluate(
        "() => Array.from(document.querySelectorAll('*')).flatMap(el => el.getAttributeNames().filter(n => n.startsWith('on')))"
    )
    assert handlers == []
    # The text is shown as written.
    assert page.locator("h1").inner_text() == f"{SCRIPT} {IMG}"
    assert page.locator("svg.timeline-chart circle.mark").count() == 2
    assert "javascript:alert(1)" in page.locator("#supporting-data").inner_text()
