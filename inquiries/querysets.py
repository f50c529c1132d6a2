"""The coordinators' questions about requests, as QuerySet methods (Inquiry.objects...)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .business_hours import OpeningHours


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
