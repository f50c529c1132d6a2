"""The coordinators' writes: taking a request, moving it along, each try at reaching the
patient, each recorded in the request's history (InquiryEvent, ContactAttempt)."""

import functools
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import ContactAttempt, Inquiry, InquiryEvent, InquiryNote, staff_name
from .roles import COORDINATORS_GROUP

logger = logging.getLogger(__name__)


# The fields whose changes the history records: the kind of event, and how it names a value.
RECORDED_FIELDS = {
    "status": (InquiryEvent.Kind.STATUS, str),
    "assigned_to": (InquiryEvent.Kind.ASSIGNMENT, functools.partial(staff_name, nobody="")),
}


def care_coordinators():
    """The people a request can be assigned to: active members of "Care coordinators"."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=COORDINATORS_GROUP)
        .order_by("first_name", "last_name", "username")
    )


def set_status(*, inquiries, status, actor):
    """Move each of ``inquiries`` to ``status``, recording who did it; returns how many moved."""
    return _change(inquiries, "status", status, actor=actor)


def assign(*, inquiries, assignee, actor):
    """Assign each of ``inquiries`` to ``assignee``, recording who did it; returns how many."""
    return _change(inquiries.select_related("assigned_to"), "assigned_to", assignee, actor=actor)


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


def record_call(*, inquiry, outcome, actor, note="", follow_up_on=None, status=""):
    """One call, in one save: the attempt, a note if any, the follow-up date, a new status if
    one was chosen; the request goes to the caller if nobody has it and they may hold it."""
    with transaction.atomic():
        record_contact_attempt(inquiry=inquiry, outcome=outcome, actor=actor)
        this = Inquiry.objects.filter(pk=inquiry.pk)
        if note:
            InquiryNote.objects.create(inquiry=inquiry, author=actor, body=note)
        unassigned = this.filter(assigned_to__isnull=True)
        if unassigned.exists() and care_coordinators().filter(pk=actor.pk).exists():
            assign(inquiries=unassigned, assignee=actor, actor=actor)
        if status:
            set_status(inquiries=this, status=status, actor=actor)
        this.update(follow_up_on=follow_up_on)


def next_in_queue(inquiry):
    """The open request after ``inquiry`` in the queue (the first if it is not in it)."""
    queue = list(Inquiry.objects.queue().values_list("pk", flat=True))
    after = queue[queue.index(inquiry.pk) + 1 :] if inquiry.pk in queue else queue
    return Inquiry.objects.filter(pk=after[0]).first() if after else None


def save_triage(*, inquiry, actor):
    """Save a coordinator's edit of ``inquiry`` and record any change of status or assignee."""
    now = timezone.now()
    with transaction.atomic():
        stored = (
            Inquiry.objects.select_for_update(of=("self",))
            .select_related("assigned_to")
            .get(pk=inquiry.pk)
        )
        changes = [
            (field, getattr(stored, field), getattr(inquiry, field)) for field in RECORDED_FIELDS
        ]
        events = [
            _event(inquiry, field, before, after, actor=actor, at=now)
            for field, before, after in changes
            if before != after
        ]
        # Only the triage fields: the patient's own words are never written back.
        inquiry.save(update_fields=["status", "assigned_to", "follow_up_on", "updated_at"])
        InquiryEvent.objects.bulk_create(events)


def _change(inquiries, field, value, *, actor):
    """Set ``field`` to ``value`` on each of ``inquiries`` where it differs, one history
    entry each, in one transaction; returns how many changed."""
    now = timezone.now()
    with transaction.atomic():
        changed = list(inquiries.select_for_update(of=("self",)).exclude(**{field: value}))
        InquiryEvent.objects.bulk_create(
            _event(inquiry, field, getattr(inquiry, field), value, actor=actor, at=now)
            for inquiry in changed
        )
        Inquiry.objects.filter(pk__in=[inquiry.pk for inquiry in changed]).update(
            **{field: value, "updated_at": now}
        )
    return len(changed)


def _event(inquiry, field, before, after, *, actor, at):
    """The history entry for a change of ``field`` from ``before`` to ``after``."""
    kind, label = RECORDED_FIELDS[field]
    return InquiryEvent(
        inquiry=inquiry,
        actor=actor,
        kind=kind,
        from_value=label(before),
        to_value=label(after),
        at=at,
    )
