"""System checks, run once at start (``migrate``, ``runserver``, the task worker,
``check --deploy``), rather than a log line on every request."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from .business_hours import OpeningHours


@register()
def notification_recipients(app_configs, **kwargs):
    if settings.DEBUG or settings.INQUIRY_NOTIFY_EMAILS:
        return []
    return [
        Warning(
            "INQUIRY_NOTIFY_EMAILS is empty: nobody is emailed when a patient sends a request.",
            hint="Set INQUIRY_NOTIFY_EMAILS to the coordinators' addresses (comma-separated).",
            id="inquiries.W001",
        )
    ]


@register()
def opening_hours(app_configs, **kwargs):
    try:
        OpeningHours.from_strings(
            days=settings.CLINIC_OPENING_DAYS,
            hours=settings.CLINIC_OPENING_HOURS,
            time_zone=settings.TIME_ZONE,
        )
    except ValueError as error:
        return [
            Error(
                f"The clinic's opening hours cannot be read: {error}",
                hint='e.g. CLINIC_OPENING_DAYS="mon-fri", CLINIC_OPENING_HOURS="08:00-17:00"',
                id="inquiries.E001",
            )
        ]
    return []
