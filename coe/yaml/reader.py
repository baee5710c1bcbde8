"""Fast YAML 1.2 reading: libyaml's C parser, our own YAML 1.2 constructor.

libyaml (through PyYAML) composes the node graph in C and keeps every node's
position. PyYAML would resolve plain scalars with YAML 1.1 rules (``no`` is
false, ``010`` is octal), so plain scalars are tagged ``PLAIN`` here and
resolved by :func:`resolve_plain` with the YAML 1.2 core rules that
ruamel.yaml's round-trip loader applies. ``tests/test_yaml12_differential.py``
holds the two paths to the same data and positions.

Hostile input is bounded: aliases may expand to at most ``alias_budget``
nodes (billion laughs), nesting is limited to ``max_depth`` levels and a
document to ``max_nodes`` nodes. libyaml's composer recurses in C, without
Python's recursion limit: tens of thousands of levels overflow the C stack
and kill the process. So a text that could nest that deep, or is large
enough to hold too many nodes, is first checked event by event
(:func:`_prescan`); ordinary COEs skip that pass.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

try:  # PyYAML wheels ship libyaml; fall back to the pure-Python parser if not.
    from yaml import _yaml as _libyaml
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    _libyaml = None


PLAIN = "?plain"
_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
TIMESTAMP, MAP, SEQ, MERGE = (_TAG + t for t in ("timestamp", "map", "seq", "merge"))

DEFAULT_ALIAS_BUDGET = 100_000
DEFAULT_MAX_DEPTH = 100
DEFAULT_MAX_NODES = 50_000  # the examples have about 700 nodes each
# Texts that may skip the prescan: they cannot nest deeper than about 4,000
# levels (libyaml's composer overflows an 8 MB C stack at about 22,000)
# or hold more than about 65,000 nodes (two bytes per node at least; the
# Constructor counts exactly).
_PRESCAN_SIZE = 128 * 1024
_PRESCAN_BRACKETS = 1_000
_PRESCAN_LINE = 1_000
_MAX_INT_DIGITS = 4_000  # Python refuses to parse more than 4,300
# Whatever its base, an int of at most this many bits has under 4,000 decimal digits, so every
# output can show it (Python refuses to print an int of more than 4,300).
_MAX_INT_BITS = 13_000


class YamlError(Exception):
    """A YAML problem at a 1-based line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _Resolver(BaseResolver):
    """Tags plain scalars PLAIN; everything else keeps its YAML default tag."""

    yaml_implicit_resolvers: dict = {}
    yaml_path_resolvers: dict = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            return PLAIN
        return super().resolve(kind, value, implicit)


class _Composer(_Parser, _Resolver):
    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        _Resolver.__init__(self)


def compose(text: str, *, max_depth: int = DEFAULT_MAX_DEPTH, max_nodes: int = DEFAULT_MAX_NODES) -> Node | None:
    """Parse one YAML document into a node graph; None for an empty stream."""
    text, restore = _hide_yaml11_breaks(text)
    try:
        with _parser_nesting_limit(max_depth + _LIBYAML_LOOKAHEAD):
            if _needs_prescan(text):
                _prescan(text, max_depth, max_nodes)
            root = _Composer(text).get_single_node()
        if restore and root is not None:
            _restore_scalars(root, restore)
        return root
    except yaml.MarkedYAMLError as exc:
        raise _marked_error(exc, max_depth) from None
    except yaml.YAMLError as exc:  # libyaml errors without a mark
        raise YamlError(str(exc), 1, 1) from None


# libyaml 0.2.6 (in PyYAML 6.0.4's wheels) refuses nesting past a limit of its
# own, 1,000 levels by default, in its own words and wherever its scanner got
# to. Its scanner reads up to 1,024 characters ahead of the events coe counts,
# so while coe parses, libyaml's limit is set past coe's limit plus that
# look-ahead: coe's own check then always speaks first, at the first node too
# deep, whichever libyaml is installed. The setting is process-wide, so it is
# restored afterwards.
_LIBYAML_LOOKAHEAD = 2_048


