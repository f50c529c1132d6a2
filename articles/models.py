import functools
import re
import string

from ckeditor_uploader.fields import RichTextUploadingField
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Left, Upper
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from . import images, richtext, search
from .reviews import Review, ReviewedArticle, ReviewedArticleQuerySet
from .sanitize import html_to_text, sanitize_html

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]

DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
PMID_PATTERN = r"^[1-9]\d{0,8}$"
# What a list card shows (includes/_card.html): load these and nothing more.
CARD_FIELDS = ("title", "slug", "kind", "summary", "also_known_as")
# The A-Z index of the lists: titles that start with anything but a letter come last.
INDEX_LETTERS = list(string.ascii_uppercase)
OTHER_INITIAL = "#"
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.I)


def _index_order(letter):
    return (letter == OTHER_INITIAL, letter)


@functools.cache
def _article_url_prefix(name, script_prefix):
    """The URL of an article page up to its slug (reverse() is slow on pages of many links)."""
    placeholder = "slug-placeholder"
    return reverse(name, kwargs={"slug": placeholder}).removesuffix(f"{placeholder}/")


class ArticleQuerySet(ReviewedArticleQuerySet):
    def published(self):
        """Articles the public may see: published, with a publication time now or past."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def next_scheduled_publication(self):
        """When the next scheduled article goes public (None when none is scheduled)."""
        return (
            self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def conditions(self):
        return self.filter(kind=Article.Kind.CONDITION)

    def treatments(self):
        return self.filter(kind=Article.Kind.TREATMENT)

    def for_list(self):
        """What a list card needs, and nothing more."""
        return self.only(*CARD_FIELDS).order_by("title")

    def with_initial(self):
        """Each article's index letter: A to Z, or "#" for a title that starts otherwise."""
        return self.annotate(first_character=Upper(Left("title", 1))).annotate(
            initial=models.Case(
                models.When(first_character__in=INDEX_LETTERS, then="first_character"),
                default=models.Value(OTHER_INITIAL),
            )
        )

    def initials(self):
        """{letter: number of articles} for the letters that have articles, in order."""
        counts = self.with_initial().order_by().values("initial").annotate(count=models.Count("pk"))
        found = {row["initial"]: row["count"] for row in counts}
        return {letter: found[letter] for letter in sorted(found, key=_index_order)}

    def with_page_relations(self, *, public):
        """Prefetch what the article page shows: its references and related pages."""
        related = Article.objects.for_list()
        if public:
            related = related.published()
        return self.defer("search_vector", "search_head", "body_text").prefetch_related(
            models.Prefetch(
                "article_citations",
                queryset=ArticleCitation.objects.select_related("citation"),
            ),
            models.Prefetch("related", queryset=related, to_attr="related_pages"),
            models.Prefetch(
                "reviews", queryset=Review.objects.for_display()[:1], to_attr="latest_reviews"
            ),
        )

    def search(self, query):
        """Published or not, the articles matching ``query``, best matches first, each with
        its ``search_rank`` (higher is better).

        Every word of the query must start a word of the title, other names, summary or
        body; matches in the title rank first, then other names, summary and body. The
        same results on PostgreSQL (a weighted ``tsvector``) and SQLite (FTS5): see
        articles/search.py.
        """
        words = search.query_words(query)
        if not words:
            return self.none().annotate(search_rank=models.Value(0.0))
        if connections[self.db].vendor == "postgresql":
            matches = search.search_postgresql(self, words)
        else:
            matches = search.search_sqlite(self, words)
        return matches.order_by("-search_rank", "title")


