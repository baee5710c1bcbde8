"""The impact has no numbers.

"Some customers were affected" cannot be compared or prioritised. Give
`customers_affected`, a metric, or numbers in the impact text.

Bad::

    impact:
      customers: Some customers could not check out.

Good::

    impact:
      customers: 6,240 customers could not check out for 38 minutes.
      customers_affected: 6240
"""

import re

from coe.lint.rule import Group, Violation

ID = "impact-unquantified"
GROUP = Group.QUALITY
NUMBER = re.compile(r"\d")


def check(document, context):
    impact = document.coe.impact
    if impact is None:
        return  # impact-missing says it
    if impact.customers_affected is not None or impact.metrics:
        return
    texts = (impact.customers, impact.business, impact.customer_communication)
    if not any(NUMBER.search(text or "") for text in texts):
        yield Violation(("impact",), "quantify the impact: set `customers_affected`, add `metrics`, or give numbers")