@contextlib.contextmanager
def _parser_nesting_limit(limit: int) -> Iterator[None]:
    get_limit = getattr(_libyaml, "_get_max_nest_level", None)
    set_limit = getattr(_libyaml, "_set_max_nest_level", None)
    before = get_limit() if get_limit is not None else -1
    if before < 0 or before >= limit:  # no such limit in this libyaml, or it is high enough
        yield
        return
    set_limit(limit)
    try:
        yield
    finally:
        set_limit(before)


# libyaml reads YAML 1.1, where NEL, LS and PS are line breaks; YAML 1.2 (and ruamel) read them as text.
_YAML11_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


# Stand-ins: the private-use characters, the Basic Multilingual Plane's first, then planes 15 and 16.
_PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


def _hide_yaml11_breaks(text: str) -> tuple[str, dict | None]:
    """Swap each YAML-1.1-only break for a private-use character the text lacks, one for one.

    Positions stay the same, libyaml no longer counts them as lines, and
    `_restore_scalars` puts them back into the values. A text that uses every
    one of the 137,468 private-use characters is refused rather than read
    with lines that YAML 1.2 does not have.
    """
    present = [char for char in _YAML11_ONLY_BREAKS if char in text]
    if not present:
        return text, None
    in_text = set(text)
    unused = (chr(code) for low, high in _PRIVATE_USE for code in range(high, low - 1, -1) if chr(code) not in in_text)
    stand_ins = dict(zip(present, unused))
    if len(stand_ins) < len(present):
        raise YamlError(
            "the file uses every private-use character and NEL, LS or PS too, so coe cannot read its lines "
            "as YAML 1.2 does; remove the NEL, LS and PS characters (U+0085, U+2028, U+2029)",
            1,
            1,
        )
    return text.translate(str.maketrans(stand_ins)), str.maketrans({v: k for k, v in stand_ins.items()})


def _restore_scalars(root: Node, restore: dict) -> None:
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            node.value = node.value.translate(restore)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(child for pair in node.value for child in pair)


def _needs_prescan(text: str) -> bool:
    """False when the text cannot hurt libyaml's composer.

    Block nesting needs a deeper column at least every second level, so it
    is bounded by twice the longest line; flow nesting by twice the brackets.
    """
    if len(text) > _PRESCAN_SIZE or text.count("[") + text.count("{") > _PRESCAN_BRACKETS:
        return True
    return len(text) > _PRESCAN_LINE and max(map(len, text.split("\n"))) > _PRESCAN_LINE


_NODE_EVENTS = (ScalarEvent, SequenceStartEvent, MappingStartEvent)


def _prescan(text: str, max_depth: int, max_nodes: int) -> None:
    """Walk the first document's events and refuse it before it is composed."""
    parser = _Parser(text)
    depth = nodes = 0
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind in _NODE_EVENTS:
            nodes += 1
            if depth > max_depth:
                raise _too_deep(max_depth, event.start_mark.line + 1, event.start_mark.column + 1)
            if nodes > max_nodes:
                raise _too_many(max_nodes, event.start_mark.line + 1, event.start_mark.column + 1)
            if kind is not ScalarEvent:
                depth += 1
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            depth -= 1
        elif event is None or kind is DocumentEndEvent or kind is StreamEndEvent:
            return


def _too_deep(max_depth: int, line: int, column: int) -> YamlError:
    return YamlError(f"the document nests deeper than {max_depth} levels; a COE needs only a few", line, column)


def _too_many(max_nodes: int, line: int, column: int) -> YamlError:
    return YamlError(
        f"the document holds more than {max_nodes:,} values; a COE needs far fewer: "
        "check that this file is a COE, or split it",
        line,
        column,
    )


# What parsers say when they stop at a nesting limit of their own (libyaml 0.2.6).
_PARSER_NESTING_PROBLEMS = frozenset({"exceeded maximum nesting depth"})


