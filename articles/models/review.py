"""Medical review: who checked a page, which version of its text, and when the next review
is due (docs/reviewers.md).

A review is a record a medical reviewer (the "Medical reviewers" group) makes in the admin:
the article, the reviewer, the day, what they checked, the history record of the article
it covers (simple_history's HistoricalArticle), and a snapshot of everything the page showed
(articles/models/review_coverage.py: title, other names, text, approval box, references and
their studies' details). It is never edited; a new review supersedes the last. A page's
review is *current* while its next review is not due yet (last review +
ARTICLE_REVIEW_MONTHS for its kind) and the page shows what was reviewed; after a change
(to the page or to a study it cites) the page says "Updated since review".

A treatment page is public only with a current review (ARTICLE_REVIEW_REQUIRED_TO_PUBLISH):
``Article.unreviewed_since`` records since when the page has shown something its last review
did not cover (NEVER_REVIEWED, for a page never reviewed); a treatment whose publication time
comes after that moment is not live (ArticleQuerySet.live()), however it became a treatment
and whatever was scheduled.
"""

import dataclasses
import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..roles import REVIEWERS_GROUP
from .review_coverage import page_snapshot, snapshot_digest, stored_references

DATE_FORMAT = "j F Y"
# Article.unreviewed_since of a page never reviewed: before any publication time, so that
# a treatment never reviewed is never live, whatever its (possibly back-dated) time.
NEVER_REVIEWED = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def review_months(kind, *, names_medicines=False):
    """Months between reviews: its kind's cycle, or a shorter one for a page naming medicines."""
    months = settings.ARTICLE_REVIEW_MONTHS[kind]
    if names_medicines:
        return min(months, settings.ARTICLE_REVIEW_MONTHS_MEDICINES)
    return months


def next_review_due(kind, reviewed_on, *, names_medicines=False):
    return reviewed_on + relativedelta(months=review_months(kind, names_medicines=names_medicines))


class ReviewQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-reviewed_on", "-pk")

    def for_display(self):
        """With the reviewer; without the snapshot (the page needs its digest alone)."""
        return self.latest_first().select_related("reviewer").defer("snapshot")


class Review(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="article_reviews",
        limit_choices_to={"groups__name": REVIEWERS_GROUP},
    )
    reviewed_on = models.DateField("date", default=timezone.localdate, editable=False)
    checked = models.TextField(
        "what was checked",
        help_text="What you checked, against which sources, e.g. \u201cEvery claim against "
        "its reference; symptoms against NHS.UK and Mayo Clinic; FDA approval status as of "
        "today.\u201d",
    )
    article_version = models.ForeignKey(
        "articles.HistoricalArticle",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="version reviewed",
    )
    # The reviewer's name and credentials as they signed (a renamed or deactivated account
    # does not rewrite a past review).
    reviewer_name = models.CharField(max_length=200, blank=True, editable=False)
    reviewer_credentials = models.CharField(max_length=200, blank=True, editable=False)
    # What the reviewer was shown and signed (review_coverage.page_snapshot()), and its digest.
    snapshot = models.JSONField(default=dict, editable=False)
    content_digest = models.CharField(max_length=64, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = "medical review"
        constraints = [
            models.CheckConstraint(
                condition=~Q(checked=""), name="articles_review_checked_not_blank"
            ),
        ]
        indexes = [models.Index(fields=["article", "-reviewed_on", "-id"])]

    def __str__(self):
        return f"{self.article} reviewed by {self.reviewer} on {self.reviewed_on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self.content_digest:
            self.cover(self.version_snapshot())
        if self._state.adding and not self.reviewer_name:
            self.reviewer_name = str(self.reviewer)
            self.reviewer_credentials = self.reviewer.credentials
        super().save(*args, **kwargs)
        type(self.article).objects.filter(pk=self.article_id).refresh_review_coverage()

    def cover(self, snapshot):
        """What this review signs: the page as shown to the reviewer."""
        self.snapshot = snapshot
        self.content_digest = snapshot_digest(snapshot)

    def version_snapshot(self):
        """Recorded outside the review form: the page as its version reviewed showed it,
        with its references as they are."""
        version = self.article_version if self.article_version_id else self.article
        return page_snapshot(version, references=stored_references(self.article))

    def clean(self):
        errors = {}
        self.checked = self.checked.strip()
        if not self.checked:
            errors["checked"] = "Say what you checked: the page shows that it was reviewed."
        if self.reviewer_id and not self.reviewer.groups.filter(name=REVIEWERS_GROUP).exists():
            errors["reviewer"] = f"Only members of the {REVIEWERS_GROUP} group record reviews."
        if self.article_id and self.article_version_id:
            version = self.article_version
            if not self.content_digest and version.id == self.article_id:
                self.cover(self.version_snapshot())
            if version.id != self.article_id:
                errors["article_version"] = "This version belongs to another page."
            elif self._state.adding and self.content_digest != self.article.page_digest():
                errors[NON_FIELD_ERRORS] = ValidationError(
                    "The page changed while you were reviewing it. Read the new version "
                    "below, then record your review of it.",
                    code="text_changed",
                )
        if errors:
            raise ValidationError(errors)

    @property
    def reviewer_label(self):
        """'Dr. Ana Rao, MD, neurologist': the name and credentials shown on the page."""
        name = self.reviewer_name or str(self.reviewer)
        return ", ".join(part for part in (name, self.reviewer_credentials) if part)


@dataclasses.dataclass(frozen=True)
class ReviewStatus:
    """An article's medical review as the page shows it."""

    review: Review | None = None
    next_due: datetime.date | None = None
    overdue: bool = False
    updated_since: bool = False

    @classmethod
    def of(cls, article, **overrides):
        review = article.latest_review
        if review is None:
            return cls()
        next_due = next_review_due(
            article.kind, review.reviewed_on, names_medicines=article.names_medicines
        )
        return cls(
            review=review,
            next_due=next_due,
            overdue=next_due < timezone.localdate(),
            updated_since=review.content_digest != article.page_digest(**overrides),
        )

    @property
    def current(self):
        return self.review is not None and not self.overdue and not self.updated_since
