"""Writing YAML scalars by hand: text that reads back as exactly the value given."""

from __future__ import annotations

import datetime as dt
import json
import re

from coe.yaml import reader

# No `,`: values also go into flow collections, where a comma separates items.
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][\w .()/'&+@-]*$")
# DEL, C1 controls (NEL is a line break), line/paragraph separators, BOM, surrogates, non-characters.
_NOT_RAW_IN_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
# Text YAML 1.2 reads as a string but YAML 1.1 tools (PyYAML, many CI systems) read as a boolean.
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")


def yaml_str(value: object) -> str:
    """A YAML scalar that reads back as exactly this string: plain when safe, else double-quoted."""
    text = str(value)
    if (
        _PLAIN_SAFE.match(text)
        and not text.endswith((" ", ":"))
        and not _YAML11_BOOL.match(text)
        and reader.resolve_plain(text) == reader.STR
    ):
        return text
    return double_quoted(text)


def double_quoted(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar, once the characters YAML may not hold raw are escaped.
    return _NOT_RAW_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def yaml_list(values: list) -> str:
    return "[" + ", ".join(yaml_str(value) for value in values) + "]"


def yaml_scalar(value: str | int | dt.date, *, style: str | None = None) -> str:
    """``value`` as a YAML scalar, in the author's quoting ``style`` (`'`, `"` or plain) when it can be."""
    if isinstance(value, bool) or not isinstance(value, (str, int, dt.date)):
        raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")
    if not isinstance(value, str):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if style == '"':
        return double_quoted(value)
    if style == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return yaml_str(value)
