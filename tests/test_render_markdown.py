"""`coe render -f markdown`: the report parses as the Markdown it claims to be.

Every check parses the output with markdown-it (CommonMark plus GFM tables,
raw HTML enabled) and looks at the token stream, so user text that escapes
its table cell, paragraph or heading shows up as a structural difference.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from documents import coe_from, load_example
from markdown_it import MarkdownIt

from coe.document.model import QUESTIONS
from coe.render.renderer import Renderer

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("COE-*.yaml"))
TODAY = dt.date(2026, 7, 1)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TIMELINE_HEADER = ["Time", "Event"]
ACTIONS_HEADER = ["ID", "Action", "Owner", "Due", "Priority", "Kind", "Status"]
METRICS_HEADER = ["Metric", "Value", "Unit"]


def parser(*, any_link: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    if any_link:
        # markdown-it refuses javascript: links by itself; accept everything so
        # that only the report's own escaping decides what becomes a link.
        md.validateLink = lambda url: True
    return md


def render(coe, today: dt.date = TODAY) -> str:
    return Renderer("markdown").render(coe, today)


def inline_text(token) -> str:
    """The text a reader sees in one inline token; <br> and breaks as newlines."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (child.type == "html_inline" and child.content == "<br>"):
            parts.append("\n")
    return "".join(parts)


def headings(tokens, tag: str) -> list[str]:
    return [inline_text(tokens[i + 1]) for i, token in enumerate(tokens) if token.type == "heading_open" and token.tag == tag]


def tables(tokens) -> list[dict]:
    """Each table as {"header": [...], "rows": [[...], ...]} of cell texts."""
    found, row, header_row = [], [], False
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            found.append({"header": None, "rows": []})
        elif token.type == "tr_open":
            row, header_row = [], False
        elif token.type in ("th_open", "td_open"):
            row.append(inline_text(tokens[index + 1]))
            header_row = token.type == "th_open"
        elif token.type == "tr_close":
            if header_row:
                found[-1]["header"] = row
            else:
                found[-1]["rows"].append(row)
    return found


def table_with_header(tokens, header: list[str]) -> dict:
    matching = [table for table in tables(tokens) if table["header"] == header]
    assert len(matching) == 1, [table["header"] for table in tables(tokens)]
    return matching[0]


def link_targets(tokens) -> list[str]:
    return [
        child.attrGet("href")
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "link_open"
    ]


def all_children(tokens):
    for token in tokens:
        yield token
        yield from token.children or []


def human(delta: dt.timedelta) -> str:
    """How the report writes a duration, computed here independently."""
    total = int(delta.total_seconds()) // 60
    days, hours, minutes = total // 1440, total % 1440 // 60, total % 60
    parts = [f"{days}d"] * bool(days) + [f"{hours}h"] * bool(hours) + [f"{minutes}m"] * bool(minutes or not (days or hours))
    return " ".join(parts)


# ---------------------------------------------------------------- examples


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_seven_questions_are_h2_headings_in_order(path):
    coe = load_example(path)
    tokens = parser().parse(render(coe))
    expected = [f"{number}. {question}" for number, (_, question) in enumerate(QUESTIONS, start=1)]
    if coe.x_fields:
        expected.append("Additional fields")
    assert headings(tokens, "h2") == expected
    assert headings(tokens, "h1") == [f"{coe.id}: {coe.title}"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_timeline_is_a_table_with_one_row_per_event(path):
    coe = load_example(path)
    events = coe.what_happened.timeline
    assert events, "every example has a timeline"
    table = table_with_header(parser().parse(render(coe)), TIMELINE_HEADER)
    assert len(table["rows"]) == len(events)
    for row, event in zip(table["rows"], events):
        assert len(row) == 2
        assert row[0].startswith(event.at.strftime("%Y-%m-%d %H:%M"))
        assert row[1] == event.event.strip()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_corrective_actions_are_a_table_with_one_row_per_action(path):
    coe = load_example(path)
    table = table_with_header(parser().parse(render(coe)), ACTIONS_HEADER)
    assert [row[0] for row in table["rows"]] == [action.id for action in coe.corrective_actions]
    for row, action in zip(table["rows"], coe.corrective_actions):
        assert len(row) == len(ACTIONS_HEADER)
        assert row[1] == action.action.strip()
        assert row[2] == action.owner
        assert row[3] == (action.due.isoformat() if action.due else "")
        assert row[6].startswith(action.status.value)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_metrics_table_lists_every_metric(path):
    coe = load_example(path)
    table = table_with_header(parser().parse(render(coe)), METRICS_HEADER)
    assert [row[0] for row in table["rows"]] == [metric.name for metric in coe.impact.metrics]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name[:8])
