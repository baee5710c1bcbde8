"""Hostile text in every text field must stay text in every report.

A COE is drawn with HTML, JavaScript and Markdown payloads in each free-text
field (nested actions, timeline entries, lists, links, ``x_*`` fields) and
rendered next to its benign twin: the same COE with each distinct text
replaced by a plain word. User text may change what a reader sees, never the
document's structure, so the two renders must have the same elements (HTML)
or the same blocks, rows and cells (Markdown), and the hostile one must have
no event-handler attribute and no script, data or vbscript URL.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from coe.cli import app
from coe.document.model import COESchema
from coe.render.renderer import Renderer

try:  # tests/fuzz is a package once it has an __init__.py
    from .strategies import benign_twin, coe_data, dump_yaml, fuzz_settings
except ImportError:
    from strategies import benign_twin, coe_data, dump_yaml, fuzz_settings

TODAY = dt.date(2026, 7, 1)
PAYLOADS = (
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<scr<script>ipt>",
    "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>x</a>", "<math><mi xlink:href=javascript:alert(1)>x",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "\x01javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
    '" onmouseover="alert(1)', "' onmouseover='alert(1)", " onfocus=alert(1) autofocus ", '"><b>',
    "</style><script>alert(1)</script>", "</title><script>alert(1)</script>", "</textarea>", "</svg>",
    "</td></tr></table>", "</dd></dl>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml", "<!DOCTYPE x>",
    "&lt;script&gt;", "&#60;script&#62;", "&#x6a;avascript:", "&amp;", "&", "<", ">", '"', "'", "<br>",
    "https://ok.example/", "https://ok.example/\" onmouseover=\"alert(1)", "http://ok.example/<script>",
    "https://ok.example/a)b(c", "https://ok.example/a|b`c", "https://ok.example/ x", "//evil.example",
    "[x](javascript:alert(1))", "![x](https://evil.example/x.png)", "<https://evil.example>", "[x]: /u",
    "`code`", "```", "~~~", "| a | b |", "|", "a | b\n--- | ---", "a | b\n:-- | --:", "# heading",
    "\n# heading", "\n\n- item", "\n\n    code", "\n---\n", "\n===", "> quote", "1. item", "1) item",
    "+ item", "*em*", "__strong__", "\\", "\\|", "\n", "\n\n", "\r\n", "  ", "\t", "\x00", "\x0b\x0c",
    "\u202e", "\u200b", "\ufeff", "\u2028", "\x85", "\u00a0", "e\u0301", "👩\u200d💻", "ｊａｖａｓｃｒｉｐｔ:",
)
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
C0_CONTROLS_AND_SPACE = "".join(map(chr, range(0x21)))
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "ping"}


def payloads() -> st.SearchStrategy[str]:
    piece = st.sampled_from(PAYLOADS)
    return st.one_of(piece, st.lists(piece | st.text(max_size=3), min_size=1, max_size=4).map("".join))


def hostile_coes() -> st.SearchStrategy[dict]:
    return coe_data(payloads(), full=True)


def model(data: dict) -> COESchema:
    # Straight from the data: tests/fuzz/test_properties.py shows the YAML reads the same.
    return COESchema.model_validate(data)


def squash(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ HTML


class Page(HTMLParser):
    """Start tags with their attributes, in order, the text of the <h1> and of each link."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.markup_declarations = 0  # comments, <!...>, <?...>
        self.h1: list[str] = []
        self.link_texts: list[str] = []
        self._in_h1 = self._in_link = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_h1 = self._in_h1 or tag == "h1"
        if tag == "a":
            self._in_link = True
            self.link_texts.append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_h1 = self._in_h1 and tag != "h1"
        self._in_link = self._in_link and tag != "a"

    def handle_data(self, data):
        if self._in_h1:
            self.h1.append(data)
        if self._in_link:
            self.link_texts[-1] += data

    def handle_comment(self, data):
        self.markup_declarations += 1

    handle_decl = handle_pi = unknown_decl = handle_comment

    def shape(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(tag, tuple(sorted(attrs))) for tag, attrs in self.tags]


def url_scheme_is_dangerous(value: str) -> bool:
    # As browsers read a URL: outer controls and spaces dropped, tabs and newlines removed.
    squeezed = value.strip(C0_CONTROLS_AND_SPACE).replace("\t", "").replace("\n", "").replace("\r", "").lower()
    return squeezed.startswith(DANGEROUS_SCHEMES)


def assert_html_safe(html: str, benign_html: str) -> Page:
    page, benign = Page(html), Page(benign_html)
    for tag, attrs in page.tags:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, f"<{tag}> has event handler attributes {handlers}"
        for name in URL_ATTRIBUTES & set(attrs):
            assert not url_scheme_is_dangerous(attrs[name] or ""), f"<{tag} {name}={attrs[name]!r}>"
        if tag == "a":
            assert set(attrs) == {"href", "rel"} and attrs["href"].lower().startswith(("http://", "https://")), attrs
    assert html.lower().count("<script") == benign_html.lower().count("<script")
    assert page.markup_declarations == benign.markup_declarations
    assert page.shape() == benign.shape()
    return page