class Article(ReviewedArticle):
    class Kind(models.TextChoices):
        CONDITION = "condition", "Condition"
        TREATMENT = "treatment", "Treatment"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class RegulatoryStatus(models.TextChoices):
        NOT_APPLICABLE = "", "Not applicable (conditions)"
        APPROVED = "approved", "Approved for this use"
        INVESTIGATIONAL = "investigational", "Investigational, in clinical trials"
        NOT_APPROVED = "not_approved", "Not approved"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.CharField(
        max_length=300,
        help_text="Plain text, at most 300 characters. Shown in search results, on list "
        "cards and as the page's description in search engines.",
    )
    body = RichTextUploadingField(
        help_text="Cite references inline as [1], [2], matching the order of the "
        "references below. Use Heading 2 and Heading 3 for sections: they form the "
        "page's contents list."
    )
    body_text = models.TextField(blank=True, editable=False)
    # PostgreSQL only: filled by a database trigger (migration 0002); NULL elsewhere.
    search_vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL only: the title and other names alone, to choose what to rank (search.py).
    search_head = SearchVectorField(null=True, editable=False)
    also_known_as = models.CharField(
        "also known as",
        max_length=255,
        blank=True,
        help_text="Other names, comma-separated, e.g. \u201cLou Gehrig\u2019s disease, "
        "motor neurone disease\u201d. Searchable.",
    )
    hero_image = models.ImageField(
        upload_to=images.hero_image_path,
        blank=True,
        validators=[FileExtensionValidator(IMAGE_EXTENSIONS)],
        help_text="A photograph (JPEG, PNG, WebP or GIF; no SVG), at least 1200 pixels wide.",
    )
    # Recorded when the image is saved (articles/services.py), so that a page render makes
    # no storage call. Not ImageField's width_field: Django re-reads the file on every
    # load of a row whose dimensions are empty (an unreadable image).
    hero_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_sizes = models.JSONField(
        default=list, blank=True, editable=False, help_text="Widths of the WebP sizes made."
    )
    hero_image_alt = models.CharField(
        "hero image description",
        max_length=200,
        blank=True,
        help_text="Describe the image for people who cannot see it. Required with an image.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Filled in on publishing. A time in the future schedules the article.",
    )
    related = models.ManyToManyField(
        "self",
        blank=True,
        help_text="For a treatment, the conditions it is for; for a condition, its treatments.",
    )
    regulatory_status = models.CharField(
        max_length=20,
        choices=RegulatoryStatus.choices,
        blank=True,
        default=RegulatoryStatus.NOT_APPLICABLE,
        help_text="Treatments only: shown prominently near the top of the page.",
    )
    regulatory_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="e.g. \u201cNot approved by the FDA for ALS.\u201d",
    )
    featured = models.BooleanField(default=False, help_text="Shown on the home page.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Who published or edited the page, and when (the admin's History button).
    history = HistoricalRecords(excluded_fields=["body_text", "search_vector", "search_head"])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["condition", "treatment"]),
                name="articles_article_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]),
                name="articles_article_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    regulatory_status__in=["", "approved", "investigational", "not_approved"]
                ),
                name="articles_article_regulatory_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="articles_article_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_image_alt=""),
                name="articles_article_hero_image_has_alt",
            ),
            models.CheckConstraint(
                condition=Q(kind="treatment") | Q(regulatory_status=""),
                name="articles_article_regulatory_status_for_treatments",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "status", "title"]),
            # The home page and the contact form's topics: a handful of a large library.
            models.Index(
                fields=["title"], condition=Q(featured=True), name="articles_article_featured"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_text = html_to_text(self.body)
        self.summary = " ".join(self.summary.split())
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.published_at is not None:
            # Whole seconds, as the admin's form shows and sends them back.
            self.published_at = self.published_at.replace(microsecond=0)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        name = "articles:condition" if self.kind == self.Kind.CONDITION else "articles:treatment"
        return f"{_article_url_prefix(name, get_script_prefix())}{self.slug}/"

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.hero_image and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = "Describe the image for people who cannot see it."
        if self.kind == self.Kind.CONDITION and self.regulatory_status:
            errors["regulatory_status"] = "Regulatory status applies to treatments only."
        if self.kind == self.Kind.TREATMENT and not self.regulatory_status:
            errors["regulatory_status"] = (
                "Say whether this treatment is approved for this use: patients need to know."
            )
        errors.update(self.publishing_review_errors())
        if errors:
            raise ValidationError(errors)

    def publish(self, *, when=None):
        """Publish now (or at ``when``); a ValidationError says why not (a treatment page
        needs a current medical review: articles/reviews.py)."""
        self.check_may_publish()
        self.status = self.Status.PUBLISHED
        self.published_at = when or self.published_at or timezone.now()
        self.save(update_fields=["status", "published_at", "updated_at"])

    def unpublish(self):
        self.status = self.Status.DRAFT
        self.save(update_fields=["status", "updated_at"])

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and not self.is_public

    @property
    def other_names(self):
        return [name.strip() for name in self.also_known_as.split(",") if name.strip()]

    @property
    def contact_url(self):
        return f"{reverse('inquiries:contact')}?topic={self.slug}"

    @cached_property
    def references(self):
        """The article's citations in order (uses the prefetch when there is one)."""
        return [link.citation for link in self.article_citations.all()]

    @cached_property
    def rendered_body(self):
        body, headings = richtext.add_heading_anchors(self.body)
        return richtext.link_citations(body, len(self.references)), headings

    @property
    def body_html(self):
        return self.rendered_body[0]

    @property
    def contents(self):
        return self.rendered_body[1]

    @cached_property
    def evidence(self):
        return EvidenceSummary.from_citations(self.references)


class Citation(models.Model):
    """A published study, reusable across articles."""

    class StudyDesign(models.TextChoices):
        RCT = "rct", "Randomized controlled trial"
        NON_RANDOMIZED = "non_randomized", "Non-randomized trial"
        PILOT = "pilot", "Pilot study / case series"
        OBSERVATIONAL = "observational", "Observational study"
        SYSTEMATIC_REVIEW = "systematic_review", "Systematic review / meta-analysis"
        PRECLINICAL = "preclinical", "Preclinical / laboratory"
        OTHER = "other", "Other"

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
                condition=Q(
                    study_design__in=[
                        "rct",
                        "non_randomized",
                        "pilot",
                        "observational",
                        "systematic_review",
                        "preclinical",
                        "other",
                    ]
                ),
                name="articles_citation_study_design_valid",
            ),
        ]

    def __str__(self):
        first_author = self.authors.split(",")[0].strip()
        return f"{first_author} ({self.year}). {self.title}"

    def save(self, *args, **kwargs):
        self.doi = _DOI_PREFIX.sub("", self.doi.strip())
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Accept a pasted DOI link or "doi:" prefix: store the bare DOI.
        self.doi = _DOI_PREFIX.sub("", self.doi.strip())
        self.pmid = self.pmid.strip()
        super().clean_fields(exclude=exclude)

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
        return self.study_design in {self.StudyDesign.RCT, self.StudyDesign.SYSTEMATIC_REVIEW}

    def vancouver(self):
        """The reference in Vancouver style, without links."""
        authors = self.authors.strip().rstrip(".")
        title = self.title.strip().rstrip(".")
        source = f"{self.journal.strip().rstrip('.')}. {self.year}"
        if self.volume:
            source += f";{self.volume}"
            if self.issue:
                source += f"({self.issue})"
        if self.pages:
            source += f":{self.pages}"
        return f"{authors}. {title}. {source}."


