"""The root cause, the whys or the lessons blame people.

A COE finds what in the system allowed a mistake, not who made it. Blame
makes people hide the next one. Option `phrases` lists what to look for
(whole words, any case).

Bad::

    root_cause:
      summary: Human error by the on-call engineer.

Good::

    root_cause:
      summary: The deploy tool allowed a production change with no review.
"""

import re
from functools import cache

from coe.lint.rule import Group, Violation

ID = "blame-language"
GROUP = Group.QUALITY
OPTIONS = {
    "phrases": [
        "human error",
        "operator error",
        "careless",
        "carelessness",
        "should have known",
        "negligent",
        "negligence",
        "incompetent",
        "incompetence",
        "fault of",
    ]
}


@cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern:
    words = "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def _texts(coe):
    section = coe.root_cause
    if section is not None:
        yield ("root_cause", "summary"), section.summary
        for index, why in enumerate(section.five_whys):
            yield ("root_cause", "five_whys", index, "why"), why.why
            yield ("root_cause", "five_whys", index, "because"), why.because
    for index, lesson in enumerate(coe.lessons_learned):
        yield ("lessons_learned", index), lesson


def check(document, context):
    pattern = _pattern(tuple(context.options["phrases"]))
    for where, text in _texts(document.coe):
        match = pattern.search(text or "")
        if match:
            yield Violation(
                where,
                f"`{match.group(0)}` blames a person; ask what in the system allowed it, and write that instead",
                key=False,
            )
