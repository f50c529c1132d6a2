"""An article: a condition's or a treatment's page, its text, review and publication."""

import re

from ckeditor_uploader.fields import RichTextUploadingField
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinic.image_types import IMAGE_EXTENSIONS, IMAGE_TYPES_IN_WORDS

from .. import images, sections
from ..evidence import EvidenceSummary
from ..text import glossary, richtext
from ..text.sanitize import html_to_text, sanitize_html
from .querysets import ArticleQuerySet
from .reviewed_article import ReviewedArticle
from .translation import TranslatedArticle, translation_constraints
from .treatment_facts import CONSTRAINTS as TREATMENT_FACT_CONSTRAINTS
from .treatment_facts import TreatmentFacts


# The choices stand outside the model so that Meta's check constraints can name their
# values; the model offers them under its own names too (Article.Kind, Article.Status...).
class ArticleKind(models.TextChoices):
    CONDITION = "condition", _("Condition")
    TREATMENT = "treatment", _("Treatment")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


# The medical review: ReviewedArticle; the regulatory status, the clinic's involvement and
# their choices: TreatmentFacts; the language and the versions in other languages:
# TranslatedArticle.
class Article(ReviewedArticle, TreatmentFacts, TranslatedArticle):
    Kind = ArticleKind
    Status = ArticleStatus

    title = models.CharField(max_length=200)
    # Unique within its language (Meta; that index serves look-ups by slug too): a
    # translation may keep the original's slug.
    slug = models.SlugField(max_length=200, db_index=False)
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
    # PostgreSQL only: filled by a database trigger (migration 0002_search); NULL elsewhere.
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
        help_text=f"A photograph ({IMAGE_TYPES_IN_WORDS}; no SVG), at least 1200 pixels wide.",
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
    literature_searched_on = models.DateField(
        "literature last searched",
        null=True,
        blank=True,
        help_text="When the published research was last searched for this page. The "
        "evidence box shows it, or says it is not recorded.",
    )
    related = models.ManyToManyField(
        "self",
        blank=True,
        help_text="For a treatment, the conditions it is for; for a condition, its treatments.",
    )
    featured = models.BooleanField(default=False, help_text="Shown on the home page.")
    # Set by ``load_demo_content`` only: the page is demonstration content no clinician
    # has reviewed, and every view of it says so in a banner.
    demonstration = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Who published or edited the page, and when (the admin's History button).
    history = HistoricalRecords(
        excluded_fields=["body_text", "search_vector", "search_head", "unreviewed_since"]
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ArticleKind.values),
                name="articles_article_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values),
                name="articles_article_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=ArticleStatus.DRAFT) | Q(published_at__isnull=False),
                name="articles_article_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_image_alt=""),
                name="articles_article_hero_image_has_alt",
            ),
            *TREATMENT_FACT_CONSTRAINTS,
            *translation_constraints("article"),
        ]
        indexes = [
            models.Index(fields=["language", "kind", "status", "title"]),
            # What the public may see in a language (published(): the search's filter, the
            # "Did you mean" vocabulary's stamp), read from this index alone, never from the
            # rows, whose bodies come before these columns: on SQLite, reading each row past
            # its body cost 50 ms a search at 10,000 articles (articles/search.py).
            models.Index(
                fields=[
                    "language",
                    "status",
                    "published_at",
                    "updated_at",
                    # live()'s review rule for treatments, from the index too.
                    "kind",
                    "demonstration",
                    "unreviewed_since",
                ],
                name="articles_article_public",
            ),
            # The home page and the contact form's topics: a handful of a large library,
            # found with the filters of published() (with the title alone, SQLite read
            # every article of the language instead: 15 ms a contact form at 10,000).
            models.Index(
                fields=["language", "status", "published_at", "title"],
                condition=Q(featured=True),
                name="articles_article_featured",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.body_text = html_to_text(self.body)
        self.summary = " ".join(self.summary.split())
        self.normalize_published_at()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_text"}
        super().save(*args, **kwargs)

    def normalize_published_at(self):
        """A published article has a publication time (now, unless one is given), in whole
        seconds, as the admin's form shows and sends it back. Before validation (the
        database's check wants the time) and before every save."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.published_at is not None:
            self.published_at = self.published_at.replace(microsecond=0)

    def clean(self):
        errors = {}
        self.normalize_published_at()
        if self.hero_image and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = "Describe the image for people who cannot see it."
        errors.update(self.treatment_fact_errors())
        errors.update(self.publishing_review_errors())
        searched = self.literature_searched_on
        if searched and searched > timezone.localdate():
            errors["literature_searched_on"] = "The search date cannot be in the future."
        errors.update(self.translation_errors())
        if errors:
            raise ValidationError(errors)

    def publish(self, *, when=None):
        """Publish now (or at ``when``); a ValidationError says why not (a treatment page
        needs a current medical review: articles/models/review.py)."""
        self.check_may_publish()
        self.status = self.Status.PUBLISHED
        self.published_at = when or self.published_at  # save() fills in now
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
            and self.review_allows_live
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def other_names(self):
        return [name.strip() for name in self.also_known_as.split(",") if name.strip()]

    @cached_property
    def references(self):
        """The article's citations in order (uses the prefetch when there is one)."""
        return [link.citation for link in self.article_citations.all()]

    @cached_property
    def rendered_body(self):
        body, headings = richtext.add_heading_anchors(
            glossary.explain_terms(self.body, self.language)
        )
        with translation.override(self.language):
            return richtext.link_citations(body, len(self.references)), headings

    @property
    def body_html(self):
        return self.rendered_body[0]

    @property
    def contents(self):
        return self.rendered_body[1]

    @cached_property
    def cited_numbers(self):
        """The references marked in the text: theirs is a "Back to text" link."""
        return {int(n) for n in re.findall(r'id="cite-(\d+)"', self.body_html)}

    @property
    def contents_sections(self):
        """The contents list: each section (Heading 2) with its subsections (Heading 3)."""
        sections = []
        for heading in self.contents:
            if heading.level == 2 or not sections:
                sections.append((heading, []))
            else:
                sections[-1][1].append(heading)
        return sections

    @property
    def missing_sections(self):
        """The sections of this kind's checklist (articles/sections.py) the body lacks."""
        return sections.missing_sections(self.kind, [h.text for h in self.contents])

    @cached_property
    def evidence(self):
        return EvidenceSummary.from_citations(
            self.references, searched_on=self.literature_searched_on
        )
