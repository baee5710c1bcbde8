"""The root cause is missing, or only a placeholder.

Question 3. Keep asking why until you reach a process or system you can
change, not a person, and write that down.

Bad::

    root_cause:
      summary: TBD

Good::

    root_cause:
      summary: >-
        A shared default lowered the cache's memory limit, and the config
        pipeline had no check that production values differ from defaults.
"""

from coe.lint.answers import is_unanswered
from coe.lint.rule import Group, Violation

ID = "root-cause-missing"
GROUP = Group.CONTENT


def check(document, context):
    section = document.coe.root_cause
    if section is None or is_unanswered(section.summary):
        yield Violation(("root_cause", "summary"), "state the root cause in `root_cause.summary`")