# ------------------------------------------------------------------ Markdown


def markdown_tokens(text: str):
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # only the report's escaping decides what becomes a link
    return md.parse(text)


def block_shape(tokens) -> list[tuple[str, str]]:
    """Block tokens in order, with a run of paragraphs counted as one.

    Blank lines in a long text legitimately split it into paragraphs; anything
    else (a heading, list item, table row or cell, code block) must match.
    """
    shape: list[tuple[str, str]] = []
    for token in tokens:
        if token.type in ("inline", "paragraph_close"):
            continue
        if token.type == "paragraph_open" and shape and shape[-1][0] == "paragraph_open":
            continue
        shape.append((token.type, token.tag))
    return shape


def assert_markdown_safe(markdown: str, benign_markdown: str, words: dict[str, str], *, sorted_by_text: bool = False):
    """``words`` maps each original text to the word that replaced it in the benign twin.

    With ``sorted_by_text`` (the portfolio sorts rows and lists by name), the
    texts are compared as a multiset, each as its set of comma-separated parts.
    """
    tokens = markdown_tokens(markdown)
    for token in tokens:
        assert token.type not in ("html_block", "code_block", "fence"), token
        for child in token.children or []:
            assert child.type not in ("image", "code_inline"), child
            assert child.type != "html_inline" or child.content == "<br>", child
            if child.type == "link_open":
                assert child.attrGet("href").lower().startswith(("http://", "https://")), child
    benign = markdown_tokens(benign_markdown)
    assert block_shape(tokens) == block_shape(benign)
    # Same blocks, and each cell, heading and list item shows the text written
    # for it: a `|` that split a cell would also lose text (extra cells are dropped).
    originals = {word: text for text, word in words.items()}
    got, expected = [], []
    for shown_text, twin in zip(inline_texts(tokens), inline_texts(benign), strict=True):
        if not twin.startswith(("{", "[")):  # custom-field collections are JSON
            got.append(shown_text)
            expected.append(cut_quoted_keys(squash(WORD.sub(lambda match: originals[match.group()], twin).replace("\x00", "\ufffd"))))
    if sorted_by_text:
        assert as_parts(got) == as_parts(expected)
    else:
        for pair in zip(got, expected):
            assert pair[0] == pair[1], pair
    return tokens


def cut_quoted_keys(text: str) -> str:
    """A message quotes an unknown key cut at 60 characters (README, Guarantees); the twin's key is short."""
    return re.sub(r"unknown key `([^`]{61,})`", lambda match: f"unknown key `{match.group(1)[:60]}…`", text)


def as_parts(texts: list[str]) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(part.strip() for part in text.split(","))) for text in texts)


WORD = re.compile(r"https://w\d+\.example/|w\d+")


def inline_texts(tokens) -> list[str]:
    """What a reader sees in each table cell, heading and list item, squashed."""
    found = []
    for index, token in enumerate(tokens):
        opener = tokens[index - 1] if index else None
        if token.type == "inline" and (
            opener.type in ("th_open", "td_open", "heading_open") or (opener.type == "paragraph_open" and opener.level > 0)
        ):
            found.append(squash("".join(shown(child) for child in token.children or [])))
    return found


def shown(child) -> str:
    if child.type in ("text", "code_inline"):
        return child.content
    return "\n" if child.type in ("softbreak", "hardbreak", "html_inline") else ""


# ------------------------------------------------------------------ single COE


@fuzz_settings(60)
@given(hostile_coes())
def test_hostile_text_stays_text_in_the_html_report(data):
    coe, twin = model(data), model(benign_twin(data))
    renderer = Renderer("html")
    page = assert_html_safe(renderer.render(coe, TODAY), renderer.render(twin, TODAY))
    assert squash("".join(page.h1)) == squash(coe.title)


@fuzz_settings(60)
@given(hostile_coes())
def test_hostile_text_stays_text_in_the_markdown_report(data):
    words: dict[str, str] = {}
    coe, twin = model(data), model(benign_twin(data, words))
    renderer = Renderer("markdown")
    assert_markdown_safe(renderer.render(coe, TODAY), renderer.render(twin, TODAY), words)


