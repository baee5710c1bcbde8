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
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None:
        return ""
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
