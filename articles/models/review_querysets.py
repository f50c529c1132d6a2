"""The articles' review filters, in the database: never reviewed, due soon, overdue, updated
since the review, current (the admin's filters, the editors' reminder, the home page's
promise). The rules are those of articles/models/review.py (ReviewStatus), written as queries.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from .review import Review, review_months


def first_review_day_due_from(day, months):
    """The earliest review day whose next review (``months`` later) falls on ``day`` or
    after: so that the database's filters agree with next_review_due() at month ends."""
    first = day - relativedelta(months=months)  # clamped: 31 March - 1 month is 29 February,
    while first + relativedelta(months=months) < day:  # due 29 March, before 31 March
        first += datetime.timedelta(days=1)
    return first


def _due_before(day):
    """Articles annotated by with_last_review() whose next review is due before ``day``."""
    condition = Q()
    for kind in settings.ARTICLE_REVIEW_MONTHS:
        for names_medicines in (False, True):
            months = review_months(kind, names_medicines=names_medicines)
            cutoff = first_review_day_due_from(day, months)
            condition |= Q(kind=kind, names_medicines=names_medicines, last_reviewed_on__lt=cutoff)
    return condition


def _not_current():
    """Articles annotated by with_last_review() whose review is not current."""
    return (
        Q(last_reviewed_on__isnull=True)
        | _due_before(timezone.localdate())
        | ~Q(content_digest=F("last_reviewed_digest"))
    )


class ReviewedArticleQuerySet(models.QuerySet):
    """ArticleQuerySet's base: the review filters of the admin, the reminder and home page."""

    def with_last_review(self):
        if "last_reviewed_on" in self.query.annotations:
            return self
        latest = Review.objects.filter(article=OuterRef("pk")).latest_first()
        return self.annotate(
            last_reviewed_on=Subquery(latest.values("reviewed_on")[:1]),
            last_reviewed_digest=Subquery(latest.values("content_digest")[:1]),
        ).annotate(
            review_current=models.Case(
                models.When(_not_current(), then=models.Value(False)),
                default=models.Value(True),
            )
        )

    def refresh_review_coverage(self):
        """After a change to a reference or a cited study (articles/models/review.py)."""
        for article in self:
            article.refresh_review_coverage()

    def review_allows_live(self):
        """Those the review rule lets be public: a treatment only if its last review covered
        the page when its publication time came (Article.review_allows_live)."""
        if not settings.ARTICLE_REVIEW_REQUIRED_TO_PUBLISH:
            return self
        return self.filter(
            ~Q(kind=self.model.Kind.TREATMENT)
            | Q(demonstration=True)
            | Q(unreviewed_since__isnull=True)
            | Q(unreviewed_since__gt=F("published_at"))
        )

    def never_reviewed(self):
        return self.with_last_review().filter(last_reviewed_on__isnull=True)

    def review_overdue(self):
        """Reviewed, and the next review's day has passed."""
        return self.with_last_review().filter(_due_before(timezone.localdate()))

    def review_due_soon(self, days=None):
        """The next review falls today or in the next ``days`` (ARTICLE_REVIEW_REMINDER_DAYS)."""
        days = settings.ARTICLE_REVIEW_REMINDER_DAYS if days is None else days
        today = timezone.localdate()
        return (
            self.with_last_review()
            .filter(_due_before(today + datetime.timedelta(days=days + 1)))
            .exclude(_due_before(today))
        )

    def updated_since_review(self):
        return (
            self.with_last_review()
            .filter(last_reviewed_on__isnull=False)
            .exclude(content_digest=F("last_reviewed_digest"))
        )

    def review_not_current(self):
        """Never reviewed, due again, or changed since the review."""
        return self.with_last_review().filter(_not_current())

    def review_current(self):
        return self.with_last_review().exclude(_not_current())

    def all_reviewed(self):
        """Whether there are articles, each with a current review (the home page's promise)."""
        not_current = _not_current()
        counts = self.with_last_review().aggregate(
            pages=models.Count("pk"), due=models.Count("pk", filter=not_current)
        )
        return counts["pages"] > 0 and counts["due"] == 0
