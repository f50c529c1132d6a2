"""The editor's "Preview": the page as patients will see it, from the form's unsaved data."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_POST

from ..models import Citation
from ..text.sanitize import sanitize_html


def posted_references(data, prefix="article_citations"):
    """The citations of the posted reference rows, in their order, deleted rows left out."""
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        return []
    rows = []
    for index in range(min(total, 1000)):
        row = f"{prefix}-{index}-"
        citation, order = data.get(f"{row}citation", ""), data.get(f"{row}order", "")
        if data.get(f"{row}DELETE") or not citation.isascii() or not citation.isdigit():
            continue
        rows.append((int(order) if order.isascii() and order.isdigit() else 0, index, citation))
    found = Citation.objects.in_bulk([int(c) for _, _, c in rows])
    return [found[int(c)] for _, _, c in sorted(rows) if int(c) in found]


class ArticlePreviewMixin:
    """For ArticleAdmin: POST the change form's data to ``preview/`` (a new tab) and see the
    article page rendered from an unsaved instance. Nothing is written; never cached."""

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [
            path("preview/", preview, name="articles_article_preview_new"),
            path("<path:object_id>/preview/", preview, name="articles_article_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id=None):
        article = None
        if object_id is not None:
            article = self.get_object(request, object_id)
            if article is None:
                raise Http404
        allowed = (
            self.has_change_permission(request, article)
            if article
            else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        stored_image = article.hero_image if article else None
        form = self.get_form(request, article, change=article is not None)(
            request.POST, request.FILES, instance=article
        )
        if form.is_valid():
            article = form.save(commit=False)
            article.body = sanitize_html(article.body)
            # As if saved now (a new article has no times yet; the page shows them).
            article.updated_at = timezone.now()
            article.created_at = article.created_at or article.updated_at
            if "hero_image" in form.changed_data:
                # An image not yet stored has no address: the preview shows the saved one.
                article.hero_image = stored_image
            article.references = posted_references(request.POST)
            article.related_pages = list(form.cleaned_data.get("related") or [])
            # In the page's language, as its patients will read it (the admin is English).
            with translation.override(article.language):
                response = render(
                    request,
                    "articles/article_detail.html",
                    {"article": article, "unsaved_preview": True},
                )
        else:
            response = render(
                request,
                "admin/articles/article/preview_errors.html",
                {**self.admin_site.each_context(request), "form": form, "title": "Preview"},
                status=400,
            )
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response
