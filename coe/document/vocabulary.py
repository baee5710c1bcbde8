"""The words a COE is written in: its enums, id patterns and seven questions.

Kept apart from :mod:`coe.document.model` so that code which only needs these names
does not import Pydantic (see :mod:`coe.document.plain`).
"""

from __future__ import annotations

from enum import StrEnum

FORMAT_VERSION = 1
ID_PATTERN = r"^[A-Z][A-Z0-9]*-[0-9]+$"
ACTION_ID_PATTERN = r"^CA-[0-9]+$"
CUSTOM_FIELD_PREFIX = "x_"


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in-review"
    APPROVED = "approved"
    CLOSED = "closed"


class Severity(StrEnum):
    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"
    SEV5 = "SEV5"


class Kind(StrEnum):
    TECHNICAL = "technical"
    CUSTOMER_SERVICE = "customer-service"
    PROCESS = "process"
    SECURITY = "security"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    WONT_DO = "wont-do"


class ActionKind(StrEnum):
    PREVENT = "prevent"
    DETECT = "detect"
    MITIGATE = "mitigate"
    PROCESS = "process"


# Sections that hold the seven questions, in order.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("what_happened", "What happened?"),
    ("impact", "What was the impact on customers and on the business?"),
    ("root_cause", "What was the root cause?"),
    ("supporting_data", "What data supports this?"),
    ("implications", "What were the critical implications, especially for security?"),
    ("lessons_learned", "What lessons did we learn?"),
    ("corrective_actions", "What corrective actions are we taking so this does not happen again?"),
)