def test_header_durations_are_computed_from_the_incident_times(path):
    coe = load_example(path)
    incident = coe.incident
    table = table_with_header(parser().parse(render(coe)), ["Time to detect", "Time to mitigate", "Duration"])
    assert table["rows"] == [
        [
            human(incident.detected_at - incident.started_at),
            human(incident.mitigated_at - incident.started_at),
            human(incident.resolved_at - incident.started_at),
        ]
    ]


def test_coe_0001_header_values_by_hand():
    # started 14:02, detected 14:09, mitigated 14:40, resolved 15:25 (all UTC).
    coe = load_example(EXAMPLES[0])
    assert coe.id == "COE-0001"
    table = table_with_header(parser().parse(render(coe)), ["Time to detect", "Time to mitigate", "Duration"])
    assert table["rows"] == [["7m", "38m", "1h 23m"]]


def test_durations_across_days_and_time_zones():
    coe = coe_from({"incident": {
        "started_at": "2026-06-09T10:14:00-04:00",   # 14:14 UTC
        "detected_at": "2026-06-11T09:02:00-04:00",  # 1d 22h 48m later
        "mitigated_at": "2026-06-09T15:14:00Z",      # another zone: 1h later
    }})
    table = table_with_header(parser().parse(render(coe)), ["Time to detect", "Time to mitigate", "Duration"])
    assert table["rows"] == [["1d 22h 48m", "1h", "n/a"]]


def test_event_times_show_their_offset_from_utc():
    coe = coe_from({"what_happened": {"timeline": [
        {"at": "2026-01-01T10:00:00Z", "event": "zulu"},
        {"at": "2026-01-01T10:00:00+00:00", "event": "plus zero"},
        {"at": "2026-01-01T10:00:00-04:00", "event": "new york"},
        {"at": "2026-01-01T10:00:00+05:30", "event": "india"},
        {"event": "no time"},
    ]}})
    rows = table_with_header(parser().parse(render(coe)), TIMELINE_HEADER)["rows"]
    assert [row[0] for row in rows] == [
        "2026-01-01 10:00 UTC",
        "2026-01-01 10:00 UTC",
        "2026-01-01 10:00 UTC-04:00",
        "2026-01-01 10:00 UTC+05:30",
        "",
    ]


def test_overdue_open_action_is_marked():
    coe = coe_from({"corrective_actions": [
        {"id": "CA-1", "action": "late", "due": "2026-01-01", "status": "open"},
        {"id": "CA-2", "action": "on time", "due": "2026-12-01", "status": "open"},
        {"id": "CA-3", "action": "done", "due": "2026-01-01", "status": "done"},
    ]})
    rows = table_with_header(parser().parse(render(coe, dt.date(2026, 6, 1))), ACTIONS_HEADER)["rows"]
    assert [row[6] for row in rows] == ["open (overdue)", "open", "done"]


# ---------------------------------------------------------------- hostile text


def test_pipes_and_newlines_stay_inside_their_table_cells():
    coe = coe_from({
        "what_happened": {"timeline": [
            {"at": "2026-01-01T00:00:00Z", "event": "a | b\nc || d"},
            {"at": "2026-01-01T00:05:00Z", "event": "trailing pipe |"},
            {"event": "| leading pipe\r\n\nand a blank line"},
        ]},
        "impact": {"metrics": [{"name": "m | n\nsecond", "value": 1.5, "unit": "u|v"}]},
        "corrective_actions": [
            {"id": "CA-1", "action": "do | it\nnow", "owner": "x|y", "ticket": "https://t.example/a|b"},
            {"id": "CA-2", "action": "plain \\| backslash-pipe", "ticket": "not a url | at all"},
        ],
        "x_notes": "one | two\nthree",
    })
    tokens = parser().parse(render(coe))

    timeline = table_with_header(tokens, TIMELINE_HEADER)
    assert [len(row) for row in timeline["rows"]] == [2, 2, 2]
    assert [row[1] for row in timeline["rows"]] == ["a | b\nc || d", "trailing pipe |", "| leading pipe\nand a blank line"]

    metrics = table_with_header(tokens, METRICS_HEADER)
    assert metrics["rows"] == [["m | n\nsecond", "1.5", "u|v"]]

    actions = table_with_header(tokens, ACTIONS_HEADER)
    assert [len(row) for row in actions["rows"]] == [7, 7]
    assert actions["rows"][0][1:3] == ["do | it\nnow", "x|y"]
    assert actions["rows"][1][1] == "plain \\| backslash-pipe"
    assert link_targets(tokens) == ["https://t.example/a%7Cb"]

    custom = table_with_header(tokens, ["Field", "Value"])
    assert custom["rows"] == [["x_notes", "one | two\nthree"]]


