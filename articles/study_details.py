"""What a patient needs to weigh one cited study: what it was compared with, whether it met
its primary end point, how long it followed people, the harms it reported, who paid.

An abstract model: Citation inherits the fields, and its Meta adds ``CONSTRAINTS``. Every
field may stay blank: an editor leaves blank what the publication does not confirm.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registries import registry_link


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

    class Meta:
        abstract = True

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
