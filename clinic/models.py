from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy, gettext_noop
from simple_history.models import HistoricalRecords

from . import pagecache
from .phone import tel_href

SITE_SETTINGS_CACHE_KEY = "clinic:site-settings:v2"

# A line break or another control character in a one-line setting ends up in an email's
# headers (the clinic's name in every confirmation's From and Subject) and breaks it.
single_line = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message=gettext_lazy("Keep this on one line: no line breaks, tabs or control characters."),
    code="single_line",
)


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

    clinic_name = models.CharField(max_length=100, default="Cendant", validators=[single_line])
    tagline = models.CharField(
        max_length=200,
        validators=[single_line],
        default=gettext_noop("Clear, honest information about regenerative medicine."),
    )
    promise = models.TextField(
        default=gettext_noop(
            "We explain what the evidence does and does not show, in plain language, "
            "and a care coordinator is here to answer your questions with no obligation."
        ),
        help_text="The clinic's promise, shown on the home page.",
    )
    phone = models.CharField(max_length=30, default="720-338-4491", validators=[single_line])
    email = models.EmailField(blank=True, default="")
    address = models.TextField(blank=True, default="")
    opening_hours = models.TextField(
        blank=True, default=gettext_noop("Monday to Friday, 8 am to 5 pm (Mountain Time)")
    )
    emergency_number = models.CharField(max_length=10, default="911", validators=[single_line])
    medical_disclaimer = models.TextField(
        default=gettext_noop(
            "This page is for general information and is not medical advice. It does not "
            "replace a consultation with your own doctor. Talk to your doctor before "
            "starting or changing any treatment."
        )
    )
    response_time = models.CharField(
        max_length=200,
        validators=[single_line],
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
    privacy_email = models.EmailField(
        "privacy contact email",
        blank=True,
        default="",
        help_text="Where patients write to see, correct or delete their details (shown in the "
        "privacy notice); the clinic's email when blank.",
    )
    # The page "Who we are, how we are funded, conflicts of interest" (/about-us/), linked from
    # every page's footer. The defaults say only what the site itself guarantees; how the
    # clinic is funded is the clinic's to write: blank, the page says it is not written yet.
    about_us = models.TextField(
        "who we are",
        default=gettext_noop(
            "Our health library is written by our editors in plain language. Our pages cite "
            "the studies and official sources behind what they say, and each page says "
            "whether a medical reviewer has checked it, who and when. A page that no "
            "medical reviewer has checked says so."
        ),
        help_text="Who runs the clinic and writes these pages (plain text; blank lines "
        "separate paragraphs).",
    )
    funding = models.TextField(
        "how we are funded",
        blank=True,
        default="",
        help_text="How the clinic and this library are paid for: patients' fees, owners, "
        "grants, sponsors. Left blank, the page says this section is not written yet.",
    )
    conflicts_of_interest = models.TextField(
        "conflicts of interest",
        default=gettext_noop(
            "Our clinic provides treatments, and a clinic can gain from the treatments it "
            "provides. So each treatment page says whether our clinic provides that "
            "treatment, how, and at what cost. Read what we write with that in mind, and "
            "ask your own doctor too."
        ),
        help_text="What the clinic, its owners, editors or reviewers could gain from what "
        "the pages say (plain text; blank lines separate paragraphs).",
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

    @classmethod
    def load(cls, *, cached=True):
        """The settings row, from the shared cache when possible (it changes rarely).

        ``cached=False`` reads the database: for the task worker, a process whose cache
        in development (local memory) would not see an edit made in the web process.
        """
        if not cached:
            return cls.objects.get_or_create(pk=1)[0]
        # Kept until the page store's site version ends: a save ends it when it commits
        # (clinic/apps.py watches this model), so no process keeps an old phone number.
        return pagecache.kept_until_site_changes(
            SITE_SETTINGS_CACHE_KEY, lambda: cls.objects.get_or_create(pk=1)[0]
        )

    @property
    def privacy_contact_email(self):
        """Where patients write about their data: the privacy contact, or the clinic."""
        return self.privacy_email or self.email

    @property
    def phone_href(self):
        return tel_href(self.phone)
