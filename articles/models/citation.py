"""A published study (Citation), and its place in an article's references (ArticleCitation)."""

import re

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .study_details import CONSTRAINTS as STUDY_DETAIL_CONSTRAINTS
from .study_details import StudyDetails

# ASCII digits: \d would take "١٢٣٤" or "²" too, which no DOI or PMID has.
DOI_PATTERN = r"^10\.[0-9]{4,9}/\S+$"
PMID_PATTERN = r"^[1-9][0-9]{0,8}$"
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.I)


def bare_doi(value):
    """A pasted DOI link or "doi:" prefix, as the bare DOI."""
    return _DOI_PREFIX.sub("", value.strip())


# Outside the model, so that Meta's check constraint can name its values.
class StudyDesign(models.TextChoices):
    """Named exactly as the publication describes itself: a pilot in which everyone got the
    treatment is a single-group study, not a case series; a systematic review pools its
    studies' results only when it has a meta-analysis."""

    RCT = "rct", _("Randomized controlled trial")
    NON_RANDOMIZED = "non_randomized", _("Non-randomized trial")
    PILOT = "pilot", _("Single-group pilot study")
    CASE_SERIES = "case_series", _("Case series")
    OBSERVATIONAL = "observational", _("Observational study")
    SYSTEMATIC_REVIEW = "systematic_review", _("Systematic review")
    META_ANALYSIS = "meta_analysis", _("Systematic review with meta-analysis")
    PRECLINICAL = "preclinical", _("Preclinical / laboratory")
    # Not a study: never counted as one in the evidence box.
    GUIDANCE = "guidance", _("Guideline or official source")
    OTHER = "other", _("Other")


class NoticeKind(models.TextChoices):
    """The most serious notice Crossref or PubMed records (articles/literature/client.py)."""

    NONE = "", "None"
    CORRECTION = "correction", "Correction"
    CONCERN = "concern", "Expression of concern"
    RETRACTION = "retraction", "Retraction"


