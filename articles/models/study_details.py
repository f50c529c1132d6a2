"""What a patient needs to weigh one cited study: what it was compared with, whether it met
its primary end point, how long it followed people, the harms it reported, who paid; the
words among them in English and in Spanish.

An abstract model: Citation inherits the fields, and its Meta adds ``CONSTRAINTS``. Every
field may stay blank: an editor leaves blank what the publication does not confirm.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..literature.registries import registry_link


class StudyDetails(models.Model):
    class Comparator(models.TextChoices):
        NOT_RECORDED = "", _("Not recorded")
        NONE = "none", _("None (everyone got the treatment)")
        PLACEBO = "placebo", _("Placebo")
        USUAL_CARE = "usual_care", _("Usual care")
        OTHER = "other", _("Another treatment")

    class EndpointMet(models.TextChoices):
        NOT_RECORDED = "", _("Not recorded (or a review)")
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_REPORTED = "not_reported", _("Not reported by the authors")

    comparator = models.CharField(
        max_length=20,
        choices=Comparator.choices,
        blank=True,
        help_text="What the treated group was compared with.",
    )
    primary_endpoint_met = models.CharField(
        "primary end point met",
        max_length=20,
        choices=EndpointMet.choices,
        blank=True,
        help_text="Did the study meet the main result it set out to test? Blank for a review.",
    )
    follow_up = models.CharField(
        "follow-up",
        max_length=100,
        blank=True,
        help_text="How long people were followed, e.g. \u201c28 weeks\u201d.",
    )
    harms = models.TextField(
        "main harms reported",
        max_length=600,
        blank=True,
        help_text="As the authors report them, in plain words. Blank if not confirmed.",
    )
    funding = models.CharField(
        "funding or sponsor",
        max_length=300,
        blank=True,
        help_text="Who paid for or ran the study, e.g. \u201cSponsor: the maker\u201d.",
    )

    for_clinicians = models.CharField(
        "for clinicians",
        max_length=300,
        blank=True,
        help_text="The statistics behind the key finding (P values, odds ratios, "
        "confidence intervals), shown on a line of their own. The key finding says the "
        "result in words.",
    )

    # The patient-facing details in Spanish, for the Spanish versions of the pages citing the
    # study (a citation is shared by a page's versions). Blank: the English is shown, marked
    # as English. The statistics for clinicians need no translation.
    key_finding_es = models.TextField(
        "key finding (Spanish)", max_length=600, blank=True, help_text="En español."
    )
    follow_up_es = models.CharField(
        "follow-up (Spanish)",
        max_length=100,
        blank=True,
        help_text="P. ej., \u201c28 semanas\u201d.",
    )
    harms_es = models.TextField(
        "main harms reported (Spanish)", max_length=600, blank=True, help_text="En español."
    )
    funding_es = models.CharField(
        "funding or sponsor (Spanish)", max_length=300, blank=True, help_text="En español."
    )

    class Meta:
        abstract = True

    def in_language(self, name, language):
        """The detail ``name`` in ``language`` when it has been translated, else ""."""
        if language == "en":
            return getattr(self, name)
        return getattr(self, f"{name}_{language}", "")

    @property
    def lacks_endpoint_answer(self):
        """A randomized trial with no answer on its primary end point: every such trial has
        one, and the evidence box can only count it as not recorded."""
        return self.study_design == "rct" and not self.primary_endpoint_met

    @property
    def registry(self):
        """The trial registry's record of ``registration`` (None when its form is unknown)."""
        return registry_link(self.registration)


CONSTRAINTS = [
    models.CheckConstraint(
        condition=Q(comparator__in=StudyDetails.Comparator.values),
        name="articles_citation_comparator_valid",
    ),
    models.CheckConstraint(
        condition=Q(primary_endpoint_met__in=StudyDetails.EndpointMet.values),
        name="articles_citation_primary_endpoint_met_valid",
    ),
]
