"""A corrective action has no owner.

An action nobody owns is not done. Name one person (or a team alias) who is
accountable for it.

Bad::

    corrective_actions:
      - id: CA-1
        action: Add a config check.
        due: 2027-01-15

Good::

    corrective_actions:
      - id: CA-1
        action: Add a config check.
        owner: a.lee
        due: 2027-01-15
"""

from coe.lint.answers import is_unanswered
from coe.lint.rule import Group, Violation

ID = "action-owner-missing"
GROUP = Group.CONTENT


def check(document, context):
    for index, action in enumerate(document.coe.corrective_actions):
        if is_unanswered(action.owner):
            yield Violation(("corrective_actions", index), f"corrective action {action.id} has no owner")