class Citation(StudyDetails, models.Model):
    """A published study, reusable across articles."""

    StudyDesign = StudyDesign
    NoticeKind = NoticeKind

    authors = models.TextField(
        help_text="As written in the publication, Vancouver style: "
        "\u201cPrabhakar S, Marwaha N, Lal V\u201d."
    )
    title = models.CharField(max_length=500)
    journal = models.CharField(
        max_length=200, help_text="Abbreviated as in PubMed, e.g. \u201cNeurol India\u201d."
    )
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    volume = models.CharField(max_length=20, blank=True)
    issue = models.CharField(max_length=20, blank=True)
    pages = models.CharField(max_length=30, blank=True)
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[RegexValidator(DOI_PATTERN, "Enter a DOI such as 10.4103/0028-3886.103185.")],
        help_text="Without https://doi.org/, e.g. 10.4103/0028-3886.103185.",
    )
    pmid = models.CharField(
        "PMID",
        max_length=9,
        blank=True,
        validators=[RegexValidator(PMID_PATTERN, "A PubMed ID is 1 to 9 digits.")],
        help_text="Leave blank rather than guess.",
    )
    url = models.URLField("URL", max_length=500, blank=True)
    study_design = models.CharField(max_length=30, choices=StudyDesign.choices)
    participants = models.PositiveIntegerField(null=True, blank=True)
    registration = models.CharField(
        max_length=50, blank=True, help_text="Trial registration, e.g. NCT01234567."
    )
    key_finding = models.TextField(
        max_length=600, blank=True, help_text="One or two sentences, in plain language."
    )
    # Recorded by the notices check (articles/tasks.py), never typed in: every notice
    # Crossref and PubMed record (Notice.as_dict()), the worst one's kind and link.
    notice_kind = models.CharField(
        "notice", max_length=20, choices=NoticeKind.choices, blank=True, editable=False
    )
    notice_url = models.URLField("notice link", max_length=500, blank=True, editable=False)
    notices = models.JSONField(default=list, blank=True, editable=False)
    notices_checked_at = models.DateTimeField(
        "notices checked", null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"],
                condition=~Q(doi=""),
                name="articles_citation_doi_unique",
                violation_error_message="A citation with this DOI already exists: reuse it.",
            ),
            models.UniqueConstraint(
                fields=["pmid"],
                condition=~Q(pmid=""),
                name="articles_citation_pmid_unique",
                violation_error_message="A citation with this PMID already exists: reuse it.",
            ),
            models.CheckConstraint(
                condition=Q(study_design__in=StudyDesign.values),
                name="articles_citation_study_design_valid",
            ),
            models.CheckConstraint(
                condition=Q(notice_kind__in=NoticeKind.values),
                name="articles_citation_notice_kind_valid",
            ),
            *STUDY_DETAIL_CONSTRAINTS,
        ]

    def __str__(self):
        first_author = self.authors.split(",")[0].strip()
        return f"{first_author} ({self.year}). {self.title}"

    def save(self, *args, **kwargs):
        self.normalize_identifiers()
        super().save(*args, **kwargs)
        # Shared: each page citing the study shows "Updated since review" after a change.
        _articles(article_citations__citation=self.pk).refresh_review_coverage()

    def clean_fields(self, exclude=None):
        self.normalize_identifiers()
        super().clean_fields(exclude=exclude)

    def normalize_identifiers(self):
        """Accept a pasted DOI link or "doi:" prefix: keep the bare DOI. Before validation
        (the DOI's pattern, the unique constraints) and before every save."""
        self.doi = bare_doi(self.doi)
        self.pmid = self.pmid.strip()

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def link(self):
        """The best link to the study: its DOI, PubMed record or given URL."""
        return self.doi_url or self.pubmed_url or self.url

    @property
    def is_randomized(self):
        """A randomized trial. A systematic review is a review, whatever it reviewed."""
        return self.study_design == self.StudyDesign.RCT

    @property
    def is_review(self):
        return self.study_design in (
            self.StudyDesign.SYSTEMATIC_REVIEW,
            self.StudyDesign.META_ANALYSIS,
        )

    @property
    def is_guidance(self):
        """A guideline, a label or a regulator's page: a source, not a study."""
        return self.study_design == self.StudyDesign.GUIDANCE

    def vancouver_parts(self):
        """Authors, title and source, Vancouver style: apart, so a page can mark the title's
        language (PubMed and Crossref give titles in English)."""
        source = f"{self.journal.strip().rstrip('.')}. {self.year}"
        if self.volume:
            source += f";{self.volume}"
            if self.issue:
                source += f"({self.issue})"
        if self.pages:
            source += f":{self.pages}"
        return {
            "authors": self.authors.strip().rstrip("."),
            "title": self.title.strip().rstrip("."),
            "source": source,
        }

    def vancouver(self):
        """The reference in Vancouver style, without links."""
        parts = self.vancouver_parts()
        return f"{parts['authors']}. {parts['title']}. {parts['source']}."


class ArticleCitation(models.Model):
    """A reference in an article's numbered list, in order."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="article_citations"
    )
    citation = models.ForeignKey(Citation, on_delete=models.PROTECT, related_name="uses")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "citation"], name="articles_articlecitation_once_per_article"
            ),
        ]
        verbose_name = "reference"

    def __str__(self):
        return f"[{self.order}] {self.citation}"

    # The reference list is under the article's review (articles/models/review_coverage.py).
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _articles(pk=self.article_id).refresh_review_coverage()

    def delete(self, *args, **kwargs):
        article_id = self.article_id
        deleted = super().delete(*args, **kwargs)
        _articles(pk=article_id).refresh_review_coverage()
        return deleted


def _articles(**filters):
    """The articles matching ``filters`` (the model named by the reference's foreign key)."""
    article_model = ArticleCitation._meta.get_field("article").related_model
    return article_model.objects.filter(**filters).distinct()
