"""Exports of requests: the coordinators' CSV (the admin's "Export selected requests as CSV"),
spreadsheet-safe, patients' messages only with their own permission."""

import csv
import logging

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from . import access_log
from .models import AccessAction, ContactAttempt

# The name the export's trace has always had in the logs (it is an admin action).
logger = logging.getLogger("inquiries.admin")

# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Put before a phone number: an invisible character (WORD JOINER) that makes a spreadsheet
# read "+1 720 555 0100" or "0720 555 0100" as text, not a formula or a number, with nothing
# to see (a leading quote shows in Excel).
TEXT_MARKER = "\u2060"
HEADER = [
    "id",
    "reference",
    "received",
    "status",
    "attempts",
    "last contact",
    "last contact outcome",
    "name",
    "email",
    "phone",
    "preferred contact",
    "language",
    "best time",
    "about",
    "assigned to",
    "follow up on",
    "source page",
    "consented at",
]


def spreadsheet_safe(value):
    """The value as text a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def phone_as_text(phone):
    """A phone number a spreadsheet shows as typed: never a formula, whatever it holds,
    as the cell no longer starts with it."""
    return TEXT_MARKER + phone if phone else ""


def inquiries_csv(request, queryset, *, reason=""):
    """The selected requests as a CSV download (never cached), the export in the access
    log."""
    with_messages = request.user.has_perm("inquiries.export_inquiry_messages")
    filename = f"requests-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(HEADER + (["message"] if with_messages else []))
    inquiries = (
        queryset.with_contact_summary()
        .select_related("article", "assigned_to")
        .order_by("-created_at")
    )
    outcomes = dict(ContactAttempt.Outcome.choices)
    for inquiry in inquiries:
        row = [
            inquiry.pk,
            inquiry.reference,
            timezone.localtime(inquiry.created_at).isoformat(timespec="minutes"),
            inquiry.get_status_display(),
            inquiry.attempt_count,
            timezone.localtime(inquiry.last_contact_at).isoformat(timespec="minutes")
            if inquiry.last_contact_at
            else "",
            outcomes.get(inquiry.last_contact_outcome, ""),
            inquiry.name,
            inquiry.email,
            phone_as_text(inquiry.phone),
            inquiry.get_preferred_contact_display(),
            inquiry.get_language_display(),
            inquiry.best_time,
            inquiry.article.title if inquiry.article else "",
            inquiry.assigned_to.get_username() if inquiry.assigned_to else "",
            inquiry.follow_up_on.isoformat() if inquiry.follow_up_on else "",
            inquiry.source_page,
            timezone.localtime(inquiry.consented_at).isoformat(timespec="minutes"),
        ]
        if with_messages:
            row.append(inquiry.message)
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    access_log.record(
        request=request,
        action=AccessAction.EXPORTED,
        inquiry_ids=[inquiry.pk for inquiry in inquiries],
        messages_included=with_messages,
        reason=reason,
    )
    logger.info(
        "User %s exported %s inquiries as CSV (messages included: %s)",
        request.user.pk,
        len(inquiries),
        with_messages,
    )
    return response
