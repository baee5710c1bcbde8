"""The COE is approved or closed, but nobody reviewed it.

Approval means someone outside the authors read it and agreed. Name them.

Bad::

    status: approved
    reviewers: []

Good::

    status: approved
    reviewers: [b.khan]
"""

from coe.lint.rule import Group, Violation

ID = "approved-without-reviewers"
GROUP = Group.CONTENT


def check(document, context):
    coe = document.coe
    if coe.status in ("approved", "closed") and not coe.reviewers:
        yield Violation(("status",), f"status is {coe.status} but `reviewers` is empty; name who reviewed it")