def _marked_error(exc: yaml.MarkedYAMLError, max_depth: int) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    if exc.problem in _PARSER_NESTING_PROBLEMS:  # a libyaml whose limit coe could not raise
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return _too_deep(max_depth, line, column)
    if exc.problem == "expected a single document in the stream" or (
        exc.context == "expected a single document in the stream"
    ):
        return YamlError(
            "the file holds more than one YAML document; keep one COE per file "
            "and remove the extra `---`",
            mark.line + 1,
            mark.column + 1,
        )
    message = exc.problem or str(exc)
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        message = f"{message} ({exc.context} at line {exc.context_mark.line + 1})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return YamlError(message, line, column)


# YAML 1.2 core schema, as ruamel.yaml's resolver spells it (order matters:
# the first pattern that matches wins, and float is tried before int).
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TIMESTAMP = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
_TIMESTAMP_PARTS = re.compile(
    r"""^(?P<year>[0-9][0-9][0-9][0-9])
    -(?P<month>[0-9][0-9]?)
    -(?P<day>[0-9][0-9]?)
    (?:(?:[Tt]|[ \t]+)
    (?P<hour>[0-9][0-9]?)
    :(?P<minute>[0-9][0-9])
    :(?P<second>[0-9][0-9])
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)
    (?::(?P<tz_minute>[0-9][0-9]))?))?)?$""",
    re.X,
)
_DIGIT_START = frozenset("-+0123456789.")


def resolve_plain(value: str) -> str:
    """The YAML 1.2 tag of a plain scalar."""
    if not value or value[0] in "~nN":
        if _NULL.match(value):
            return NULL
        return STR
    first = value[0]
    if first in "tTfF":
        return BOOL if _BOOL.match(value) else STR
    if first in _DIGIT_START:
        if _FLOAT.match(value):
            return FLOAT
        if first != "." and _INT.match(value):
            return INT
        if first.isdigit() and _TIMESTAMP.match(value):
            return TIMESTAMP
        return STR
    if value == "<<":
        return MERGE
    return STR


def _int(text: str) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    if digits[:1] in "+-":
        digits = digits[1:]
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def _float(text: str) -> float:
    digits = text.replace("_", "").lower()
    sign = -1.0 if digits.startswith("-") else 1.0
    if digits[:1] in "+-":
        digits = digits[1:]
    if digits == ".inf":
        return sign * float("inf")
    if digits == ".nan":
        return float("nan")
    return sign * float(digits)


def _timestamp(text: str) -> dt.date | dt.datetime:
    parts = _TIMESTAMP_PARTS.match(text)
    if parts is None:
        raise ValueError(f"not a timestamp: {text}")
    year, month, day = int(parts["year"]), int(parts["month"]), int(parts["day"])
    if not parts["hour"]:
        return dt.date(year, month, day)
    fraction = (parts["fraction"] or "")[:6].ljust(6, "0")
    tz: dt.tzinfo | None = None
    if parts["tz"] == "Z":
        tz = dt.timezone(dt.timedelta(0), "Z")
    elif parts["tz_sign"]:
        offset = dt.timedelta(hours=int(parts["tz_hour"]), minutes=int(parts["tz_minute"] or 0))
        tz = dt.timezone(-offset if parts["tz_sign"] == "-" else offset)
    return dt.datetime(
        year, month, day, int(parts["hour"]), int(parts["minute"]), int(parts["second"]),
        int(fraction), tzinfo=tz,
    )


_SCALAR_CONSTRUCTORS = {
    STR: str,
    INT: _int,
    FLOAT: _float,
    BOOL: lambda text: text.lower() == "true",
    NULL: lambda text: None,
    TIMESTAMP: _timestamp,
}


