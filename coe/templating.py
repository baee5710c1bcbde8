"""Jinja environments: the user's `templates_dir` first, then the built-in templates.

Built-in templates live in `templates/` at the repository root and are
packaged into the wheel as `coe/templates`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

from coe import yaml12

PACKAGED = Path(__file__).parent / "templates"
SOURCE_TREE = Path(__file__).parent.parent / "templates"
# No `,`: values also go into flow sequences, where a comma separates items.
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9][\w .()/'&+@-]*$")


def builtin_templates_dir() -> Path:
    return PACKAGED if PACKAGED.is_dir() else SOURCE_TREE


def environment(user_dir: Path | None = None, *, autoescape: bool = False) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(user_dir)))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates_dir())))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml_str"] = yaml_str
    env.filters["yaml_list"] = yaml_list
    return env


def yaml_str(value: object) -> str:
    """A YAML scalar that reads back as exactly this string."""
    text = str(value)
    if _PLAIN_SAFE.match(text) and not text.endswith((" ", ":")) and yaml12.resolve_plain(text) == yaml12.STR:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def yaml_list(values: list) -> str:
    return "[" + ", ".join(yaml_str(value) for value in values) + "]"
