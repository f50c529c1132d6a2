"""Medical review in the admin: reviewers record reviews; editors see when they are due.

A review is recorded from the article ("Record a review" on its page in the admin, or the
action of that name in the list), by the reviewer signed in: the form has no reviewer field,
so nobody records a review in someone else's name, and it covers the version of the text the
reviewer was shown. Reviews are never changed; an administrator may delete a mistaken one.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import date_format
from django.utils.html import format_html

from ..models import Article, Review
from ..models.review import DATE_FORMAT, next_review_due
from ..models.review_coverage import page_digest
from ..roles import REVIEWERS_GROUP
from .review_form import ReviewForm, changes_since_review, latest_version

MEDICAL_REVIEW_FIELDSET = (
    "Medical review",
    {
        "fields": ["medical_review"],
        "description": "Recorded by medical reviewers (\u201cRecord a review\u201d).",
    },
)


def is_reviewer(user):
    """May record reviews: the permission, and membership of the Medical reviewers group
    (the model checks the group too: a permission granted on its own is not enough)."""
    return (
        user.is_active
        and user.has_perm("articles.add_review")
        and user.groups.filter(name=REVIEWERS_GROUP).exists()
    )


def record_review_url(article):
    return f"{reverse('admin:articles_review_add')}?{urlencode({'article': article.pk})}"


class ReviewStateFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("due", f"Review due (within {settings.ARTICLE_REVIEW_REMINDER_DAYS} days)"),
            ("overdue", "Overdue"),
            ("never", "Never reviewed"),
            ("updated", "Updated since review"),
            ("current", "Review current"),
        ]

    def queryset(self, request, queryset):
        chosen = {
            "due": queryset.review_due_soon,
            "overdue": queryset.review_overdue,
            "never": queryset.never_reviewed,
            "updated": queryset.updated_since_review,
            "current": queryset.review_current,
        }.get(self.value())
        return chosen() if chosen else queryset


class ArticleForm(forms.ModelForm):
    """The article form; with "Publish" pressed, validated as published, so the model's
    rules for publishing (a treatment's medical review) refuse it with their reason."""

    publishing = False  # set by get_form() below when "Publish" was pressed

    def clean(self):
        cleaned_data = super().clean()
        if self.publishing:
            cleaned_data["status"] = Article.Status.PUBLISHED
        return cleaned_data


class ArticleReviewAdminMixin:
    """For ArticleAdmin: the review columns, the review box on the form, the action "Record
    a review", and publishing refused with the reason (a treatment without a current review)."""

    form = ArticleForm

    def get_queryset(self, request):
        return super().get_queryset(request).with_last_review()

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "medical_review"]

    def publish_pressed(self, request, obj):
        """Whether this save is the "Publish" button (which needs the change permission)."""
        return "_publish" in request.POST and self.has_change_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if self.publish_pressed(request, obj):
            form = type(form.__name__, (form,), {"publishing": True})
        return form

    def publishable(self, request, articles):
        """The articles that may be published now; a message says why each other may not."""
        allowed = []
        for article in articles:
            if refusal := article.publishing_refusal():
                message = f"\u201c{article}\u201d is not published. {refusal}"
                self.message_user(request, message, messages.ERROR)
            else:
                allowed.append(article)
        return allowed

    @admin.display(description="last reviewed", ordering="last_reviewed_on")
    def last_review(self, article):
        return article.last_reviewed_on or "never"

    @admin.display(description="next review due")
    def next_review(self, article):
        if article.last_reviewed_on is None:
            return "-"
        due = next_review_due(
            article.kind, article.last_reviewed_on, names_medicines=article.names_medicines
        )
        shown = format_date(due, DATE_FORMAT)
        if due < timezone.localdate():
            return format_html("<strong>{} (overdue)</strong>", shown)
        return shown

    @admin.display(description="medical review")
    def medical_review(self, article):
        if article.pk is None:
            return "A page is reviewed once saved."
        status = article.review_status
        if status.review is None:
            text = format_html("<strong>{}</strong>", "Not yet medically reviewed.")
        else:
            text = format_html(
                "Reviewed by {} on {}. Next review due {}{}.{}<br>Checked: {}",
                status.review.reviewer_label,
                format_date(status.review.reviewed_on, DATE_FORMAT),
                format_date(status.next_due, DATE_FORMAT),
                " (overdue)" if status.overdue else "",
                format_html(" <strong>{}</strong>", "Updated since review.")
                if status.updated_since
                else "",
                status.review.checked,
            )
        reviews = f"{reverse('admin:articles_review_changelist')}?article__id__exact={article.pk}"
        return format_html('{}<br><a href="{}">All reviews of this page</a>', text, reviews)

    def has_review_permission(self, request):
        return is_reviewer(request.user)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        article = context.get("original")
        if article is not None and self.has_review_permission(request):
            context["record_review_url"] = record_review_url(article)
        return super().render_change_form(request, context, add, change, **kwargs)

    @admin.action(description="Record a review of the selected page", permissions=["review"])
    def record_review(self, request, queryset):
        articles = list(queryset[:2])
        if len(articles) != 1:
            self.message_user(
                request,
                "Choose one page: a review records what you checked on that page.",
                messages.WARNING,
            )
            return None
        return redirect(record_review_url(articles[0]))


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    form = ReviewForm
    list_display = ["article", "reviewer", "reviewed_on", "version_link"]
    list_filter = ["reviewed_on", "article__kind", "reviewer"]
    list_select_related = ["article", "reviewer", "article_version"]
    search_fields = ["article__title", "checked"]
    date_hierarchy = "reviewed_on"
    readonly_fields = ["article", "reviewer", "reviewed_on", "version_link", "checked"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return [
                "article",
                "article_version",
                "shown_digest",
                "newer_version",
                "checked",
                "read_newer_version",
            ]
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"reviewer": request.user})

    @admin.display(description="version reviewed")
    def version_link(self, review):
        version = review.article_version
        url = reverse("admin:articles_article_simple_history", args=[review.article_id, version.pk])
        saved = date_format(timezone.localtime(version.history_date), "j F Y, H:i")
        return format_html('<a href="{}">The text saved {}</a>', url, saved)

    def has_add_permission(self, request):
        return is_reviewer(request.user)

    def has_change_permission(self, request, obj=None):
        return False  # a review is a record of what was checked then: never rewritten

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def _reviewed_article(self, request):
        """The page the review is of (from the form or the query string) and its latest
        version, looked up once a request: (None, None) without a page."""
        if not hasattr(request, "reviewed_article"):
            article_id = request.POST.get("article") or request.GET.get("article", "")
            article = version = None
            if article_id.isascii() and article_id.isdigit():
                article = Article.objects.filter(pk=article_id).first()
            if article is not None:
                version = latest_version(article)
            request.reviewed_article = article, version
        return request.reviewed_article

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        article, version = self._reviewed_article(request)
        if article is None:
            self.message_user(
                request,
                "Choose the page you reviewed, then \u201cRecord a review\u201d on it.",
                messages.INFO,
            )
            return redirect("admin:articles_article_changelist")
        extra_context = {
            **(extra_context or {}),
            "reviewed_article": article,
            "reviewed_version": version,
            "review_status": article.review_status,
            "review_changes": changes_since_review(article),
        }
        return super().add_view(request, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        article, version = self._reviewed_article(request)
        return {
            "article": article.pk,
            "article_version": version.pk if version else None,
            "shown_digest": page_digest(article),
        }

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            f"Your review of \u201c{obj.article}\u201d is recorded; the page shows it.",
            messages.SUCCESS,
        )
        return redirect("admin:articles_article_change", obj.article_id)
