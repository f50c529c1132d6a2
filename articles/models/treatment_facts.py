"""What a treatment page must say besides its body: the regulator's status, with its source
and the date it was checked, and the clinic's own involvement (does it provide the treatment,
under what status, at what cost).

An abstract model: Article inherits the fields, and its Meta adds ``CONSTRAINTS``.
"""

from urllib.parse import urlsplit

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..literature.registries import registry_link


def months_before(day, months):
    """The same day of the month ``months`` months earlier (the month's last day if shorter)."""
    return day - relativedelta(months=months)


# Where each jurisdiction's status applies (the JSON-LD's applicableLocation).
LOCATIONS = {
    "us_fda": "United States",
    "eu_ema": "European Union",
    "uk_mhra": "United Kingdom",
    "ca_hc": "Canada",
}


def regulatory_stale_before():
    """A regulatory status checked before this date is stale (REGULATORY_CHECK_MAX_AGE_MONTHS)."""
    return months_before(timezone.localdate(), settings.REGULATORY_CHECK_MAX_AGE_MONTHS)


class TreatmentFacts(models.Model):
    class RegulatoryStatus(models.TextChoices):
        NOT_APPLICABLE = "", _("Not applicable (conditions)")
        APPROVED = "approved", _("Approved for this use")
        INVESTIGATIONAL = "investigational", _("Investigational, in clinical trials")
        NOT_APPROVED = "not_approved", _("Not approved")

    class Jurisdiction(models.TextChoices):
        US_FDA = "us_fda", _("United States: FDA")
        EU_EMA = "eu_ema", _("European Union: EMA")
        UK_MHRA = "uk_mhra", _("United Kingdom: MHRA")
        CA_HC = "ca_hc", _("Canada: Health Canada")

    class ClinicOffer(models.TextChoices):
        NOT_APPLICABLE = "", _("Not applicable (conditions)")
        APPROVED_USE = "approved_use", _("Provided for its approved use")
        CLINICAL_TRIAL = "clinical_trial", _("Provided only in a clinical trial")
        EXPANDED_ACCESS = "expanded_access", _("Provided under expanded access")
        NOT_OFFERED = "not_offered", _("Not offered by the clinic")

    regulatory_jurisdiction = models.CharField(
        "jurisdiction",
        max_length=20,
        choices=Jurisdiction.choices,
        default=Jurisdiction.US_FDA,
        help_text="Whose approval the status is about.",
    )
    regulatory_status = models.CharField(
        max_length=20,
        choices=RegulatoryStatus.choices,
        blank=True,
        default=RegulatoryStatus.NOT_APPLICABLE,
        help_text="Treatments only: shown prominently near the top of the page.",
    )
    regulatory_statement = models.TextField(
        "statement",
        max_length=600,
        blank=True,
        help_text="Plain text: what the regulator says, and nothing the source does not "
        "say, e.g. \u201cNot approved by the FDA for ALS.\u201d",
    )
    regulatory_source_url = models.URLField(
        "source",
        max_length=500,
        blank=True,
        help_text="The regulator's own page that says so (shown as a link on the page).",
    )
    regulatory_checked_on = models.DateField(
        "checked on",
        null=True,
        blank=True,
        help_text="When you last read the source and found the statement still true. Older "
        "than the check period, the page says \u201cas of\u201d this date and the admin "
        "flags it.",
    )
    clinic_offer = models.CharField(
        "does the clinic provide it?",
        max_length=20,
        choices=ClinicOffer.choices,
        blank=True,
        default=ClinicOffer.NOT_APPLICABLE,
        help_text="Treatments only: shown in plain words beside the call to action.",
    )
    clinic_trial_registration = models.CharField(
        "trial registration",
        max_length=50,
        blank=True,
        help_text="Required for a clinical trial, e.g. NCT01234567 (linked to its registry).",
    )
    clinic_cost = models.CharField(
        "cost to patients",
        max_length=200,
        blank=True,
        help_text="The full cost as patients are told it, e.g. \u201c$1,200 per session, "
        "not covered by insurance\u201d. Blank shows \u201cAsk us\u201d.",
    )
    clinic_offer_note = models.CharField(
        "note for patients",
        max_length=300,
        blank=True,
        help_text="Optional, plain words, e.g. \u201cWe do not offer it outside clinical "
        "trials.\u201d",
    )

    class Meta:
        abstract = True

    @property
    def regulatory_is_stale(self):
        """A treatment's status never checked, or checked too long ago (None for conditions)."""
        if not self.regulatory_status:
            return None
        checked = self.regulatory_checked_on
        return checked is None or checked < regulatory_stale_before()

    @property
    def regulatory_location(self):
        return LOCATIONS[self.regulatory_jurisdiction]

    @property
    def regulatory_source_site(self):
        """The source's host without "www.", e.g. "fda.gov": the link's text."""
        return urlsplit(self.regulatory_source_url).hostname.removeprefix("www.")

    @property
    def clinic_provides(self):
        return self.clinic_offer not in {"", self.ClinicOffer.NOT_OFFERED}

    @property
    def clinic_trial_link(self):
        return registry_link(self.clinic_trial_registration)

    def treatment_fact_errors(self):
        """{field: message} for what a treatment page must state and a condition must not."""
        errors = {}
        if self.kind == "condition":
            if self.regulatory_status:
                errors["regulatory_status"] = "Regulatory status applies to treatments only."
            if self.clinic_offer:
                errors["clinic_offer"] = "The clinic's involvement applies to treatments only."
            return errors
        if not self.regulatory_status:
            errors["regulatory_status"] = (
                "Say whether this treatment is approved for this use: patients need to know."
            )
        required = {
            "regulatory_statement": "Say what the regulator says, in plain words.",
            "regulatory_source_url": "Link the regulator's page that says so.",
            "regulatory_checked_on": "Say when you last checked the source.",
            "clinic_offer": "Say whether the clinic provides this treatment: patients "
            "need to know before they ask.",
        }
        for name, message in required.items():
            if not getattr(self, name):
                errors[name] = message
        checked = self.regulatory_checked_on
        if checked and checked > timezone.localdate():
            errors["regulatory_checked_on"] = "The check date cannot be in the future."
        if self.clinic_offer == self.ClinicOffer.CLINICAL_TRIAL and not (
            self.clinic_trial_registration.strip()
        ):
            errors["clinic_trial_registration"] = (
                "A clinical trial needs its registration number, e.g. NCT01234567."
            )
        if self.clinic_offer == self.ClinicOffer.NOT_OFFERED and self.clinic_cost.strip():
            errors["clinic_cost"] = "A treatment the clinic does not offer has no cost to show."
        return errors


