"""Writes with side effects: a patient's submission, and the coordinators' triage."""

import functools
import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, close_old_connections, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinic.models import SiteSettings

from .models import Inquiry, InquiryEvent

logger = logging.getLogger(__name__)

# Two threads per server process for the new-request emails (INQUIRY_EMAILS_IN_BACKGROUND).
_email_senders = ThreadPoolExecutor(max_workers=2, thread_name_prefix="inquiry-email")


def submit_inquiry(*, form, request):
    """Store a valid contact form, then, once committed, tell the coordinators and the patient.

    A filled-in honeypot stores the request as spam (so a false positive can be recovered)
    and sends nothing. The same form posted again (same ``submission_token``: a double
    click, a browser's retry, a retry after an error page) returns the request it already
    made, and sends nothing again.
    """
    token = form.cleaned_data.get("submission_token")
    inquiry = form.save(commit=False)
    inquiry.consented_at = timezone.now()
    inquiry.submission_token = token
    if form.is_spam:
        inquiry.status = Inquiry.Status.SPAM
    try:
        with transaction.atomic():
            inquiry.save()
            if inquiry.status != Inquiry.Status.SPAM:
                for email in (notify_coordinators, send_patient_confirmation):
                    transaction.on_commit(functools.partial(_send, email, inquiry), robust=True)
    except IntegrityError:
        # The same form again (the token is unique in the database): the first one stands.
        # Asking the database first would cost every submission a query for a rare case.
        earlier = Inquiry.objects.filter(submission_token=token).first() if token else None
        if earlier is None:
            raise
        logger.info("Inquiry #%s: the same form was sent again; kept once", earlier.pk)
        return earlier
    logger.info("Inquiry #%s received (status %s)", inquiry.pk, inquiry.status)
    return inquiry


def _send(email, inquiry):
    if settings.INQUIRY_EMAILS_IN_BACKGROUND:
        _email_senders.submit(_send_in_background, email, inquiry)
    else:
        email(inquiry)


def _send_in_background(email, inquiry):
    # This thread keeps its own database connection between emails, as a request would
    # (CONN_MAX_AGE), rather than opening one for every email in a burst.
    close_old_connections()
    try:
        email(inquiry)
    except Exception:
        logger.exception("Inquiry #%s: %s failed", inquiry.pk, email.__name__)
    finally:
        close_old_connections()


def notify_coordinators(inquiry):
    """Email INQUIRY_NOTIFY_EMAILS that a request arrived; True when the email went out.

    The email carries a link and the topic only: no name, contact details or message.
    A failure is logged and leaves ``notified_at`` empty, so the email can be retried.
    """
    recipients = settings.INQUIRY_NOTIFY_EMAILS
    if not recipients:
        logger.warning(
            "Inquiry #%s: INQUIRY_NOTIFY_EMAILS is empty, nobody was notified", inquiry.pk
        )
        return False
    admin_path = reverse("admin:inquiries_inquiry_change", args=[inquiry.pk])
    context = {
        "inquiry_id": inquiry.pk,
        "topic": inquiry.article.title if inquiry.article_id else "",
        "received": timezone.localtime(inquiry.created_at),
        "admin_url": f"{settings.SITE_URL}{admin_path}",
    }
    try:
        send_mail(
            subject=f"New care-coordinator request #{inquiry.pk}",
            message=render_to_string("emails/inquiry_notification.txt", context),
            from_email=None,
            recipient_list=recipients,
            fail_silently=False,
        )
    except Exception:
        logger.exception("Inquiry #%s: the email to the coordinators failed", inquiry.pk)
        return False
    notified_at = timezone.now()
    Inquiry.objects.filter(pk=inquiry.pk).update(notified_at=notified_at)
    inquiry.notified_at = notified_at
    return True


def send_patient_confirmation(inquiry):
    """Tell the patient their request arrived (when the site settings say so).

    It repeats nothing they wrote: email is not a safe place for health information.
    """
    site = SiteSettings.load()
    if not site.send_patient_confirmation:
        return False
    try:
        send_mail(
            subject=f"We received your request | {site.clinic_name}",
            message=render_to_string("emails/patient_confirmation.txt", {"site": site}),
            from_email=None,
            recipient_list=[inquiry.email],
            fail_silently=False,
        )
    except Exception:
        logger.exception("Inquiry #%s: the confirmation email to the patient failed", inquiry.pk)
        return False
    return True


def user_label(user):
    """How the admin and the history name a staff member: full name, else username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def set_status(*, inquiries, status, actor):
    """Move each of ``inquiries`` to ``status``, recording who did it; returns how many moved."""
    now = timezone.now()
    with transaction.atomic():
        changed = list(
            inquiries.select_for_update(of=("self",))
            .exclude(status=status)
            .values_list("pk", "status")
        )
        InquiryEvent.objects.bulk_create(
            InquiryEvent(
                inquiry_id=pk,
                actor=actor,
                kind=InquiryEvent.Kind.STATUS,
                from_value=previous,
                to_value=status,
                at=now,
            )
            for pk, previous in changed
        )
        Inquiry.objects.filter(pk__in=[pk for pk, _ in changed]).update(
            status=status, updated_at=now
        )
    return len(changed)


def assign(*, inquiries, assignee, actor):
    """Assign each of ``inquiries`` to ``assignee``, recording who did it; returns how many."""
    now = timezone.now()
    with transaction.atomic():
        changed = list(
            inquiries.select_for_update(of=("self",))
            .exclude(assigned_to=assignee)
            .select_related("assigned_to")
        )
        InquiryEvent.objects.bulk_create(
            InquiryEvent(
                inquiry=inquiry,
                actor=actor,
                kind=InquiryEvent.Kind.ASSIGNMENT,
                from_value=user_label(inquiry.assigned_to),
                to_value=user_label(assignee),
                at=now,
            )
            for inquiry in changed
        )
        Inquiry.objects.filter(pk__in=[i.pk for i in changed]).update(
            assigned_to=assignee, updated_at=now
        )
    return len(changed)


def save_triage(*, inquiry, actor):
    """Save a coordinator's edit of ``inquiry`` and record any change of status or assignee."""
    with transaction.atomic():
        stored = (
            Inquiry.objects.select_for_update(of=("self",))
            .select_related("assigned_to")
            .get(pk=inquiry.pk)
        )
        events = []
        if stored.status != inquiry.status:
            events.append(
                InquiryEvent(
                    kind=InquiryEvent.Kind.STATUS,
                    from_value=stored.status,
                    to_value=inquiry.status,
                )
            )
        if stored.assigned_to_id != inquiry.assigned_to_id:
            events.append(
                InquiryEvent(
                    kind=InquiryEvent.Kind.ASSIGNMENT,
                    from_value=user_label(stored.assigned_to),
                    to_value=user_label(inquiry.assigned_to),
                )
            )
        # Only the triage fields: the patient's own words are never written back.
        inquiry.save(update_fields=["status", "assigned_to", "follow_up_on", "updated_at"])
        for event in events:
            event.inquiry = inquiry
            event.actor = actor
        InquiryEvent.objects.bulk_create(events)
