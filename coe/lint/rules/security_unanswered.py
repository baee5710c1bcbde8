"""The security implications are not answered.

Question 5. Every COE answers it, even when the answer is no: write
"None: <the reason>" so a reader knows it was considered.

Bad::

    implications:
      privacy: None.

Good::

    implications:
      security: "None: no data left the service and no access changed."
"""

from coe.lint.answers import is_unanswered
from coe.lint.rule import Group, Violation

ID = "security-unanswered"
GROUP = Group.CONTENT


def check(document, context):
    section = document.coe.implications
    if section is None or is_unanswered(section.security):
        yield Violation(
            ("implications", "security"),
            'answer `implications.security`; if there were none, write "None: " and why',
        )