def position(node: Node) -> tuple[int, int]:
    """A node's 1-based (line, column)."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


class Constructor:
    """Turns a node graph into plain Python data, within fixed bounds."""

    def __init__(self, alias_budget: int = DEFAULT_ALIAS_BUDGET, max_depth: int = DEFAULT_MAX_DEPTH,
                 max_nodes: int = DEFAULT_MAX_NODES) -> None:
        self.alias_budget = alias_budget
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self._seen: set[int] = set()
        self._expanded = 0

    def construct(self, node: Node) -> Any:
        return self._node(node, 0)

    def _node(self, node: Node, depth: int) -> Any:
        if depth > self.max_depth:
            raise _too_deep(self.max_depth, *position(node))
        if id(node) in self._seen:  # reached again through an alias
            self._expanded += 1
            if self._expanded > self.alias_budget:
                raise YamlError(
                    f"aliases expand to more than {self.alias_budget:,} nodes "
                    "(an alias bomb?); write the repeated text out or drop the anchors",
                    *position(node),
                )
        else:
            self._seen.add(id(node))
            if len(self._seen) > self.max_nodes:
                raise _too_many(self.max_nodes, *position(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            self._expect_tag(node, SEQ)
            return [self._node(item, depth + 1) for item in node.value]
        self._expect_tag(node, MAP)
        return self._mapping(node, depth)

    def _scalar(self, node: ScalarNode) -> Any:
        tag = resolve_plain(node.value) if node.tag == PLAIN else node.tag
        construct = _SCALAR_CONSTRUCTORS.get(tag)
        if construct is None:
            raise _unsupported_tag(node)
        if tag == INT and len(node.value) > _MAX_INT_DIGITS:
            raise YamlError(
                f"`{_shorten(node.value)}` has too many digits for a number; quote it if it is text",
                *position(node),
            )
        try:
            value = construct(node.value)
        except ValueError:
            raise YamlError(
                f"`{_shorten(node.value)}` is not a valid {tag.removeprefix(_TAG)}", *position(node)
            ) from None
        if tag == INT and value.bit_length() > _MAX_INT_BITS:  # 0x…, 0o…, 0b… pack more value per digit
            raise YamlError(
                f"`{_shorten(node.value)}` has too many digits for a number; quote it if it is text",
                *position(node),
            )
        return value

    def _expect_tag(self, node: Node, tag: str) -> None:
        if node.tag != tag:
            raise _unsupported_tag(node)

    def _mapping(self, node: MappingNode, depth: int) -> dict:
        result: dict = {}
        merged: dict = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag == PLAIN and key_node.value == "<<":
                merged.update(self._merge_sources(value_node, depth))
                continue
            key = self._node(key_node, depth + 1)
            if isinstance(key, (dict, list)):
                raise YamlError("a mapping key must be a plain value, not a collection", *position(key_node))
            if key in result:
                raise YamlError(
                    f"duplicate key `{key}`; each key may appear once in a mapping",
                    *position(key_node),
                )
            result[key] = self._node(value_node, depth + 1)
        for key, value in merged.items():  # own keys first, as ruamel orders them
            result.setdefault(key, value)
        return result

    def _merge_sources(self, node: Node, depth: int) -> dict:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        merged: dict = {}
        for source in reversed(sources):  # earlier sources win
            value = self._node(source, depth + 1)
            if not isinstance(value, dict):
                raise YamlError("`<<` merges mappings only", *position(source))
            merged.update(value)
        return merged


def _shorten(value: str, limit: int = 60) -> str:
    """A value short enough to quote in a message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _unsupported_tag(node: Node) -> YamlError:
    return YamlError(
        f"unsupported YAML tag `{_shorten(node.tag)}`: coe reads plain YAML only; remove the tag",
        *position(node),
    )