def test_regression_a_pipe_and_dash_line_in_a_paragraph_is_not_a_table():
    # Found by the property above: md_text left `|` alone, and GFM lets a table
    # interrupt a paragraph, so this mitigation became a two-column table.
    base = {"format": 1, "id": "COE-1", "title": "t", "status": "draft", "severity": "SEV1"}
    hostile = model({**base, "response": {"mitigation": "a | b\n:-- | --:"}})
    benign = model({**base, "response": {"mitigation": "a b"}})
    renderer = Renderer("markdown")
    tokens = assert_markdown_safe(renderer.render(hostile, TODAY), renderer.render(benign, TODAY), {})
    texts = ["".join(child.content for child in token.children if child.type == "text") for token in tokens if token.type == "inline"]
    assert "Mitigation: a | b:-- | --:" in texts  # the text, as text


def test_regression_a_link_with_blank_text_shows_its_url():
    # Found by the Markdown property: a blank description made `[](https://...)`,
    # a link nobody can see or click (and an empty <a> in HTML).
    base = {"format": 1, "id": "COE-1", "title": "t", "status": "draft", "severity": "SEV1"}
    coe = model({**base, "supporting_data": [{"description": "\t", "link": "https://ok.example/"}],
                 "corrective_actions": [{"id": "CA-1", "action": " ", "ticket": "https://ok.example/t"}]})
    tokens = markdown_tokens(Renderer("markdown").render(coe, TODAY))
    labels = []
    for token in tokens:
        children = token.children or []
        for index, child in enumerate(children):
            if child.type == "link_open":
                labels.append(children[index + 1].content if children[index + 1].type == "text" else "")
    assert labels == ["https://ok.example/", "https://ok.example/t"]
    page = Page(Renderer("html").render(coe, TODAY))
    assert [squash(text) for text in page.link_texts] == ["https://ok.example/", "https://ok.example/t"]


# ------------------------------------------------------------------ portfolio


def portfolio_files(data: dict) -> dict[str, dict]:
    """Three files that put user text in every part of the dashboard.

    The first COE's prevent actions are all done, so the second (same category
    and services, later by id) is a recurrence; the second's actions are open
    and overdue; the third file is invalid, so its error message is shown.
    """
    earlier = copy.deepcopy(data)
    for action in earlier["corrective_actions"]:
        action.update(kind="prevent", status="done")
    later = copy.deepcopy(data)
    later["id"] = data["id"] + "1"  # same start time: the id orders it after the first
    for action in later["corrective_actions"]:
        action.update(kind="detect", status="open", due=dt.date(2000, 1, 1))
    broken = {**copy.deepcopy(data), "unknown_" + data["title"]: 1}
    return {"a.yaml": earlier, "b.yaml": later, "broken.yaml": broken}


def report(files: dict[str, dict], fmt: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "coes").mkdir()
        for name, data in files.items():
            (root / "coes" / name).write_text(dump_yaml(data), encoding="utf-8")
        (root / ".coe.toml").write_text("", encoding="utf-8")
        args = ["report", str(root / "coes"), "--format", fmt, "-o", str(root / "out"), "--today", TODAY.isoformat()]
        result = CliRunner().invoke(app, [*args, "--skip-invalid", "--config", str(root / ".coe.toml")])
        assert result.exit_code == 0, (result.output, result.exception)
        text = (root / "out").read_text(encoding="utf-8")
    # Where the broken file's problem is depends on the YAML's length, not on its text.
    return re.sub(r"\S*broken\.yaml:\d+:\d+", "broken.yaml:L:C", text.replace(str(root), ""))


def twin_files(files: dict[str, dict], words: dict[str, str]) -> dict[str, dict]:
    """Benign twins with one mapping, so texts shared across files stay shared."""
    twins = {}
    for name, data in files.items():
        known = {key: value for key, value in data.items() if not key.startswith("unknown_")}
        twin = benign_twin(known, words)
        if known != data:  # the broken file's key holds the title
            twin["unknown_" + words.get(data["title"], data["title"])] = 1
        twins[name] = twin
    return twins


@fuzz_settings(25)
@given(hostile_coes())
def test_hostile_text_stays_text_in_the_portfolio_dashboard(data):
    files = portfolio_files(data)
    page = assert_html_safe(report(files, "html"), report(twin_files(files, {}), "html"))
    rows = [attrs for tag, attrs in page.tags if tag == "tr" and attrs.get("class") == "overdue"]
    assert len(rows) == len(data["corrective_actions"])  # the hostile actions reached the page
    assert any(tag == "div" and attrs.get("class") == "warning-box" for tag, attrs in page.tags)
    if data["root_cause"]["category"]:  # the second COE recurs, and its category and services are shown
        assert any(tag == "table" and attrs.get("class") == "recurrence" for tag, attrs in page.tags)


@fuzz_settings(25)
@given(hostile_coes())
def test_hostile_text_stays_text_in_the_portfolio_markdown(data):
    files, words = portfolio_files(data), {}
    assert_markdown_safe(report(files, "markdown"), report(twin_files(files, words), "markdown"), words, sorted_by_text=True)
