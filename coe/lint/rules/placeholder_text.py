"""Placeholder text is left in the document.

TODO, TBD, FIXME, XXX or a `<...>` placeholder (as `coe new` writes them)
means a part is not written yet.

Bad::

    what_happened:
      summary: <what happened, in two or three sentences>

Good::

    what_happened:
      summary: A config change evicted the checkout cache and checkouts failed.
"""

from coe.lint.answers import PLACEHOLDER
from coe.lint.rule import Group, Violation
from coe.yaml.reader import iter_strings

ID = "placeholder-text"
GROUP = Group.CONTENT


def check(document, context):
    if not PLACEHOLDER.search(document.text):
        return  # one scan of the whole text rules out almost every file
    for where, text in iter_strings(document.root):
        match = PLACEHOLDER.search(text)
        if match:
            yield Violation(where, f"replace the placeholder `{match.group(0)}` with real text", key=False)