def test_an_action_with_a_ticket_but_no_text_links_the_ticket():
    coe = coe_from({"corrective_actions": [{"id": "CA-1", "ticket": "https://t.example/PAY-1"}]})
    tokens = parser().parse(render(coe))
    assert table_with_header(tokens, ACTIONS_HEADER)["rows"][0][1] == "https://t.example/PAY-1"
    assert link_targets(tokens) == ["https://t.example/PAY-1"]


HOSTILE = {
    "title": f"{SCRIPT} {IMG}",
    "owner_team": SCRIPT,
    "services": [IMG],
    "what_happened": {
        "summary": f"{SCRIPT}\n<div>\n{IMG}\n</div>",
        "timeline": [{"at": "2026-01-01T00:00:00Z", "event": SCRIPT}, {"event": IMG}],
    },
    "impact": {"customers": IMG, "metrics": [{"name": SCRIPT, "value": 1, "unit": IMG}]},
    "response": {"detection": "<!-- comment -->", "diagnosis": "<?php x ?>", "mitigation": "<![CDATA[x]]>"},
    "root_cause": {"summary": SCRIPT, "category": IMG, "five_whys": [{"why": SCRIPT, "because": IMG}]},
    "supporting_data": [{"description": SCRIPT, "link": "https://ok.example/"}, {"description": IMG}],
    "implications": {"security": "<iframe src=https://evil.example>"},
    "lessons_learned": [SCRIPT, IMG],
    "corrective_actions": [{"id": "CA-1", "action": SCRIPT, "owner": IMG}],
    "related": [SCRIPT],
    "x_html": IMG,
}


def test_raw_html_in_user_text_is_escaped():
    text = render(coe_from(HOSTILE))
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert "<iframe" not in text.lower()
    assert "<div" not in text.lower()
    assert "<!--" not in text
    tokens = parser().parse(text)
    raw = [token.content for token in all_children(tokens) if token.type in ("html_inline", "html_block")]
    assert set(raw) <= {"<br>"}, raw  # the report's own line breaks in cells are the only HTML
    # ... and the reader still sees the text that was written.
    shown = [inline_text(token) for token in tokens if token.type == "inline"]
    assert sum(SCRIPT in line for line in shown) >= 10
    assert sum(IMG in line for line in shown) >= 8
    rendered = parser().render(text)
    assert "<script" not in rendered and "<img" not in rendered and "<iframe" not in rendered


@pytest.mark.parametrize(
    "title",
    ["# Heading injection", "## two\n# lines", "first line\nsecond line", "title\n===", "title\n---", "- list", "1. item", "> quote", "```"],
)
def test_title_stays_in_the_h1(title):
    tokens = parser().parse(render(coe_from({"title": title})))
    expected = "\n".join(line.strip() for line in title.splitlines())
    assert headings(tokens, "h1") == [f"COE-0666: {expected}"]
    assert len(headings(tokens, "h2")) == len(QUESTIONS)
    assert not [token for token in tokens if token.type in ("fence", "code_block", "hr", "blockquote_open")]


