"""Render one loaded COE with a Jinja template: `render/coe.md.j2` or `render/coe.html.j2`.

Templates receive `view` (a :class:`~coe.render.view.CoeView`) and `version`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from coe import __version__
from coe.document.plain import COE
from coe.render.markup import FILTERS, md_link
from coe.render.view import build_view

FORMATS = {"markdown": ("render/coe.md.j2", ".md"), "html": ("render/coe.html.j2", ".html")}


def field_value(value: Any) -> str:
    """A custom field's value as text: scalars as written, collections as JSON."""
    if isinstance(value, (dict, list)):
        return json.dumps(_as_json(value), ensure_ascii=False)
    if value is None:
        return ""
    return _scalar_text(value)


def _as_json(value: Any) -> Any:
    """The value with keys JSON can hold: a key of any YAML type becomes the text YAML writes for it."""
    if isinstance(value, dict):
        return {key if isinstance(key, str) else _scalar_text(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _scalar_text(value: Any) -> str:
    """A scalar as YAML 1.2 writes it: `true`, `null`, `2026-01-01`, `1.5`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


class Renderer:
    def __init__(self, fmt: str, *, templates_dir: Path | None = None) -> None:
        from coe.templating import environment

        self.template_name, self.suffix = FORMATS[fmt]
        env = environment(templates_dir, autoescape=fmt == "html")
        env.filters.update(FILTERS)
        env.filters["field_value"] = field_value
        env.globals["md_link"] = md_link
        self.template = env.get_template(self.template_name)

    def render(self, coe: COE, today: dt.date) -> str:
        return self.template.render(view=build_view(coe, today), version=__version__)
