"""The article admin's languages: each version of a page is its own article
(docs/editors.md, Translations of a page). The list shows each row's language and whether it
is a translation awaiting its medical review (articles/models/review.py: a version's review is
its own); an article's page lists its other versions and links to add the missing ones, the
new version's form prefilled with the page's translation key, language, kind and the facts a
treatment's versions share (approval status, source, check date, the clinic's involvement),
and citing the same references in the same order."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ..models import Article
from .reviews import ArticleForm

ADD_TRANSLATION_PARAMETERS = ("translation_key", "language")
# Facts a translation shares with its original, prefilled; their words (the regulator's
# statement, the cost, the note) are the translator's to write.
SHARED_FACTS = (
    "kind",
    "regulatory_jurisdiction",
    "regulatory_status",
    "regulatory_source_url",
    "regulatory_checked_on",
    "clinic_offer",
    "clinic_trial_registration",
)
TRANSLATIONS_FIELDSET = (
    "Translations",
    {
        "fields": ["translations", "translation_key"],
        "description": "Each language's version of a page is an article of its own, reviewed "
        "and published on its own; the versions share a translation key. A translation "
        "awaits review until a medical reviewer records a review of it.",
    },
)


def add_translation_url(article, language):
    """The add form for ``article``'s version in ``language``, prefilled."""
    query = {
        "translation_key": str(article.translation_key),
        "language": language,
    }
    for name in SHARED_FACTS:
        if value := getattr(article, name):
            query[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return f"{reverse('admin:articles_article_add')}?{urlencode(query)}"


def translation_source(request):
    """The page a "new translation" add form translates (from its query string), or None:
    the version in the site's first language if it has one, else any other. Looked up once a
    request (the form, its initial data and its reference rows all ask)."""
    if not hasattr(request, "translation_source"):
        request.translation_source = _find_translation_source(request)
    return request.translation_source


def _find_translation_source(request):
    key, language = (request.GET.get(name, "") for name in ADD_TRANSLATION_PARAMETERS)
    if not key or not language:
        return None
    try:
        versions = Article.objects.filter(translation_key=key).exclude(language=language)
        versions = list(versions.prefetch_related("article_citations"))
    except ValueError:  # not a UUID
        return None
    versions.sort(key=lambda version: version.language != settings.LANGUAGE_CODE)
    return versions[0] if versions else None


class TranslationAwaitingReviewFilter(admin.SimpleListFilter):
    title = "translation"
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("awaiting_review", "Awaiting review")]

    def queryset(self, request, queryset):
        if self.value() == "awaiting_review":
            return queryset.translations_awaiting_review()
        return queryset


class TranslatedArticleForm(ArticleForm):
    """The language and translation key may be left out or empty: a page of its own in
    English (a new article), or as it was (a change)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("language", "translation_key"):
            if name in self.fields:
                self.fields[name].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language

    def clean_translation_key(self):
        return self.cleaned_data.get("translation_key") or self.instance.translation_key


class TranslationsAdminMixin:
    """For ArticleAdmin (its inline of references first in ``inlines``)."""

    form = TranslatedArticleForm

    @admin.display(description="language", ordering="language")
    def language_column(self, article):
        # From the list's review annotations (ArticleReviewAdminMixin): no query a row.
        if article.language != settings.LANGUAGE_CODE and not article.review_current:
            return format_html(
                "{}<br><strong>translation awaiting review</strong>",
                article.get_language_display(),
            )
        return article.get_language_display()

    @admin.display(description="versions in other languages")
    def translations(self, article):
        if article.pk is None:
            return "Save this version first; its translations are added from its page."
        rows = format_html_join(
            "",
            '<li>{}: <a href="{}">{}</a> ({}{})</li>',
            (
                (
                    version.get_language_display(),
                    reverse("admin:articles_article_change", args=[version.pk]),
                    version.title,
                    version.get_status_display().lower(),
                    ", translation awaiting review" if version.translation_awaiting_review else "",
                )
                for version in article.translations()
            ),
        )
        adds = format_html_join(
            "",
            '<li><a class="addlink" href="{}">Add a translation in {}</a></li>',
            (
                (add_translation_url(article, choice.value), choice.label)
                for choice in article.missing_languages()
            ),
        )
        return format_html('<ul class="translations">{}{}</ul>', rows, adds)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """A new translation cites its original's references, in the same order."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        adding = request.method == "GET" and (obj is None or obj.pk is None)
        source = translation_source(request) if adding else None
        if source is not None and inline.model is Article.article_citations.rel.related_model:
            kwargs["initial"] = [
                {"order": link.order, "citation": link.citation_id}
                for link in source.article_citations.all()
            ]
        return kwargs

    def get_formsets_with_inlines(self, request, obj=None):
        source = translation_source(request) if obj is None and request.method == "GET" else None
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if source is not None and inline.model is Article.article_citations.rel.related_model:
                formset.extra = max(formset.extra, len(source.article_citations.all()))
            yield formset, inline