def _valid(field, choices):
    return Q(**{f"{field}__in": choices.values})


CONSTRAINTS = [
    models.CheckConstraint(
        condition=_valid("regulatory_jurisdiction", TreatmentFacts.Jurisdiction),
        name="articles_article_regulatory_jurisdiction_valid",
    ),
    models.CheckConstraint(
        condition=_valid("regulatory_status", TreatmentFacts.RegulatoryStatus),
        name="articles_article_regulatory_status_valid",
    ),
    models.CheckConstraint(
        condition=Q(kind="treatment") | Q(regulatory_status=""),
        name="articles_article_regulatory_status_for_treatments",
    ),
    models.CheckConstraint(
        condition=_valid("clinic_offer", TreatmentFacts.ClinicOffer),
        name="articles_article_clinic_offer_valid",
    ),
    # A treatment page says once whether the clinic provides it; a condition page does not.
    models.CheckConstraint(
        condition=Q(kind="condition", clinic_offer="")
        | (Q(kind="treatment") & ~Q(clinic_offer="")),
        name="articles_article_clinic_offer_on_treatments",
    ),
    models.CheckConstraint(
        condition=~Q(clinic_offer="clinical_trial") | ~Q(clinic_trial_registration=""),
        name="articles_article_clinic_trial_has_registration",
    ),
    models.CheckConstraint(
        condition=~Q(clinic_offer="not_offered") | Q(clinic_cost=""),
        name="articles_article_not_offered_has_no_cost",
    ),
]
