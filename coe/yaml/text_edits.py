"""Edit YAML text in place, at the positions the parser reports.

An operation changes only the characters it is about: the scalar it
replaces, or the lines it inserts. Everything else (comments, blank lines,
quoting, anchors, flow style, indentation, document markers, line endings)
stays byte for byte, because it is never re-serialised. `coe.document.edit_in_place`
checks every result by loading it again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coe.yaml import reader
from coe.yaml.scalars import yaml_scalar, yaml_str

Scalar = str | int | dt.date

# Line breaks as YAML 1.2 and coe.yaml.reader count them (not NEL or the Unicode separators).
_BREAK = re.compile(r"\r\n|[\r\n]")
# Anchors and tags in front of a value: they stay when the value is replaced.
_PROPERTIES = re.compile(r"(?:[&!]\S*[ \t]+)*")
_BLOCK_SCALAR = ("|", ">")
_GAP_BEFORE_COMMENT = re.compile(r" *(?=#)")
_FLOW_GAP = re.compile(r"(?:[\s,]+|#[^\r\n]*)*")
_ALIAS = re.compile(r"\*[^\s,\[\]{}]+")


class PatchError(Exception):
    """The text cannot be edited this way; the message says why and what to do."""


@dataclass(frozen=True)
class SetKey:
    """Set ``key`` of the mapping at path ``mapping`` to a scalar, adding the key if it is missing."""

    mapping: tuple
    key: str
    value: Scalar


@dataclass(frozen=True)
class AppendItem:
    """Append a flat mapping to the sequence under ``key`` of the mapping at ``mapping``."""

    mapping: tuple
    key: str
    item: dict[str, Scalar]


Operation = SetKey | AppendItem


def apply(text: str, operation: Operation) -> str:
    """``text`` with ``operation`` made in place."""
    root = reader.compose(text)
    mapping = _mapping_at(text, root, operation.mapping)
    if isinstance(operation, SetKey):
        return _set_key(text, mapping, operation)
    return _append_item(text, mapping, operation)


def apply_to_data(data: dict, operation: Operation) -> None:
    """What ``operation`` does to the loaded data: the result an edit must read back as."""
    target: Any = data
    for step in operation.mapping:
        target = target[step]
    if isinstance(operation, SetKey):
        target[operation.key] = operation.value
    else:
        target[operation.key] = [*(target.get(operation.key) or []), dict(operation.item)]


def newline_of(text: str) -> str:
    found = re.search(r"\r\n|\r|\n", text)
    return found.group() if found else "\n"


# --------------------------------------------------------------------------------------------
# Finding the nodes
# --------------------------------------------------------------------------------------------


def _mapping_at(text: str, root: Node | None, path: tuple) -> MappingNode:
    node = root
    for step in path:
        if isinstance(node, MappingNode) and isinstance(step, str) and (pair := _pair(node, step)):
            key, node = pair
            if _is_alias(key, node):
                raise PatchError(f"`{step}` is an alias of a value written elsewhere; edit the file by hand")
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            parent, node = node, node.value[step]
            if node.start_mark.index < parent.start_mark.index:
                raise PatchError("that entry is an alias of a value written elsewhere; edit the file by hand")
        else:
            raise PatchError(f"nothing at {'.'.join(map(str, path))}")
    if not isinstance(node, MappingNode):
        raise PatchError("the edit expects a mapping there")
    return node


def _pair(mapping: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    """The mapping's own entry for ``key`` (entries merged in with `<<` are not its own)."""
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _is_alias(key: Node, value: Node) -> bool:
    # An alias resolves to its anchored node, which always comes earlier in the text.
    return value.start_mark.index < key.end_mark.index


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == reader.PLAIN and reader.resolve_plain(node.value) == reader.NULL


# --------------------------------------------------------------------------------------------
# SetKey
# --------------------------------------------------------------------------------------------


