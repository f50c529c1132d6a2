"""A patient's request (Inquiry): who asked, how to reach them, what about, and where it stands."""

import re
import secrets
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from clinic.languages import Language
from clinic.phone import phone_digits

from .querysets import InquiryQuerySet, response_due

PHONE_CHARACTERS = re.compile(r"[0-9+\-() ]+")
PHONE_MIN_DIGITS = 7
PHONE_MAX_DIGITS = 20
MESSAGE_MAX_LENGTH = 2000
# A reference a patient can read out on the phone: no 0/O or 1/I to confuse. 32 ** 8 is
# about 10 ** 12 references, random, so one tells nothing about how many requests there are.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def validate_phone(value):
    """Digits, spaces, +, - and brackets, with 7 to 20 digits."""
    if not PHONE_CHARACTERS.fullmatch(value):
        raise ValidationError(
            _("Enter a phone number using only digits, spaces, +, - and brackets"),
            code="phone_characters",
        )
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise ValidationError(
            _("Enter a phone number with 7 to 20 digits, like 720 338 4491"),
            code="phone_digits",
        )


class TimelineEntry(NamedTuple):
    at: object  # datetime
    what: str
    by: str
    note: str = ""


def staff_name(user, nobody="-"):
    """How the admin and the history name a staff member (clinic.User's display name), or
    ``nobody``."""
    return nobody if user is None else str(user)


# The choices stand outside their models so that each Meta's check constraint can name
# their values; each model keeps them as an attribute (Inquiry.Status.NEW).
class Status(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    SCHEDULED = "scheduled", "Scheduled"
    CLOSED = "closed", "Closed"
    SPAM = "spam", "Spam"


class PreferredContact(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"


class Inquiry(models.Model):
    """A patient's request to talk to a care coordinator, sent from the contact form."""

    Status = Status
    PreferredContact = PreferredContact
    Language = Language

    # Still being handled; "new" means nobody has tried to contact the patient yet.
    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.SCHEDULED)

    # What the patient sent: never edited afterwards.
    name = models.CharField(max_length=150)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30, blank=True, validators=[validate_phone])
    # The phone's digits (clinic.phone.phone_digits), set on save: what a search by phone
    # and "the same person's other requests" match, however the number was written.
    phone_digits = models.CharField(max_length=PHONE_MAX_DIGITS, blank=True, editable=False)
    preferred_contact = models.CharField(
        "preferred contact",
        max_length=10,
        choices=PreferredContact.choices,
        default=PreferredContact.EMAIL,
    )
    best_time = models.CharField("best time to contact", max_length=100, blank=True)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
        verbose_name="about",
    )
    message = models.TextField(max_length=MESSAGE_MAX_LENGTH, blank=True)
    source_page = models.CharField(
        max_length=300, blank=True, help_text="The page on this site the patient came from."
    )
    # The form's language: the patient is written to, and called back, in it.
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    consented_at = models.DateTimeField(
        "consented at", help_text="When the patient agreed that the clinic may contact them."
    )

    # The coordinators' triage.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_inquiries",
        limit_choices_to={"is_staff": True},
    )
    follow_up_on = models.DateField("follow up on", null=True, blank=True)

    reference = models.CharField(
        max_length=REFERENCE_LENGTH,
        unique=True,
        editable=False,
        default=new_reference,
        help_text="The short reference the patient was given, to quote on the phone.",
    )
    # The hidden token of the form the request came from: the same form posted twice
    # makes one request (inquiries.services.submit_inquiry).
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    notified_at = models.DateTimeField(
        "coordinators notified at",
        null=True,
        blank=True,
        editable=False,
        help_text="When the new-request email went out; empty if it has not (yet) succeeded.",
    )
    confirmation_sent_at = models.DateTimeField(
        "patient confirmation sent at",
        null=True,
        blank=True,
        editable=False,
        help_text="When the patient's confirmation went out; empty if it has not (or is off).",
    )
    confirmation_failed_at = models.DateTimeField(
        "confirmation could not be sent",
        null=True,
        blank=True,
        editable=False,
        help_text="When sending the patient's confirmation was given up: the mail server "
        "refused it for good, or it failed INQUIRY_EMAIL_MAX_ATTEMPTS times.",
    )
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "inquiry"
        verbose_name_plural = "inquiries"
        permissions = [
            ("export_inquiry_messages", "Can export patients' messages in CSV exports"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(preferred_contact__in=PreferredContact.values),
                name="%(app_label)s_%(class)s_preferred_contact_valid",
            ),
            models.CheckConstraint(
                condition=~Q(preferred_contact="phone") | ~Q(phone=""),
                name="%(app_label)s_%(class)s_phone_when_preferred",
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values),
                name="%(app_label)s_%(class)s_language_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "assigned_to"]),
            models.Index(fields=["phone_digits"], name="inquiries_inquiry_phone_digits"),
            models.Index(Lower("email"), name="inquiries_inquiry_email_lower"),
        ]

    def __str__(self):
        return f"Request #{self.pk}"

    def save(self, *args, **kwargs):
        self.phone_digits = phone_digits(self.phone)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "phone" in update_fields:
            kwargs["update_fields"] = {*update_fields, "phone_digits"}
        super().save(*args, **kwargs)

    def clean(self):
        if self.preferred_contact == self.PreferredContact.PHONE and not self.phone:
            raise ValidationError(
                {"phone": _("Enter a phone number, or choose to be contacted by email")}
            )

    def response_due_at(self):
        """When the clinic promised to have contacted the patient (in business hours)."""
        return response_due(self.created_at)

    def same_person_requests(self):
        """The other requests sent with this one's email (in any case) or phone number."""
        return type(self).objects.same_person_as(self).exclude(pk=self.pk)

    def timeline(self):
        """Everything that happened to the request, oldest first: status and assignee
        changes, contact attempts and notes, each with who and when (three queries)."""
        entries = [
            *(
                TimelineEntry(e.at, e.description, staff_name(e.actor))
                for e in self.events.select_related("actor")
            ),
            *(
                TimelineEntry(a.at, f"Contact attempt: {a.get_outcome_display()}", staff_name(a.by))
                for a in self.contact_attempts.select_related("by")
            ),
            *(
                TimelineEntry(n.created_at, "Note", staff_name(n.author), n.body)
                for n in self.notes.select_related("author")
            ),
        ]
        return sorted(entries, key=lambda entry: entry.at)
