"""The five whys stop too early.

One "why" names a symptom. Keep asking until the answer is a process or a
system you can change. Option `min_whys` (default 3).

Bad::

    root_cause:
      five_whys:
        - {why: Why did checkouts fail?, because: The cache was empty.}

Good::

    root_cause:
      five_whys:
        - {why: Why did checkouts fail?, because: The cache was empty.}
        - {why: Why was it empty?, because: Its memory limit was lowered.}
        - {why: Why was it lowered?, because: A development default reached production.}
"""

from coe.lint.rule import Group, Violation

ID = "five-whys-shallow"
GROUP = Group.QUALITY
OPTIONS = {"min_whys": 3}


def check(document, context):
    minimum = context.options["min_whys"]
    section = document.coe.root_cause
    whys = section.five_whys if section else []
    if len(whys) < minimum:
        yield Violation(
            ("root_cause", "five_whys"),
            f"only {len(whys)} of at least {minimum} whys; keep asking why until you reach a process or system",
        )
