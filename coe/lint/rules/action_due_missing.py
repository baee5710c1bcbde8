"""A corrective action has no due date.

Without a date an action slides forever, and nobody can tell it is late.

Bad::

    corrective_actions:
      - id: CA-1
        action: Add a config check.
        owner: a.lee

Good::

    corrective_actions:
      - id: CA-1
        action: Add a config check.
        owner: a.lee
        due: 2027-01-15
"""

from coe.lint.rule import Group, Violation

ID = "action-due-missing"
GROUP = Group.CONTENT


def check(document, context):
    for index, action in enumerate(document.coe.corrective_actions):
        if action.due is None and action.status != "wont-do":
            yield Violation(("corrective_actions", index), f"corrective action {action.id} has no due date")
