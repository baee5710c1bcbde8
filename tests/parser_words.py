"""What the installed YAML parser says about a broken text, so no test hard-codes its words.

coe passes libyaml's description of a syntax error through, with coe's own
position and context. libyaml's wording may change between releases; what
coe adds (the line, the column, the rule, the context's line) may not.
"""

from __future__ import annotations

import yaml


def parser_message(text: str) -> str:
    """The message coe shows for the first syntax error in ``text``: the parser's words, in coe's form."""
    try:
        for _ in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            pass
    except yaml.MarkedYAMLError as exc:
        if exc.context and exc.context_mark is not None and exc.context_mark is not exc.problem_mark:
            return f"{exc.problem} ({exc.context} at line {exc.context_mark.line + 1})"
        return exc.problem
    raise AssertionError("the text parses: it has no syntax error")
