"""Writes with side effects: a patient's submission. The purge is in retention.py, the
coordinators' writes in triage.py; the emails a submission sends, in tasks.py and emails.py."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from clinic.languages import active_language

from . import ratelimit, tasks
from .models import Inquiry, new_reference

logger = logging.getLogger(__name__)

REFERENCE_ATTEMPTS = 3


def submit_inquiry(*, form, request):
    """Store a valid contact form, then, once committed, queue the coordinators' email and
    the patient's confirmation (inquiries.tasks, run by the task worker).

    The request records the form's language (Spanish from /es/contacto/): the patient's
    confirmation is written, and the coordinators call back, in it.

    Raises ``RateLimited`` (storing nothing) when this client already sent
    INQUIRY_RATE_LIMIT requests in the window: only stored requests count
    (inquiries/ratelimit.py), so the slot taken here is given back unless this call
    stores a new request.

    A filled-in honeypot stores the request as spam (so a false positive can be recovered)
    and sends nothing. The same form posted again (same ``submission_token``: a double
    click, a browser's retry, a retry after an error page) returns the request it already
    made, and sends nothing again; so do the same words from the same email address within
    INQUIRY_DUPLICATE_WINDOW_SECONDS (the form sent again from a new page: Back, another
    tab), before any rate limit applies.
    """
    duplicate = _duplicate_of(form)
    if duplicate is not None:
        logger.info("Inquiry #%s: the same words were sent again; kept once", duplicate.pk)
        duplicate.sent_before = True
        return duplicate
    slot = ratelimit.reserve_slot(request)
    try:
        inquiry = _store(form, language=active_language())
    except BaseException:
        slot.release()
        raise
    if inquiry.sent_before:
        slot.release()
    return inquiry


def _duplicate_of(form):
    """The request stored in the last INQUIRY_DUPLICATE_WINDOW_SECONDS with the same email
    address (in any case) and message, or None. Spam is never matched, nor matches."""
    if form.is_spam:
        return None
    since = timezone.now() - datetime.timedelta(seconds=settings.INQUIRY_DUPLICATE_WINDOW_SECONDS)
    return (
        Inquiry.objects.filter(
            email__iexact=form.cleaned_data["email"],
            message=form.cleaned_data["message"],
            created_at__gte=since,
        )
        .exclude(status=Inquiry.Status.SPAM)
        .order_by("created_at")
        .first()
    )


def _store(form, *, language):
    token = form.cleaned_data.get("submission_token")
    inquiry = form.save(commit=False)
    inquiry.consented_at = timezone.now()
    inquiry.language = language  # the form's (the URL's): /es/contacto/ is Spanish
    inquiry.submission_token = token
    if form.is_spam:
        inquiry.status = Inquiry.Status.SPAM
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                inquiry.save()
                if inquiry.status != Inquiry.Status.SPAM:
                    transaction.on_commit(
                        lambda: tasks.enqueue_new_request_emails(inquiry.pk), robust=True
                    )
            break
        except IntegrityError:
            # The same form again (the token is unique in the database): the first one
            # stands. Asking the database first would cost every submission a query for a
            # rare case.
            earlier = Inquiry.objects.filter(submission_token=token).first() if token else None
            if earlier is not None:
                logger.info("Inquiry #%s: the same form was sent again; kept once", earlier.pk)
                earlier.sent_before = True
                return earlier
            # Or, once in about 10 ** 12 / (requests stored), a reference already given.
            if attempt + 1 == REFERENCE_ATTEMPTS:
                raise
            inquiry.pk = None
            inquiry.reference = new_reference()
    logger.info("Inquiry #%s received (status %s)", inquiry.pk, inquiry.status)
    inquiry.sent_before = False
    return inquiry
