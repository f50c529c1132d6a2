"""ReviewedArticle: the article's base for its medical review (what its page shows, since
when its last review has not covered it, its review status). The review itself, and the
rules of when one is due, are in review.py."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property

from ..text.sanitize import sanitize_html
from .review import DATE_FORMAT, NEVER_REVIEWED, ReviewStatus
from .review_coverage import page_digest


class ReviewedArticle(models.Model):
    """Article's base: the fingerprint of what its page shows, since when its last review
    has not covered it, and its review status."""

    content_digest = models.CharField(max_length=64, blank=True, editable=False)
    # When the reviewed text last changed: the page's "Last updated" date (not updated_at,
    # which a change of image, status or related pages moves too).
    content_changed_at = models.DateTimeField(
        "content last changed", null=True, blank=True, editable=False
    )
    names_medicines = models.BooleanField(
        "names medicines",
        default=False,
        help_text="The page names medicines (their approval, doses or evidence): it is "
        "reviewed every ARTICLE_REVIEW_MONTHS_MEDICINES months (12 unless set), whatever "
        "its kind's cycle.",
    )
    unreviewed_since = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        digest = page_digest(self)  # the references as stored
        if digest != self.content_digest or self.content_changed_at is None:
            self.content_changed_at = timezone.now()
        self.content_digest = digest
        self.unreviewed_since = self.unreviewed_since_for(digest)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "content_digest",
                "content_changed_at",
                "unreviewed_since",
            }
        super().save(*args, **kwargs)

    def page_digest(self, **overrides):
        """The digest of the page as it shows now (its references from the prefetch when
        there is one), with ``overrides`` (values about to be saved)."""
        return page_digest(self, references=self.references, **overrides)

    def unreviewed_since_for(self, digest):
        """None when the last review covers the page of ``digest``; else since when it has
        not (the time stored, or now; NEVER_REVIEWED without a review)."""
        reviewed = None
        if self.pk is not None:
            reviewed = self.reviews.latest_first().values_list("content_digest", flat=True)
            reviewed = reviewed.first()
        if reviewed is None:
            return NEVER_REVIEWED
        if reviewed == digest:
            return None
        stored = type(self).objects.filter(pk=self.pk).values_list("unreviewed_since", flat=True)
        return stored.first() or timezone.now()

    def refresh_review_coverage(self):
        """After a change to its references or a cited study: the digest and the moment the
        review stopped covering the page, stored without a new version of the article."""
        digest = page_digest(self)
        since = self.unreviewed_since_for(digest)
        changes = {}
        if digest != self.content_digest:
            changes = {"content_digest": digest, "content_changed_at": timezone.now()}
        if since != self.unreviewed_since:
            changes["unreviewed_since"] = since
        if changes:
            for name, value in changes.items():
                setattr(self, name, value)
            type(self).objects.filter(pk=self.pk).update(**changes)

    @property
    def review_allows_live(self):
        """Whether the review rule lets this page be public (ArticleQuerySet.live())."""
        return (
            self.kind != self.Kind.TREATMENT
            or self.demonstration
            or not settings.ARTICLE_REVIEW_REQUIRED_TO_PUBLISH
            or self.unreviewed_since is None
            or (self.published_at is not None and self.unreviewed_since > self.published_at)
        )

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
        """For clean(): a treatment about to be public (made public, scheduled, or turned
        into a treatment) needs a current review; a live treatment's edits are shown as
        "Updated since review"."""
        if self.status != self.Status.PUBLISHED:
            return {}
        stays_live = self.published_at is not None and self.published_at <= timezone.now()
        live = type(self).objects.live().filter(pk=self.pk, kind=self.Kind.TREATMENT)
        if self.pk is not None and stays_live and live.exists():
            return {}
        refusal = self.publishing_refusal(body=sanitize_html(self.body))
        return {NON_FIELD_ERRORS: refusal} if refusal else {}

    def check_may_publish(self):
        if refusal := self.publishing_refusal():
            raise ValidationError(refusal)
