"""The two emails a new request sends, each at most once per request (in the database).

Each email is claimed with a conditional UPDATE (``notified_at`` / ``confirmation_sent_at``
still empty) in a transaction that stays open while the mail server takes the message, and
commits once it has: a second run of the same task, at the same moment on another worker or
later, finds the time set (or waits for the row lock, then finds it) and sends nothing. A
failure raises and rolls the claim back, so a retry sends it. A worker killed after the
mail server accepted the message and before the commit leaves the time empty, and the
email goes out again: delivery is at least once. The window is that of one SMTP QUIT and
one COMMIT; the repeat carries the same ``Message-ID``, which mail clients show once.
"""

import logging
import urllib.parse

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from clinic.models import SiteSettings

from .models import Inquiry
from .triage import care_coordinators

logger = logging.getLogger(__name__)


def coordinator_recipients():
    """Who is told about a new request: INQUIRY_NOTIFY_EMAILS when it is set, else the email
    addresses of the active members of "Care coordinators" (read when the email is sent, so
    a coordinator added in the admin is told about the next request). Empty: nobody."""
    if settings.INQUIRY_NOTIFY_EMAILS:
        return list(settings.INQUIRY_NOTIFY_EMAILS)
    addresses = care_coordinators().exclude(email="").values_list("email", flat=True)
    return sorted(set(addresses))


def notify_coordinators(inquiry_id):
    """Email the coordinators (coordinator_recipients) that request ``inquiry_id`` arrived;
    True when sent now.

    The email carries a link and the topic only: no name, contact details or message.
    False when there is nothing to send: already sent, spam, deleted, or no recipients.
    Raises when the mail server fails (``notified_at`` stays empty).
    """
    recipients = coordinator_recipients()
    if not recipients:
        # The system check inquiries.W001 says so once, at start, with what to set.
        logger.debug("Inquiry #%s: nobody to notify", inquiry_id)
        return False
    with transaction.atomic():
        if not _claim(inquiry_id, "notified_at"):
            return False
        inquiry = Inquiry.objects.select_related("article").get(pk=inquiry_id)
        admin_path = reverse("admin:inquiries_inquiry_change", args=[inquiry.pk])
        context = {
            "inquiry_id": inquiry.pk,
            "topic": inquiry.article.title if inquiry.article_id else "",
            "received": timezone.localtime(inquiry.created_at),
            "language": inquiry.get_language_display(),
            "admin_url": f"{settings.SITE_URL}{admin_path}",
        }
        # In English (the coordinators' language), saying the patient's when it is another:
        # a request from the Spanish form is called back in Spanish, said at a glance.
        in_language = (
            "" if inquiry.language == Inquiry.Language.ENGLISH
            else f" (in {inquiry.get_language_display()})"
        )  # fmt: skip
        _send(
            inquiry,
            "coordinators",
            subject=f"New care-coordinator request #{inquiry.pk}{in_language}",
            body=render_to_string("emails/inquiry_notification.txt", context),
            to=recipients,
        )
    logger.info("Inquiry #%s: the coordinators were notified", inquiry_id)
    return True


def confirm_to_patient(inquiry_id):
    """Tell the patient their request arrived, when the site settings say so; True when sent.

    In the language of the form they sent (the task worker has no page language of its
    own). It repeats nothing they wrote: email is not a safe place for health information.
    Raises when the mail server fails (``confirmation_sent_at`` stays empty).
    """
    site = SiteSettings.load(cached=False)
    if not site.send_patient_confirmation:
        return False
    with transaction.atomic():
        if not _claim(inquiry_id, "confirmation_sent_at"):
            return False
        inquiry = Inquiry.objects.get(pk=inquiry_id)
        with translation.override(inquiry.language):
            subject = gettext("We received your request | %(clinic)s") % {
                "clinic": site.clinic_name
            }
            body = render_to_string(
                "emails/patient_confirmation.txt", {"site": site, "ref": inquiry.reference}
            )
        _send(inquiry, "confirmation", subject=subject, body=body, to=[inquiry.email])
    return True


def _claim(inquiry_id, sent_at):
    """Set the request's ``sent_at`` field to now if it is still empty (and the request is
    not spam): True when this call claimed the email (see above), False when there is
    nothing to send."""
    unsent = Inquiry.objects.filter(pk=inquiry_id, **{f"{sent_at}__isnull": True}).exclude(
        status=Inquiry.Status.SPAM
    )
    return unsent.update(**{sent_at: timezone.now()}) == 1


def _send(inquiry, kind, *, subject, body, to):
    # The same Message-ID every time this email is sent: a repeat after a crash (see
    # above) is recognisably the same message. The time of the request keeps it unique
    # across databases (a staging copy's request #12 is another message).
    domain = urllib.parse.urlsplit(settings.SITE_URL).hostname or "localhost"
    stamp = inquiry.created_at.strftime("%Y%m%d%H%M%S%f")
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=to,
        headers={"Message-ID": f"<inquiry-{inquiry.pk}.{stamp}.{kind}@{domain}>"},
    )
    message.send(fail_silently=False)
