"""A `# coe: disable=...` comment suppresses nothing.

A suppression that no longer matches a finding hides nothing today, but it
will silently hide a real problem tomorrow. Remove it, or fix its rule name.

Bad::

    root_cause:
      summary: The cache evicted sessions.  # coe: disable=root-cause-missing

Good::

    root_cause:
      summary: The cache evicted sessions.
"""

from coe.lint.rule import Group

ID = "unused-suppression"
GROUP = Group.QUALITY
# The engine finds these after every other rule has run, when it applies the suppressions.
REPORTED_BY = "coe.lint.engine"
