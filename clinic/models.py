from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_noop
from simple_history.models import HistoricalRecords

from .phone import tel_href

SITE_SETTINGS_CACHE_KEY = "clinic:site-settings:v1"


class User(AbstractUser):
    """A member of staff: a care coordinator, an editor, a medical reviewer, an administrator.

    The project's own user model (settings.AUTH_USER_MODEL), as Django advises for a new
    project: the name shown to patients and colleagues, and a reviewer's credentials.
    """

    display_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="How the name is shown in the admin and, for a medical reviewer, on the "
        "pages they review, e.g. \u201cDr. Ana Rao\u201d. Blank: first and last name.",
    )
    credentials = models.CharField(
        max_length=150,
        blank=True,
        help_text="Qualifications shown after a reviewer's name, e.g. \u201cMD, neurologist\u201d.",
    )

    class Meta(AbstractUser.Meta):
        ordering = ["username"]

    def __str__(self):
        return self.display_name or self.get_full_name() or self.get_username()


def staff_member_who_did_it():
    """A history row's staff member (a ForeignKey to the user model); the row stays if
    their account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="by",
    )


class SiteSettings(models.Model):
    """The clinic's own details, edited in the admin; exactly one row (pk=1).

    The texts patients read are stored in English. Their defaults are in the translation
    catalogue (gettext_noop), and templates show them with ``{% translate site.<field> %}``:
    a default text reads in the page's language, a text edited in the admin as typed.
    """

    clinic_name = models.CharField(max_length=100, default="Cendant")
    tagline = models.CharField(
        max_length=200,
        default=gettext_noop("Clear, honest information about regenerative medicine."),
    )
    promise = models.TextField(
        default=gettext_noop(
            "We explain what the evidence does and does not show, in plain language, "
            "and a care coordinator is here to answer your questions with no obligation."
        ),
        help_text="The clinic's promise, shown on the home page.",
    )
    phone = models.CharField(max_length=30, default="720-338-4491")
    email = models.EmailField(blank=True, default="")
    address = models.TextField(blank=True, default="")
    opening_hours = models.TextField(
        blank=True, default=gettext_noop("Monday to Friday, 8 am to 5 pm (Mountain Time)")
    )
    emergency_number = models.CharField(max_length=10, default="911")
    medical_disclaimer = models.TextField(
        default=gettext_noop(
            "This page is for general information and is not medical advice. It does not "
            "replace a consultation with your own doctor. Talk to your doctor before "
            "starting or changing any treatment."
        )
    )
    response_time = models.CharField(
        max_length=200,
        default=gettext_noop("A care coordinator will contact you within one business day."),
        help_text="Shown on the thank-you page after a patient asks to be contacted.",
    )
    privacy_notice = models.TextField(
        default=gettext_noop(
            "We use the details you send through our contact form only to answer your "
            "request. We do not sell or share them. Coordinators see them in our secure "
            "system; closed requests are deleted after the retention period. You can ask "
            "us to see, correct or delete your details at any time by calling us."
        ),
        help_text="The text of the privacy notice at /privacy/ (plain text; blank lines "
        "separate paragraphs).",
    )
    send_patient_confirmation = models.BooleanField(
        default=True,
        help_text="Email patients a short confirmation (it never repeats their message).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="clinic_sitesettings_singleton"),
        ]

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SITE_SETTINGS_CACHE_KEY)

    @classmethod
    def load(cls, *, cached=True):
        """The settings row, from the shared cache when possible (it changes rarely).

        ``cached=False`` reads the database: for the task worker, a process whose cache
        in development (local memory) would not see an edit made in the web process.
        """
        settings_row = cache.get(SITE_SETTINGS_CACHE_KEY) if cached else None
        if settings_row is None:
            settings_row, _ = cls.objects.get_or_create(pk=1)
            cache.set(SITE_SETTINGS_CACHE_KEY, settings_row, timeout=None)
        return settings_row

    @property
    def phone_href(self):
        return tel_href(self.phone)
