"""Clinical trials a patient can join: the registry search an editor sets for a page
(TrialSearch) and the recruiting trials ClinicalTrials.gov last gave for it (Trial).

The trials are a copy of the registry's answer, refreshed nightly (articles/trials/): the
page shows when it was fetched, and, when the registry could not be reached since, when it
last could. Nothing here is written by hand but the search terms.
"""

from urllib.parse import urlencode

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .article import Article

REGISTRY_STUDY_URL = "https://clinicaltrials.gov/study/{}"
REGISTRY_SEARCH_URL = "https://clinicaltrials.gov/search"
# The registry's phase codes (designModule.phases), in the patient's words.
PHASES = {
    "EARLY_PHASE1": _("Early phase 1"),
    "PHASE1": _("Phase 1"),
    "PHASE2": _("Phase 2"),
    "PHASE3": _("Phase 3"),
    "PHASE4": _("Phase 4"),
}


class TrialSearchQuerySet(models.QuerySet):
    def for_page(self, article):
        """The search whose trials ``article``'s page lists, with them (two queries): the
        page's own, else that of one of its versions in another language; or None."""
        own_first = models.Case(models.When(article=article.pk, then=0), default=1)
        return (
            self.filter(article__translation_key=article.translation_key)
            .order_by(own_first, "pk")
            .prefetch_related("trials")
            .first()
        )


class TrialSearch(models.Model):
    """What to ask ClinicalTrials.gov for one page, and how the last asking went. Shown on
    every language's version of the page (``Article.translation_key``)."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="trial_search",
        help_text="The page that lists the trials; its versions in other languages list them too.",
    )
    condition = models.CharField(
        max_length=200,
        help_text="The condition as the registry names it, e.g. \u201camyotrophic lateral "
        "sclerosis\u201d (ClinicalTrials.gov\u2019s \u201cCondition or disease\u201d).",
    )
    intervention = models.CharField(
        max_length=200,
        blank=True,
        help_text="For a treatment: the treatment as the registry names it, e.g. "
        "\u201cmesenchymal stem cells\u201d (\u201cIntervention/treatment\u201d). Empty for a "
        "condition's page: every recruiting trial of the condition.",
    )
    fetched_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the registry last answered."
    )
    last_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(max_length=300, blank=True, editable=False)
    total_found = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Recruiting trials the registry counted."
    )

    objects = TrialSearchQuerySet.as_manager()

    class Meta:
        ordering = ["article__title", "pk"]
        verbose_name = "clinical trial search"
        constraints = [
            models.CheckConstraint(
                condition=~Q(condition=""), name="%(app_label)s_%(class)s_condition_given"
            ),
        ]

    def __str__(self):
        terms = f"{self.condition} + {self.intervention}" if self.intervention else self.condition
        return f"{self.article.title}: {terms}"

    @property
    def registry_search_url(self):
        """The same search on ClinicalTrials.gov's own site, for the patient."""
        terms = {"cond": self.condition, "intr": self.intervention, "aggFilters": "status:rec"}
        return f"{REGISTRY_SEARCH_URL}?{urlencode({k: v for k, v in terms.items() if v})}"

    @property
    def unreachable_since_fetched(self):
        """The last attempt failed: what the page shows is older than the last try."""
        return bool(self.last_error) and (
            self.fetched_at is None or self.last_attempt_at > self.fetched_at
        )

    @property
    def more_on_registry(self):
        """How many recruiting trials the registry holds beyond those copied here."""
        shown = len(self.trials.all())
        return max((self.total_found or 0) - shown, 0)


class Trial(models.Model):
    """One recruiting trial, as ClinicalTrials.gov described it when last asked."""

    search = models.ForeignKey(TrialSearch, on_delete=models.CASCADE, related_name="trials")
    position = models.PositiveSmallIntegerField(help_text="The registry's order.")
    nct_id = models.CharField("NCT number", max_length=11)
    title = models.CharField(max_length=300)
    phases = models.JSONField(default=list, blank=True, help_text="The registry's phase codes.")
    countries = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["search", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["search", "nct_id"], name="%(app_label)s_%(class)s_once_a_search"
            ),
            models.CheckConstraint(
                condition=Q(nct_id__regex=r"^NCT[0-9]{8}$"),
                name="%(app_label)s_%(class)s_nct_id_form",
            ),
        ]

    def __str__(self):
        return f"{self.nct_id}: {self.title}"

    def get_registry_url(self):
        return REGISTRY_STUDY_URL.format(self.nct_id)

    @property
    def phase_display(self):
        """The phases the page names ("Phase 2, Phase 3"); a study with no phase (not a
        drug's trial: "NA") shows none."""
        return ", ".join(str(PHASES[code]) for code in self.phases if code in PHASES)
