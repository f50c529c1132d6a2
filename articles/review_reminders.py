"""The editors' daily email about medical reviews (articles.tasks.remind_editors_of_reviews).

One email to the active members of the Editors group who have an address: the published
pages (scheduled ones too) whose review is overdue, due within ARTICLE_REVIEW_REMINDER_DAYS,
missing, or older than the page's text, each with its link in the admin. Nothing is sent
when no page needs a review.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Article
from .models.review import next_review_due
from .roles import EDITORS_GROUP

logger = logging.getLogger(__name__)


def pages_needing_review():
    """{section title: [(article, next review due or None, admin URL)]}, empty sections left out."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED).only(
        "title", "kind", "names_medicines"
    )
    days = settings.ARTICLE_REVIEW_REMINDER_DAYS
    by_date = ("last_reviewed_on", "title")
    sections = {
        "Overdue": published.review_overdue().order_by(*by_date),
        f"Due within {days} days": published.review_due_soon().order_by(*by_date),
        "Never reviewed": published.never_reviewed().order_by("title"),
        "Changed since their last review": published.updated_since_review().order_by("title"),
    }
    listed = {}
    for title, pages in sections.items():
        rows = [
            (
                article,
                next_review_due(
                    article.kind, article.last_reviewed_on, names_medicines=article.names_medicines
                )
                if article.last_reviewed_on
                else None,
                settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk]),
            )
            for article in pages
        ]
        if rows:
            listed[title] = rows
    return listed


def send_review_reminder():
    """Send the reminder when a page needs a review; returns how many pages it listed."""
    sections = pages_needing_review()
    if not sections:
        return 0
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(groups__name=EDITORS_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    count = len({row[0].pk for rows in sections.values() for row in rows})
    if not recipients:
        logger.warning("%s page(s) need a medical review; no editor has an email address", count)
        return 0
    summary = ", ".join(f"{len(rows)} {title.lower()}" for title, rows in sections.items())
    send_mail(
        subject=f"Medical reviews to arrange: {summary}",
        message=render_to_string("emails/review_reminder.txt", {"sections": sections}),
        from_email=None,
        recipient_list=recipients,
    )
    logger.info("Review reminder sent to %s editor(s): %s", len(recipients), summary)
    return count
