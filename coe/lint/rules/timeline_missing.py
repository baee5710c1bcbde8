"""The timeline is empty.

Question 1, what happened, needs the sequence of events with times: when it
started, when it was noticed, what was tried, when it ended.

Bad::

    what_happened:
      summary: Checkouts failed.
      timeline: []

Good::

    what_happened:
      summary: Checkouts failed.
      timeline:
        - at: 2026-03-17T14:02:00Z
          event: Config change deployed.
"""

from coe.lint.rule import Group, Violation

ID = "timeline-missing"
GROUP = Group.CONTENT


def check(document, context):
    section = document.coe.what_happened
    if section is None or not section.timeline:
        yield Violation(("what_happened", "timeline"), "add a timeline of events with timestamps to `what_happened.timeline`")