def load(
    text: str,
    *,
    alias_budget: int = DEFAULT_ALIAS_BUDGET,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> tuple[Any, Node | None]:
    """Parse and construct one document: (data, root node). Raises YamlError."""
    root = compose(text, max_depth=max_depth, max_nodes=max_nodes)
    if root is None:
        return None, None
    constructor = Constructor(alias_budget=alias_budget, max_depth=max_depth, max_nodes=max_nodes)
    return constructor.construct(root), root


def top_level_string(text: str, key: str) -> str | None:
    """The text value of ``key`` at the top level of the document, read only as far as that key.

    Any layout works: block, flow or JSON, with quoted or plain keys. None when
    the top level is not a mapping, has no such key, or its value is not text
    (a number, a list, an alias). Raises YamlError for broken YAML before the key.
    """
    text, _ = _hide_yaml11_breaks(text)
    events = _events(_Parser(text))
    try:
        if next((e for e in events if type(e) not in _PREAMBLE), None).__class__ is not MappingStartEvent:
            return None
        is_key = True
        for event in events:
            if type(event) is MappingEndEvent:  # the end of the top-level mapping
                return None
            if is_key and type(event) is ScalarEvent and event.value == key and _is_text(event):
                value = next(events, None)
                if type(value) is AliasEvent:  # rare: let the whole document resolve it
                    data, _ = load(text)
                    return data.get(key) if isinstance(data.get(key), str) else None
                return value.value if type(value) is ScalarEvent and _is_text(value) else None
            _skip_nested(event, events)
            is_key = not is_key
    except yaml.MarkedYAMLError as exc:
        raise _marked_error(exc, DEFAULT_MAX_DEPTH) from None
    return None


_PREAMBLE = (StreamStartEvent, DocumentStartEvent)


def _events(parser: Any) -> Iterator[Any]:
    while (event := parser.get_event()) is not None:
        yield event
        if type(event) is StreamEndEvent:
            return


def _skip_nested(event: Any, events: Iterator[Any]) -> None:
    """Consume the rest of a collection that ``event`` starts."""
    if type(event) is not MappingStartEvent and type(event) is not SequenceStartEvent:
        return
    depth = 1
    for inner in events:
        if type(inner) is MappingStartEvent or type(inner) is SequenceStartEvent:
            depth += 1
        elif type(inner) is MappingEndEvent or type(inner) is SequenceEndEvent:
            depth -= 1
            if depth == 0:
                return


def _is_text(event: ScalarEvent) -> bool:
    if event.implicit[0]:  # plain: YAML 1.2 decides
        return resolve_plain(event.value) == STR
    return event.tag in (None, "!", STR)


def locate(root: Node, path: tuple, *, key: bool = True) -> tuple[int, int]:
    """The (line, column) of the value at ``path``, or of its key when ``key``.

    Walks the node graph lazily, only when a finding needs a position. A path
    that runs out (a missing key) gives the deepest node that exists.
    """
    node = root
    where = position(root)
    for step in path:
        found = _child(node, step)
        if found is None:
            return where
        key_node, node = found
        where = position(key_node if key and key_node is not None else node)
    if not key:
        where = position(node)
    return where


def _child(node: Node, step: Any) -> tuple[Node | None, Node] | None:
    if isinstance(node, SequenceNode):
        if isinstance(step, int) and 0 <= step < len(node.value):
            return None, node.value[step]
        return None
    if not isinstance(node, MappingNode):
        return None
    keys, merge_sources = _mapping_index(node)
    found = keys.get(str(step))
    if found is not None:
        return found
    for source in merge_sources:
        found = _child(source, step)
        if found is not None:
            return found
    return None


def _mapping_index(node: MappingNode) -> tuple[dict[str, tuple[Node, Node]], list[Node]]:
    """A mapping's first (key, value) node pair for each key text, and its merge sources.

    Built once per mapping and kept on the node: every finding in a document
    asks for a position, and scanning the mapping for each would be quadratic
    (24,000 custom keys took 47 s).
    """
    index = node.__dict__.get("_coe_index")
    if index is None:
        keys: dict[str, tuple[Node, Node]] = {}
        merge_sources: list[Node] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.tag == PLAIN and key_node.value == "<<":
                    merge_sources.extend(value_node.value if isinstance(value_node, SequenceNode) else [value_node])
                else:
                    keys.setdefault(key_node.value, (key_node, value_node))
        index = node.__dict__["_coe_index"] = (keys, merge_sources)
    return index


def iter_strings(root: Node) -> Any:
    """Yield (path, text) for every string value in the document, in order.

    Keys are not yielded. A node shared through an alias is visited once.
    """
    seen: set[int] = set()
    stack: list[tuple[tuple, Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.tag == STR or (node.tag == PLAIN and resolve_plain(node.value) == STR):
                yield path, node.value
        elif isinstance(node, SequenceNode):
            stack.extend(reversed([(path + (index,), item) for index, item in enumerate(node.value)]))
        elif isinstance(node, MappingNode):
            children = [(path + (key.value,), value) for key, value in node.value if isinstance(key, ScalarNode)]
            stack.extend(reversed(children))
