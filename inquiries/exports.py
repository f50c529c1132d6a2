"""Exports of requests: the coordinators' CSV (the admin's "Export selected requests as CSV"),
spreadsheet-safe, patients' messages only with their own permission."""

import csv
import logging

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

# The name the export's trace has always had in the logs (it is an admin action).
logger = logging.getLogger("inquiries.admin")

# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "id",
    "received",
    "status",
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


def inquiries_csv(request, queryset):
    """The selected requests as a CSV download (never cached), the export logged."""
    with_messages = request.user.has_perm("inquiries.export_inquiry_messages")
    filename = f"requests-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(HEADER + (["message"] if with_messages else []))
    inquiries = queryset.select_related("article", "assigned_to").order_by("-created_at")
    for inquiry in inquiries:
        row = [
            inquiry.pk,
            timezone.localtime(inquiry.created_at).isoformat(timespec="minutes"),
            inquiry.get_status_display(),
            inquiry.name,
            inquiry.email,
            inquiry.phone,
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
    # Exports of patients' details are worth a trace: who, how many, messages or not.
    logger.info(
        "User %s exported %s inquiries as CSV (messages included: %s)",
        request.user.pk,
        len(inquiries),
        with_messages,
    )
    return response
