"""No lessons are recorded.

Question 6. What did the team learn that other teams should know?

Bad::

    lessons_learned: []

Good::

    lessons_learned:
      - Defaults shared with development must never reach production silently.
"""

from coe.lint.answers import is_unanswered
from coe.lint.rule import Group, Violation

ID = "lessons-missing"
GROUP = Group.CONTENT


def check(document, context):
    if all(is_unanswered(lesson) for lesson in document.coe.lessons_learned):
        yield Violation(("lessons_learned",), "record what was learned in `lessons_learned`")