def _set_key(text: str, mapping: MappingNode, operation: SetKey) -> str:
    pair = _pair(mapping, operation.key)
    if pair is None:
        entry = f"{yaml_str(operation.key)}: {yaml_scalar(operation.value)}"
        if mapping.flow_style:
            return _insert_in_flow(text, mapping, entry)
        indent = mapping.value[0][0].start_mark.column
        return _insert_lines(text, _content_end(text, mapping), [" " * indent + entry])
    key, value = pair
    if _is_alias(key, value):
        raise PatchError(f"`{operation.key}` is an alias of a value written elsewhere; edit the file by hand")
    if not isinstance(value, ScalarNode):
        raise PatchError(f"`{operation.key}` holds a {_kind(value)}, not a single value; edit the file by hand")
    return _replace_scalar(text, key, value, operation.value)


def _replace_scalar(text: str, key: ScalarNode, value: ScalarNode, new_value: Scalar) -> str:
    start, end = value.start_mark.index, value.end_mark.index
    if start == end:  # `key:` with nothing after it
        start = end = text.index(":", key.end_mark.index) + 1
        return text[:start] + " " + yaml_scalar(new_value) + text[end:]
    start = _PROPERTIES.match(text, start, end).end()
    style = value.style if value.style in ("'", '"') else None
    new = yaml_scalar(new_value, style=style)
    if value.style in _BLOCK_SCALAR:
        end = _back_over_space(text, end)
    gap = _GAP_BEFORE_COMMENT.match(text, end)
    if gap and gap.group():
        # Keep an end-of-line comment in its column, with at least one space before it.
        width = max(1, len(gap.group()) - (len(new) - (end - start)))
        end += len(gap.group())
        new += " " * width
    return text[:start] + new + text[end:]


# --------------------------------------------------------------------------------------------
# AppendItem
# --------------------------------------------------------------------------------------------


def _append_item(text: str, mapping: MappingNode, operation: AppendItem) -> str:
    pair = _pair(mapping, operation.key)
    if pair is None:
        return _add_key_with_sequence(text, mapping, operation)
    key, sequence = pair
    if _is_alias(key, sequence):
        raise PatchError(f"`{operation.key}` is an alias of a list written elsewhere; edit the file by hand")
    if _is_null(sequence):
        return _fill_null_with_sequence(text, key, sequence, operation.item)
    if not isinstance(sequence, SequenceNode):
        raise PatchError(f"`{operation.key}` holds a {_kind(sequence)}, not a list; edit the file by hand")
    if sequence.flow_style:
        return _insert_in_flow(text, sequence, _flow_mapping(operation.item))
    dash = sequence.start_mark.column
    last = sequence.value[-1]
    width = 2
    if isinstance(last, MappingNode) and not last.flow_style and last.start_mark.index > sequence.start_mark.index:
        width = last.value[0][0].start_mark.column - dash
    return _insert_lines(text, _content_end(text, sequence), _block_item(operation.item, dash, width))


def _add_key_with_sequence(text: str, mapping: MappingNode, operation: AppendItem) -> str:
    if mapping.flow_style:
        return _insert_in_flow(text, mapping, f"{yaml_str(operation.key)}: [{_flow_mapping(operation.item)}]")
    indent = mapping.value[0][0].start_mark.column
    lines = [" " * indent + f"{yaml_str(operation.key)}:"]
    lines += _block_item(operation.item, indent + _sequence_offset(text), 2)
    return _insert_lines(text, _content_end(text, mapping), lines)


def _fill_null_with_sequence(text: str, key: ScalarNode, null: ScalarNode, item: dict) -> str:
    """`key:`, `key: ~` or `key: null` becomes `key:` followed by a block list holding ``item``."""
    colon = text.index(":", key.end_mark.index) + 1
    lines = _block_item(item, key.start_mark.column + _sequence_offset(text), 2)
    text = _insert_lines(text, null.end_mark.index, lines)
    return text[:colon] + text[null.end_mark.index:] if null.value else text


def _block_item(item: dict, dash: int, width: int) -> list[str]:
    entries = [f"{yaml_str(k)}: {yaml_scalar(v)}" for k, v in item.items()]
    first = " " * dash + "-" + " " * (width - 1) + entries[0]
    return [first] + [" " * (dash + width) + entry for entry in entries[1:]]