class ArticleCitation(models.Model):
    """A reference in an article's numbered list, in order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_citations")
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


class EvidenceSummary:
    """'Evidence at a glance', derived from an article's references."""

    def __init__(self, *, studies, designs, participants, randomized, unknown_size):
        self.studies = studies
        self.designs = designs
        self.participants = participants
        self.randomized = randomized
        self.unknown_size = unknown_size

    @classmethod
    def from_citations(cls, citations):
        designs = {}
        for citation in citations:
            label = citation.get_study_design_display()
            designs[label] = designs.get(label, 0) + 1
        return cls(
            studies=len(citations),
            designs=designs,
            participants=sum(c.participants or 0 for c in citations),
            randomized=sum(1 for c in citations if c.is_randomized),
            unknown_size=sum(1 for c in citations if c.participants is None),
        )

    def __bool__(self):
        return self.studies > 0

    @property
    def headline(self):
        """e.g. '1 study: pilot study / case series, 10 participants, not randomized'."""
        if not self.studies:
            return "No published studies are cited on this page."
        count = f"{self.studies} stud{'y' if self.studies == 1 else 'ies'}"
        designs = ", ".join(
            label.lower() if n == 1 else f"{n} \u00d7 {label.lower()}"
            for label, n in self.designs.items()
        )
        people = f"{self.participants} participant{'' if self.participants == 1 else 's'}"
        if self.unknown_size:
            people += " (size not reported for some)"
        if self.randomized == 0:
            randomized = "not randomized" if self.studies == 1 else "none randomized"
        elif self.randomized == self.studies:
            randomized = "randomized" if self.studies == 1 else "all randomized"
        else:
            randomized = f"{self.randomized} randomized"
        return f"{count}: {designs}, {people}, {randomized}"