def test_only_http_links_become_links():
    coe = coe_from({
        "supporting_data": [
            {"description": "dashboard", "link": "https://ok.example/d?a=1&b=(2)"},
            {"description": "plain http", "link": "http://ok.example/x"},
            {"description": "script", "link": "javascript:alert(1)"},
            {"description": "mixed case", "link": "JaVaScRiPt:alert(1)"},
            {"description": "data", "link": "data:text/html,<script>alert(1)</script>"},
            {"description": "relative", "link": "/etc/passwd"},
            {"link": "vbscript:msgbox(1)"},
        ],
        "corrective_actions": [
            {"id": "CA-1", "action": "safe", "ticket": "https://t.example/1"},
            {"id": "CA-2", "action": "unsafe", "ticket": "javascript:alert(1)"},
        ],
    })
    text = render(coe)
    tokens = parser(any_link=True).parse(text)
    assert link_targets(tokens) == ["https://ok.example/d?a=1&b=%282%29", "http://ok.example/x", "https://t.example/1"]
    items = [inline_text(tokens[i + 2]) for i, token in enumerate(tokens) if token.type == "list_item_open"]
    assert items[:7] == ["dashboard", "plain http", "script", "mixed case", "data", "relative", "vbscript:msgbox(1)"]


def test_user_paragraphs_cannot_break_out_of_their_paragraph():
    summary = "\n".join([
        "Intro line",
        "```",
        "# not a heading",
        "Setext underline follows",
        "--",
        "1. not a list",
        "- not a list either",
        "> not a quote",
        "| a | b |",
        "|---|---|",
        "![tracker](https://evil.example/pixel.png)",
        "[click](javascript:alert(1)) and [ok](https://ok.example/)",
        "[ref]: https://evil.example/",
        "the `<b>` tag",
        "",
        "    indented after a blank line",
    ])
    coe = coe_from({"what_happened": {"summary": summary}, "impact": {"customers": summary}})
    text = render(coe)
    tokens = parser(any_link=True).parse(text)
    assert len(headings(tokens, "h2")) == len(QUESTIONS)
    assert headings(tokens, "h1") == ["COE-0666: Hostile"]
    assert headings(tokens, "h3") == []
    structural = {"fence", "code_block", "hr", "blockquote_open", "table_open", "bullet_list_open", "ordered_list_open"}
    assert [token.type for token in tokens if token.type in structural] == ["table_open"]  # the header's metrics table
    assert [token for token in all_children(tokens) if token.type in ("image", "link_open", "code_inline")] == []
    paragraphs = [inline_text(tokens[i + 1]) for i, token in enumerate(tokens) if token.type == "paragraph_open"]
    # Each line is still shown, on its own line, with its characters.
    first = next(p for p in paragraphs if p.startswith("Intro line"))
    assert first.split("\n") == summary.split("\n")[:14]
    assert "indented after a blank line" in paragraphs


def test_line_breaks_in_paragraphs_are_kept():
    coe = coe_from({"impact": {"customer_communication": "First.\n- step one\n- step two\n\nNew paragraph."}})
    tokens = parser().parse(render(coe))
    paragraphs = [tokens[i + 1] for i, token in enumerate(tokens) if token.type == "paragraph_open"]
    para = next(p for p in paragraphs if "First." in p.content)
    assert [child.type for child in para.children].count("hardbreak") == 2
    assert inline_text(para) == "Customer communication: First.\n- step one\n- step two"
    assert any(inline_text(p) == "New paragraph." for p in paragraphs)


@pytest.mark.parametrize("lesson", ["---", "- nested", "1. numbered", "+ plus", "* star", "# hash"])
def test_lessons_stay_one_list_item_each(lesson):
    tokens = parser().parse(render(coe_from({"lessons_learned": [lesson, "second"]})))
    items = [inline_text(tokens[i + 2]) for i, token in enumerate(tokens) if token.type == "list_item_open"]
    assert items == [lesson, "second"]
    assert [token.type for token in tokens if token.type in ("hr", "ordered_list_open")] == []
    assert headings(tokens, "h3") == []
    assert len(headings(tokens, "h2")) == len(QUESTIONS)


def test_custom_fields_appear_as_a_table():
    coe = coe_from({"x_region": "eu-west-1", "x_owners": ["a", "b"], "x_meta": {"k": 1}})
    tokens = parser().parse(render(coe))
    assert headings(tokens, "h2")[-1] == "Additional fields"
    rows = table_with_header(tokens, ["Field", "Value"])["rows"]
    assert rows == [["x_region", "eu-west-1"], ["x_owners", '["a", "b"]'], ["x_meta", '{"k": 1}']]