def _flow_mapping(item: dict) -> str:
    return "{" + ", ".join(f"{yaml_str(k)}: {yaml_scalar(v)}" for k, v in item.items()) + "}"


_KEY_ONLY = re.compile(r"^(?P<lead>\s*(?:-\s+)*)[^\s#-][^#]*:\s*(?:#.*)?$")


def _sequence_offset(text: str) -> int:
    """How far this author indents a block list under its key: 0 (`- ` under the key) or more.

    Read off the first block list under a `key:` line; 2 when there is none.
    """
    lines = text.splitlines()
    for previous, line in zip(lines, lines[1:]):
        parent = _KEY_ONLY.match(previous)
        stripped = line.lstrip()
        if parent and (stripped.startswith("- ") or stripped == "-"):
            return max(len(line) - len(stripped) - len(parent["lead"]), 0)
    return 2


# --------------------------------------------------------------------------------------------
# Where new text goes
# --------------------------------------------------------------------------------------------


def _content_end(text: str, node: Node) -> int:
    """Just after the last character that belongs to ``node``: not the blank lines or comments after it."""
    end = max(_ends(text, node, set()))
    if isinstance(node, ScalarNode) or node.flow_style:
        return end
    # An alias's text is not in the node graph (an alias resolves to its anchor), so the
    # lines between the last node and the end of the block may still hold `- *alias`.
    line_start = end if _at_line_start(text, end) else _next_line_start(text, end)
    while line_start is not None and line_start < node.end_mark.index:
        line_end = _BREAK.search(text, line_start, node.end_mark.index)
        line = text[line_start:line_end.start() if line_end else node.end_mark.index]
        if line.strip() and not line.lstrip().startswith("#"):
            end = line_start + len(line.rstrip())
        line_start = line_end.end() if line_end else None
    return end


def _at_line_start(text: str, index: int) -> bool:
    return index > 0 and _BREAK.match(text[index - 1]) is not None


def _next_line_start(text: str, index: int) -> int | None:
    found = _BREAK.search(text, index)
    return found.end() if found else None


def _ends(text: str, node: Node, seen: set[int]) -> Any:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        keeps_trailing_lines = node.style in _BLOCK_SCALAR and "+" in _block_header(text, node)
        yield node.end_mark.index if keeps_trailing_lines else _back_over_space(text, node.end_mark.index)
    elif getattr(node, "flow_style", False):
        yield node.end_mark.index
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _ends(text, key, seen)
            yield from _ends(text, value, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _ends(text, item, seen)


def _block_header(text: str, node: ScalarNode) -> str:
    start = _PROPERTIES.match(text, node.start_mark.index, node.end_mark.index).end()
    return re.match(r"[|>][-+0-9]*", text[start:start + 4]).group()


def _back_over_space(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _insert_lines(text: str, at: int, lines: list[str]) -> str:
    """Insert whole ``lines`` after the line that holds position ``at`` (or before it, at a line start)."""
    newline = newline_of(text)
    if _at_line_start(text, at):
        return text[:at] + "".join(line + newline for line in lines) + text[at:]
    found = _BREAK.search(text, at)
    end = found.start() if found else len(text)
    return text[:end] + "".join(newline + line for line in lines) + text[end:]


def _insert_in_flow(text: str, collection: Node, entry: str) -> str:
    """Add ``entry`` after the last entry of a flow collection, or inside an empty one."""
    close = collection.end_mark.index - 1
    if not collection.value:
        return text[:close] + entry + text[close:]
    entries = collection.value if isinstance(collection, SequenceNode) else [n for pair in collection.value for n in pair]
    # Aliases resolve to nodes before the collection; their own text is found by the scan below.
    at = max([_content_end(text, n) for n in entries if n.start_mark.index > collection.start_mark.index], default=collection.start_mark.index + 1)
    while alias := _ALIAS.match(text, _FLOW_GAP.match(text, at, close).end(), close):
        at = alias.end()  # the last entry was an alias, whose text the node graph does not have
    return text[:at] + ", " + entry + text[at:]


def _kind(node: Node) -> str:
    return {MappingNode: "mapping", SequenceNode: "list"}.get(type(node), "value")
