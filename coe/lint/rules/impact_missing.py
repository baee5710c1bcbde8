"""The impact on customers and on the business is not described.

Question 2 of every COE. Say who was hurt and how, and what it cost the
business, even when the answer is "little".

Bad::

    impact:
      customers: ""

Good::

    impact:
      customers: 6,240 customers could not check out for 38 minutes.
      business: About $58,000 of orders were lost.
"""

from coe.lint.answers import is_unanswered
from coe.lint.rule import Group, Violation

ID = "impact-missing"
GROUP = Group.CONTENT


def check(document, context):
    impact = document.coe.impact
    if impact is None or (is_unanswered(impact.customers) and is_unanswered(impact.business)):
        yield Violation(("impact",), "describe the impact on customers (`impact.customers`) and on the business (`impact.business`)")
