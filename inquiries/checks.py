"""System checks, run once at start (``migrate``, ``runserver``, the task worker,
``check --deploy``), rather than a log line on every request."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError

from .business_hours import OpeningHours
from .emails import coordinator_recipients
from .roles import COORDINATORS_GROUP


@register()
def notification_recipients(app_configs, **kwargs):
    """Warn when nobody would be emailed about a new request.

    Without INQUIRY_NOTIFY_EMAILS the email goes to the active care coordinators, which
    only the database knows: one small query, at start. A database that cannot answer (not
    migrated yet, or down) shows no coordinator either, and the warning stands.
    """
    if settings.DEBUG or settings.INQUIRY_NOTIFY_EMAILS:
        return []
    try:
        if coordinator_recipients():
            return []
    except DatabaseError:
        pass
    return [
        Warning(
            "INQUIRY_NOTIFY_EMAILS is empty and no active care coordinator has an email "
            "address: nobody is emailed when a patient sends a request.",
            hint=f'Give an active member of the "{COORDINATORS_GROUP}" group an email address '
            "(manage.py create_staff_user --email, or the admin), or set "
            "INQUIRY_NOTIFY_EMAILS to the addresses to tell (comma-separated).",
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


@register()
def access_log_retention(app_configs, **kwargs):
    """The access log names requests: it must be kept longer than they are."""
    if settings.INQUIRY_ACCESS_LOG_RETENTION_DAYS > settings.INQUIRY_RETENTION_DAYS:
        return []
    return [
        Error(
            f"INQUIRY_ACCESS_LOG_RETENTION_DAYS ({settings.INQUIRY_ACCESS_LOG_RETENTION_DAYS}) "
            f"must be longer than INQUIRY_RETENTION_DAYS ({settings.INQUIRY_RETENTION_DAYS}): "
            "the record of who read a request must outlive the request.",
            hint="The default is 2190 days (six years).",
            id="inquiries.E002",
        )
    ]
