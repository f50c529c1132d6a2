"""What happens to a request once it is in: coordinators' notes (InquiryNote), its history
(InquiryEvent: status changes, assignments) and the calls made (ContactAttempt)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clinic.models import staff_member_who_did_it

from .inquiry import Inquiry


class InquiryNote(models.Model):
    """A coordinator's internal note on a request; never shown to the patient."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="inquiry_notes",
    )
    body = models.TextField("note", max_length=4000)
    created_at = models.DateTimeField("written", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "note"

    def __str__(self):
        return f"Note on request #{self.inquiry_id}"


class EventKind(models.TextChoices):
    STATUS = "status", "Status"
    ASSIGNMENT = "assignment", "Assignment"


class InquiryEvent(models.Model):
    """One change of a request's status or assignee: who, when, from what to what."""

    Kind = EventKind

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="events")
    actor = staff_member_who_did_it()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_value = models.CharField("from", max_length=150, blank=True)
    to_value = models.CharField("to", max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "history entry"
        verbose_name_plural = "history"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def description(self):
        """e.g. 'Status: New → In progress' or 'Assigned: nobody → Maria'."""
        if self.kind == self.Kind.STATUS:
            labels = dict(Inquiry.Status.choices)
            before = labels.get(self.from_value, self.from_value)
            after = labels.get(self.to_value, self.to_value)
            return f"Status: {before} \u2192 {after}"
        return f"Assigned: {self.from_value or 'nobody'} \u2192 {self.to_value or 'nobody'}"


class Outcome(models.TextChoices):
    REACHED = "reached", "Reached"
    VOICEMAIL = "voicemail", "Left a voicemail"
    NO_ANSWER = "no_answer", "No answer"
    WRONG_NUMBER = "wrong_number", "Wrong number"


class ContactAttempt(models.Model):
    """One try at reaching the patient: who, when, and what came of it."""

    Outcome = Outcome

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="contact_attempts")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    by = staff_member_who_did_it()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "contact attempt"
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values),
                name="%(app_label)s_%(class)s_outcome_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} (request #{self.inquiry_id})"
