"""Writes with side effects: a patient's submission, the coordinators' triage, the purge."""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import ratelimit, tasks
from .apps import COORDINATORS_GROUP
from .models import ContactAttempt, Inquiry, InquiryEvent, new_reference

logger = logging.getLogger(__name__)

REFERENCE_ATTEMPTS = 3


def submit_inquiry(*, form, request):
    """Store a valid contact form, then, once committed, queue the coordinators' email and
    the patient's confirmation (inquiries.tasks, run by the task worker).

    Raises ``RateLimited`` (storing nothing) when this client already sent
    INQUIRY_RATE_LIMIT requests in the window: only stored requests count
    (inquiries/ratelimit.py), so the slot taken here is given back unless this call
    stores a new request.

    A filled-in honeypot stores the request as spam (so a false positive can be recovered)
    and sends nothing. The same form posted again (same ``submission_token``: a double
    click, a browser's retry, a retry after an error page) returns the request it already
    made, and sends nothing again.
    """
    slot = ratelimit.reserve_slot(request)
    try:
        inquiry = _store(form)
    except BaseException:
        slot.release()
        raise
    if inquiry.sent_before:
        slot.release()
    return inquiry


def _store(form):
    token = form.cleaned_data.get("submission_token")
    inquiry = form.save(commit=False)
    inquiry.consented_at = timezone.now()
    inquiry.submission_token = token
    if form.is_spam:
        inquiry.status = Inquiry.Status.SPAM
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                inquiry.save()
                if inquiry.status != Inquiry.Status.SPAM:
                    transaction.on_commit(lambda: enqueue_emails(inquiry.pk), robust=True)
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


def enqueue_emails(inquiry_id):
    """Queue the two emails of a new request: two rows, one commit.

    If this fails (the database went away just after the request was committed), the
    failure is logged, the patient is still thanked, and the periodic
    ``enqueue_missed_notifications`` queues the coordinators' email later.
    """
    with transaction.atomic():
        tasks.notify_coordinators.enqueue(inquiry_id)
        tasks.send_patient_confirmation.enqueue(inquiry_id)


def purge_inquiries(*, older_than_days, dry_run=False):
    """Delete closed and spam requests unchanged for ``older_than_days`` days, with their
    notes and history; returns (request numbers, deleted rows per model)."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    ids = list(Inquiry.objects.purgeable(before=cutoff).order_by("pk").values_list("pk", flat=True))
    if dry_run or not ids:
        return ids, {}
    with transaction.atomic():
        _, per_model = Inquiry.objects.filter(pk__in=ids).delete()
    logger.info("Purged %s closed or spam request(s): #%s", len(ids), ", #".join(map(str, ids)))
    return ids, per_model


def user_label(user):
    """How the admin and the history name a staff member: full name, else username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def care_coordinators():
    """The people a request can be assigned to: active members of "Care coordinators"."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=COORDINATORS_GROUP)
        .order_by("first_name", "last_name", "username")
    )


def record_contact_attempt(*, inquiry, outcome, actor):
    """Record one try at reaching the patient; the first one moves a new request to
    "in progress" (recorded in its history as any status change)."""
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update(of=("self",)).get(pk=inquiry.pk)
        attempt = ContactAttempt.objects.create(inquiry=locked, outcome=outcome, by=actor)
        if locked.status == Inquiry.Status.NEW:
            set_status(
                inquiries=Inquiry.objects.filter(pk=locked.pk),
                status=Inquiry.Status.IN_PROGRESS,
                actor=actor,
            )
        else:
            Inquiry.objects.filter(pk=locked.pk).update(updated_at=attempt.at)
    logger.info("Inquiry #%s: contact attempt (%s) by user %s", inquiry.pk, outcome, actor.pk)
    return attempt


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
