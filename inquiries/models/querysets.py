"""The coordinators' questions about requests, as QuerySet methods (Inquiry.objects...)."""

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from clinic.phone import phone_digits

from ..business_hours import OpeningHours

# Fewer digits than a local number could be part of anything (a date, a reference).
PHONE_SEARCH_MIN_DIGITS = 7


class QueueRank(models.IntegerChoices):
    """The coordinators' queue, in what is due: past the response-time promise first, then
    follow-ups due today (or earlier), then new requests by when they fall due, then the
    rest of the open requests; closed and spam last (when shown)."""

    OVERDUE = 0
    FOLLOW_UP_DUE = 1
    NEW = 2
    OPEN = 3
    DONE = 4


# The queue's order, over the columns ``in_queue_order()`` adds: within a rank, the oldest
# request first (the most overdue), follow-ups by their date.
QUEUE_ORDERING = [
    F("queue_rank").asc(),
    F("queue_follow_up_on").asc(nulls_last=True),
    F("created_at").asc(),
    F("id").asc(),
]


def opening_hours():
    """The clinic's opening hours, from the settings (checked at start: inquiries.checks)."""
    return OpeningHours.from_strings(
        days=settings.CLINIC_OPENING_DAYS,
        hours=settings.CLINIC_OPENING_HOURS,
        time_zone=settings.TIME_ZONE,
    )


def response_due(received):
    """When the clinic promised to have contacted a patient whose request came at ``received``."""
    return opening_hours().add(received, settings.INQUIRY_RESPONSE_BUSINESS_HOURS)


def response_cutoff(now=None):
    """Requests received at or before this moment are past the response-time promise at ``now``."""
    return opening_hours().subtract(now or timezone.now(), settings.INQUIRY_RESPONSE_BUSINESS_HOURS)


class InquiryQuerySet(models.QuerySet):
    def open(self):
        """Requests still being handled: new, in progress or scheduled."""
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def new_and_unassigned(self):
        """Requests nobody has picked up yet."""
        return self.filter(status=self.model.Status.NEW, assigned_to__isnull=True)

    def overdue(self, *, now=None):
        """New requests (nobody tried to contact the patient) past the response-time promise.

        One range query on the received time: the cutoff is found by walking the
        promise's business hours back from now (inquiries/business_hours.py).
        """
        return self.filter(self.overdue_condition(now))

    def follow_up_due(self, *, today=None):
        """Open requests whose follow-up date is today or past."""
        return self.filter(self.follow_up_condition(today))

    def with_triage_columns(self, *, now=None):
        """Each request with ``is_overdue``, ``is_follow_up_due`` and ``attempt_count``:
        what the coordinators' list shows, computed in the list's one query."""
        ContactAttempt = self.model._meta.get_field("contact_attempts").related_model
        attempts = (
            ContactAttempt.objects.filter(inquiry=OuterRef("pk"))
            .order_by()
            .values("inquiry")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            is_overdue=ExpressionWrapper(
                self.overdue_condition(now), output_field=models.BooleanField()
            ),
            is_follow_up_due=ExpressionWrapper(
                self.follow_up_condition(None), output_field=models.BooleanField()
            ),
            attempt_count=Coalesce(Subquery(attempts), 0),
        )

    def same_person_as(self, inquiry):
        """Requests sent with ``inquiry``'s email address (in any case) or phone digits."""
        person = Q(email_lower=inquiry.email.lower())
        if inquiry.phone_digits:
            person |= Q(phone_digits=inquiry.phone_digits)
        return self.alias(email_lower=Lower("email")).filter(person)

    def search(self, term):
        """Requests a coordinator's search ``term`` finds, whatever their status: by
        reference, part of the name, email address or phone number as written (in any case),
        or the whole phone number by its digits ("(303) 555-1031" finds "+1 303 555 1031")."""
        term = " ".join(term.split())
        if not term:
            return self
        found = (
            Q(reference=term.upper())
            | Q(name__icontains=term)
            | Q(email__icontains=term)
            | Q(phone__icontains=term)
        )
        digits = phone_digits(term)
        if len(digits) >= PHONE_SEARCH_MIN_DIGITS:
            found |= Q(phone_digits=digits)
        return self.filter(found)

    def in_queue_order(self, *, now=None):
        """Each request with its place in the queue (``queue_rank``, ``queue_follow_up_on``),
        in the queue's order (``QUEUE_ORDERING``)."""
        Status = self.model.Status
        return (
            self.annotate(
                queue_rank=Case(
                    When(self.overdue_condition(now), then=Value(QueueRank.OVERDUE)),
                    When(self.follow_up_condition(None), then=Value(QueueRank.FOLLOW_UP_DUE)),
                    When(status=Status.NEW, then=Value(QueueRank.NEW)),
                    When(status__in=self.model.OPEN_STATUSES, then=Value(QueueRank.OPEN)),
                    default=Value(QueueRank.DONE),
                )
            )
            .annotate(
                queue_follow_up_on=Case(
                    When(
                        queue_rank__in=[QueueRank.FOLLOW_UP_DUE, QueueRank.OPEN],
                        then=F("follow_up_on"),
                    ),
                    default=None,
                    output_field=models.DateField(),
                )
            )
            .order_by(*QUEUE_ORDERING)
        )

    def queue(self, *, now=None):
        """The open requests, in the order they are due (``in_queue_order``)."""
        return self.open().in_queue_order(now=now)

    def with_contact_summary(self):
        """Each request with ``attempt_count`` and its latest contact attempt's time and
        outcome (``last_contact_at``, ``last_contact_outcome``): the CSV's columns."""
        ContactAttempt = self.model._meta.get_field("contact_attempts").related_model
        attempts = ContactAttempt.objects.filter(inquiry=OuterRef("pk")).order_by()
        latest = attempts.order_by("-at", "-pk")
        return self.annotate(
            attempt_count=Coalesce(
                Subquery(attempts.values("inquiry").annotate(count=Count("pk")).values("count")),
                0,
            ),
            last_contact_at=Subquery(latest.values("at")[:1]),
            last_contact_outcome=Subquery(latest.values("outcome")[:1]),
        )

    def awaiting_notification(self):
        """New requests the coordinators were not told about (yet). Not those a coordinator
        has already taken up, closed or marked spam: when the first coordinator gets an email
        address, the backlog of old requests does not arrive in their inbox."""
        return self.filter(notified_at__isnull=True, status=self.model.Status.NEW)

    def purgeable(self, *, before):
        """Closed and spam requests last changed before ``before``."""
        return self.filter(
            status__in=[self.model.Status.CLOSED, self.model.Status.SPAM], updated_at__lt=before
        )

    def overdue_condition(self, now=None):
        """The condition of ``overdue()``, for filtered counts."""
        return Q(status=self.model.Status.NEW, created_at__lte=response_cutoff(now))

    def follow_up_condition(self, today=None):
        """The condition of ``follow_up_due()``, for filtered counts."""
        return Q(
            status__in=self.model.OPEN_STATUSES,
            follow_up_on__lte=today or timezone.localdate(),
        )
