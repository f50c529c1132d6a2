"""The requests' models: Inquiry (a patient's request) in inquiry.py; its notes, history and
calls in activity.py; who looked at them in access.py (the access log); the reads the
screens make in querysets.py."""

from .access import AccessAction, AccessEvent
from .activity import ContactAttempt, EventKind, InquiryEvent, InquiryNote, Outcome
from .inquiry import (
    MESSAGE_MAX_LENGTH,
    Inquiry,
    PreferredContact,
    Status,
    TimelineEntry,
    new_reference,
    staff_name,
    validate_phone,
)

__all__ = [
    "MESSAGE_MAX_LENGTH",
    "AccessAction",
    "AccessEvent",
    "ContactAttempt",
    "EventKind",
    "Inquiry",
    "InquiryEvent",
    "InquiryNote",
    "Outcome",
    "PreferredContact",
    "Status",
    "TimelineEntry",
    "new_reference",
    "staff_name",
    "validate_phone",
]
