"""Medical review: who checked a page, which version of its text, and when the next review
is due (README: Medical review).

A review is a record a medical reviewer (the "Medical reviewers" group) makes in the admin:
the article, the reviewer, the day, what they checked, and the history record of the article
it covers (simple_history's HistoricalArticle). It is never edited; a new review supersedes
the last. A page's review is *current* while its next review is not due yet (last review +
ARTICLE_REVIEW_MONTHS for its kind) and its medical text (REVIEWED_FIELDS) is the text
reviewed; after a change the page says "Updated since review".
"""

import dataclasses
import datetime
import hashlib

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property

from .apps import REVIEWERS_GROUP
from .sanitize import sanitize_html

# What a reviewer signs off: a change to any of these after a review shows "Updated since
# review". Not the title, images, related pages, publishing fields, the date the regulator's
# source was last checked (rechecked every few months), nor the clinic's own offer and cost.
REVIEWED_FIELDS = (
    "summary",
    "body",
    "regulatory_jurisdiction",
    "regulatory_status",
    "regulatory_statement",
)
DATE_FORMAT = "j F Y"


def text_digest(source, **overrides):
    """A fingerprint of the reviewed fields of ``source`` (an article or one of its history
    records). White space is ignored: CKEditor re-indents the HTML it sends back."""
    values = {field: str(getattr(source, field)) for field in REVIEWED_FIELDS} | overrides
    text = "\x1f".join(" ".join(values[field].split()).replace("> <", "><") for field in values)
    return hashlib.sha256(text.encode()).hexdigest()


def next_review_due(kind, reviewed_on):
    return reviewed_on + relativedelta(months=settings.ARTICLE_REVIEW_MONTHS[kind])


class ReviewQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-reviewed_on", "-pk")

    def for_display(self):
        """With the reviewer, and the digest of the version reviewed (not its whole text)."""
        return (
            self.latest_first()
            .select_related("reviewer")
            .annotate(version_digest=F("article_version__content_digest"))
        )


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

    @property
    def reviewer_label(self):
        """'Dr. Ana Rao, MD, neurologist': the name and credentials shown on the page."""
        return ", ".join(part for part in (str(self.reviewer), self.reviewer.credentials) if part)

    def clean(self):
        errors = {}
        self.checked = self.checked.strip()
        if not self.checked:
            errors["checked"] = "Say what you checked: the page shows that it was reviewed."
        if self.reviewer_id and not self.reviewer.groups.filter(name=REVIEWERS_GROUP).exists():
            errors["reviewer"] = f"Only members of the {REVIEWERS_GROUP} group record reviews."
        if self.article_id and self.article_version_id:
            version = self.article_version
            if version.id != self.article_id:
                errors["article_version"] = "This version belongs to another page."
            elif self._state.adding and version.content_digest != self.article.content_digest:
                errors[NON_FIELD_ERRORS] = ValidationError(
                    "The page\u2019s text changed while you were reviewing it. Read the "
                    "new version, then record your review of it.",
                    code="text_changed",
                )
        if errors:
            raise ValidationError(errors)


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
        next_due = next_review_due(article.kind, review.reviewed_on)
        return cls(
            review=review,
            next_due=next_due,
            overdue=next_due < timezone.localdate(),
            updated_since=review.version_digest != text_digest(article, **overrides),
        )

    @property
    def current(self):
        return self.review is not None and not self.overdue and not self.updated_since


class ReviewedArticle(models.Model):
    """Article's base: the fingerprint of its reviewed text, and its review status."""

    content_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.content_digest = text_digest(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(REVIEWED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "content_digest"}
        super().save(*args, **kwargs)

    @cached_property
    def latest_review(self):
        prefetched = getattr(self, "latest_reviews", None)  # with_page_relations()
        if prefetched is not None:
            return prefetched[0] if prefetched else None
        if self.pk is None:
            return None
        return self.reviews.for_display().first()

    @cached_property
    def review_status(self):
        return ReviewStatus.of(self)

    def publishing_refusal(self, **overrides):
        """Why this page may not be published now ("" when it may)."""
        if self.kind != self.Kind.TREATMENT or not settings.ARTICLE_REVIEW_REQUIRED_TO_PUBLISH:
            return ""
        status = ReviewStatus.of(self, **overrides)
        intro = "Treatment pages are published only with a current medical review."
        if status.review is None:
            return (
                f"{intro} This page has none: ask a medical reviewer to review it and "
                "record the review, then publish."
            )
        reviewed_on = format_date(status.review.reviewed_on, DATE_FORMAT)
        if status.overdue:
            return (
                f"{intro} The last review ({reviewed_on}) was due again on "
                f"{format_date(status.next_due, DATE_FORMAT)}: a medical reviewer must "
                "review the page again before it is published."
            )
        if status.updated_since:
            return (
                f"{intro} The text changed after the review of {reviewed_on}: a medical "
                "reviewer must review this version before it is published."
            )
        return ""

    def publishing_review_errors(self):
        """For clean(): a treatment being published (not already) needs a current review."""
        if self.status != self.Status.PUBLISHED:
            return {}
        stored = type(self).objects.filter(pk=self.pk, status=self.Status.PUBLISHED)
        if self.pk is not None and stored.exists():
            return {}
        refusal = self.publishing_refusal(body=sanitize_html(self.body))
        return {NON_FIELD_ERRORS: refusal} if refusal else {}

    def check_may_publish(self):
        if refusal := self.publishing_refusal():
            raise ValidationError(refusal)
