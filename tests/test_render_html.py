"""`coe render -f html`: a self-contained page, escaped user text, only http(s) links.

The output is parsed with html.parser into a small element tree; checks look
at elements and attributes, not at substrings that a layout change would move.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from documents import coe_from, load_example

from coe.document.model import QUESTIONS, Severity, Status
from coe.render.renderer import Renderer

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("COE-*.yaml"))
TODAY = dt.date(2026, 7, 1)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [el for el in self.iter() if el.tag == tag and (cls is None or cls in el.classes)]

    def find(self, tag: str, cls: str | None = None) -> Element:
        found = self.find_all(tag, cls)
        assert len(found) == 1, f"{len(found)} <{tag} class={cls}>"
        return found[0]

    def by_id(self, ident: str) -> Element | None:
        return next((el for el in self.iter() if el.attrs.get("id") == ident), None)


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {}, None)
        self.start_tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.start_tags.append((tag, element.attrs))
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.start_tags.append((tag, element.attrs))
        self.current.children.append(element)

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder


def render(coe, today: dt.date = TODAY) -> str:
    return Renderer("html").render(coe, today)


def squash(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- self-contained


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_report_is_self_contained(path):
    html = render(load_example(path))
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<link" not in lowered
    assert "@import" not in lowered
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", lowered)
    assert not re.search(r"\bsrc\s*=\s*['\"]?\s*(https?:)?//", lowered)
    tree = parse(html)
    for tag, attrs in tree.start_tags:
        assert tag not in ("script", "link", "iframe", "object", "embed", "img", "base", "form"), tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert "src" not in attrs and "srcset" not in attrs, (tag, attrs)
    # The only external references are the evidence and ticket links.
    hrefs = [attrs["href"] for tag, attrs in tree.start_tags if "href" in attrs]
    assert all(tag == "a" for tag, attrs in tree.start_tags if "href" in attrs)
    assert hrefs and all(urlsplit(href).scheme in ("http", "https") for href in hrefs)
    csp = [attrs for tag, attrs in tree.start_tags if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0]["content"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_sections_answer_the_seven_questions_in_order(path):
    coe = load_example(path)
    tree = parse(render(coe)).root
    h2 = [squash(el.text()) for el in tree.find_all("h2")]
    expected = [f"{number}.{question}" for number, (_, question) in enumerate(QUESTIONS, start=1)]
    assert h2[:7] == expected
    assert squash(tree.find("h1").text()) == coe.title
    assert squash(tree.find("head").find("title").text()) == f"{coe.id}: {coe.title}"


# ---------------------------------------------------------------- escaping


HOSTILE = {
    "title": f'{SCRIPT} "quoted" & {IMG}',
    "owner_team": SCRIPT,
    "services": [IMG],
    "authors": ['"><script>alert(1)</script>'],
    "what_happened": {
        "summary": f"{SCRIPT}\n{IMG}",
        "timeline": [{"at": "2026-01-01T00:00:00Z", "event": SCRIPT}, {"event": f"</title></circle></svg>{IMG}"}],
    },
    "impact": {"customers": IMG, "metrics": [{"name": SCRIPT, "value": 1, "unit": IMG}]},
    "response": {"detection": "</dd></dl><script>alert(1)</script>"},
    "root_cause": {"summary": SCRIPT, "category": IMG, "five_whys": [{"why": SCRIPT, "because": "</td></tr></table>" + IMG}]},
    "supporting_data": [
        {"description": SCRIPT, "link": "javascript:alert(1)"},
        {"description": IMG, "link": 'https://ok.example/"onmouseover="alert(1)'},
    ],
    "implications": {"security": "<iframe src=https://evil.example>"},
    "lessons_learned": [SCRIPT],
    "corrective_actions": [{"id": "CA-1", "action": SCRIPT, "owner": IMG, "ticket": "javascript:alert(1)"}],
    "related": [SCRIPT],
    "x_html": IMG,
    "x_nested": {"k": SCRIPT},
}


def test_hostile_text_is_escaped():
    html = render(coe_from(HOSTILE))
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<iframe" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    tree = parse(html)
    tags = {tag for tag, _ in tree.start_tags}
    assert not tags & {"script", "img", "iframe"}
    assert not [attrs for _, attrs in tree.start_tags if any(name.startswith("on") for name in attrs)]
    root = tree.root
    assert squash(root.find("h1").text()) == f'{SCRIPT} "quoted" & {IMG}'
    assert squash(root.find("head").find("title").text()) == f'COE-0666: {SCRIPT} "quoted" & {IMG}'
    # Text that tried to close the SVG and the tables is still inside them.
    assert len(root.find_all("circle", "mark")) == 2
    assert squash(root.find_all("circle", "mark")[1].text()) == f": </title></circle></svg>{IMG}"
    whys = root.find("table", "whys").find_all("td")
    assert [squash(td.text()) for td in whys] == ["1", SCRIPT, "</td></tr></table>" + IMG]
    custom = root.by_id("additional-fields").find_all("td")
    assert [squash(td.text()) for td in custom] == ["x_html", IMG, "x_nested", json.dumps({"k": SCRIPT})]


@pytest.mark.parametrize(
    ("payload", "linked"),
    [
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("\tjavascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("javascript://ok.example/%0Aalert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", False),
        ("vbscript:msgbox(1)", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("http:no-host", False),
        ("mailto:a@example.com", False),
        ("http://ok.example/x", True),
        ("https://ok.example/x?a=1&b=2", True),
        ("HTTPS://ok.example/upper", True),
    ],
)
def test_only_http_and_https_links_become_hrefs(payload, linked):
    coe = coe_from({
        "supporting_data": [{"description": "evidence", "link": payload}],
        "corrective_actions": [{"id": "CA-1", "action": "act", "ticket": payload}],
    })
    tree = parse(render(coe))
    anchors = tree.root.find_all("a")
    hrefs = [a.attrs.get("href") for a in anchors]
    if linked:
        assert hrefs == [payload, payload]
        assert [squash(a.text()) for a in anchors] == ["evidence", "act"]
        assert all(a.attrs.get("rel") == "noopener noreferrer" for a in anchors)
    else:
        assert hrefs == []
        assert not [attrs for _, attrs in tree.start_tags if "href" in attrs]


# ---------------------------------------------------------------- timeline, badges, overdue, custom fields


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_svg_timeline_has_one_mark_per_event(path):
    coe = load_example(path)
    events = coe.what_happened.timeline
    root = parse(render(coe)).root
    svg = root.find("svg", "timeline-chart")
    marks = svg.find_all("circle", "mark")
    assert len(marks) == len(events)
    assert [squash(mark.text()).split(": ", 1)[1] for mark in marks] == [squash(event.event) for event in events]
    xs = [float(mark.attrs["cx"]) for mark in marks]
    assert all(30 <= x <= 970 for x in xs)
    assert xs == sorted(xs)  # the examples' events are in time order
    assert min(xs) == 30 and max(xs) == 970
    rows = root.find("table", "timeline").find("tbody").find_all("tr")
    assert len(rows) == len(events)


def test_svg_timeline_places_marks_by_time():
    coe = coe_from({"what_happened": {"timeline": [
        {"at": "2026-01-01T00:00:00Z", "event": "a"},
        {"at": "2026-01-01T00:15:00Z", "event": "b"},
        {"at": "2026-01-01T01:00:00Z", "event": "c"},
    ]}})
    marks = parse(render(coe)).root.find("svg", "timeline-chart").find_all("circle", "mark")
    assert [float(mark.attrs["cx"]) for mark in marks] == [30.0, 265.0, 970.0]


def test_no_timeline_means_no_chart():
    root = parse(render(coe_from({}))).root
    assert root.find_all("svg") == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_severity_and_status_badges(path):
    coe = load_example(path)
    badges = parse(render(coe)).root.find("div", "badges").find_all("span", "badge")
    by_title = {badge.attrs["title"]: badge for badge in badges}
    assert by_title["Severity"].classes == ["badge", f"sev-{coe.severity.value}"]
    assert squash(by_title["Severity"].text()) == coe.severity.value
    assert by_title["Status"].classes == ["badge", f"status-{coe.status.value}"]
    assert squash(by_title["Status"].text()) == coe.status.value


def test_every_severity_and_status_has_a_badge_style():
    html = render(coe_from({}))
    style = parse(html).root.find("style").text()
    for value in [f"sev-{s.value}" for s in Severity] + [f"status-{s.value}" for s in Status]:
        assert re.search(rf"\.{re.escape(value)}\s*\{{[^}}]*background", style), value
    for severity in Severity:
        for status in Status:
            coe = coe_from({"severity": severity.value, "status": status.value})
            classes = [badge.classes for badge in parse(render(coe)).root.find_all("span", "badge")]
            assert classes == [["badge", f"sev-{severity.value}"], ["badge", f"status-{status.value}"]]


def overdue_ids(html: str) -> list[str]:
    rows = parse(html).root.find("table", "actions").find("tbody").find_all("tr")
    return [squash(row.find_all("td")[0].text()) for row in rows if "overdue" in row.classes]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
@pytest.mark.parametrize("today", [dt.date(2026, 1, 1), dt.date(2026, 9, 20), dt.date(2027, 6, 1)])
def test_overdue_actions_are_marked(path, today):
    coe = load_example(path)
    expected = [
        action.id
        for action in coe.corrective_actions
        if action.status.value in ("open", "in-progress") and action.due and action.due < today
    ]
    html = render(coe, today)
    assert overdue_ids(html) == expected
    status_cells = [squash(row.find("td", "status").text()) for row in parse(html).root.find("table", "actions").find_all("tr", "overdue")]
    assert all(cell.endswith("(overdue)") for cell in status_cells)


def test_overdue_depends_on_today_and_status():
    coe = coe_from({"corrective_actions": [
        {"id": "CA-1", "due": "2026-03-01", "status": "open"},
        {"id": "CA-2", "due": "2026-03-01", "status": "in-progress"},
        {"id": "CA-3", "due": "2026-03-01", "status": "done", "done_on": "2026-04-01"},
        {"id": "CA-4", "due": "2026-03-01", "status": "wont-do"},
        {"id": "CA-5", "due": "2026-03-02", "status": "open"},
        {"id": "CA-6", "status": "open"},
    ]})
    assert overdue_ids(render(coe, dt.date(2026, 3, 1))) == []
    assert overdue_ids(render(coe, dt.date(2026, 3, 2))) == ["CA-1", "CA-2"]
    assert overdue_ids(render(coe, dt.date(2026, 3, 3))) == ["CA-1", "CA-2", "CA-5"]
    metric = parse(render(coe, dt.date(2026, 3, 3))).root.find_all("div", "metric")[3]
    assert [squash(span.text()) for span in metric.find_all("span")] == ["Open actions", "4 (3 overdue)"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_custom_fields_are_in_additional_fields(path):
    coe = load_example(path)
    assert coe.x_fields, "every example has x_ fields"
    section = parse(render(coe)).root.by_id("additional-fields")
    assert section is not None
    assert squash(section.find("h2").text()) == "Additional fields"
    cells = [[squash(td.text()) for td in row.find_all("td")] for row in section.find("tbody").find_all("tr")]
    assert cells == [[name, str(value)] for name, value in coe.x_fields.items()]


def test_no_custom_fields_means_no_additional_fields_section():
    root = parse(render(coe_from({}))).root
    assert root.by_id("additional-fields") is None
    assert "Additional fields" not in root.text()
