"""An article's language, and its versions in the other languages
(docs/developers/architecture.md, Languages).

Each version of an article is its own row: the Spanish page is an ``Article`` in Spanish
with its own slug, title, summary, body, other names, status, publication date and medical
reviews, linked to the English one by a ``translation_key`` the versions share (as Wagtail
links its pages' translations). So a translation is reviewed and published on its own schedule,
a page is never half-translated, and the reads, the search and the page cache keep working
on one table, each filtered by the page's language.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from clinic.languages import Language as ArticleLanguage


class TranslatedArticle(models.Model):
    """The fields and methods that make an article one language's version of a page."""

    Language = ArticleLanguage

    language = models.CharField(
        max_length=8,
        choices=ArticleLanguage.choices,
        default=ArticleLanguage.ENGLISH,
        help_text="The language this version is written in. Its page is under that "
        "language's address (Spanish: /es/...).",
    )
    translation_key = models.UUIDField(
        default=uuid.uuid4,
        help_text="Shared by the versions of one page in each language. Filled in by "
        "\u201cAdd a translation\u201d; change it only to link versions made apart.",
    )

    class Meta:
        abstract = True

    def get_absolute_url(self):
        """The page in its own language's address, whatever language is active."""
        with translation.override(self.language):
            return reverse(f"articles:{self.kind}", kwargs={"slug": self.slug})

    @property
    def translation_awaiting_review(self):
        """A version in another language than the site's first (a translation) whose
        medical review is not current: nobody has checked this text yet (articles/models/review.py;
        a version's review is its own)."""
        return self.language != settings.LANGUAGE_CODE and not self.review_status.current

    @cached_property
    def published_translations(self):
        """{language: article} of this page's other versions the public may see: from the
        slugs ``ArticleQuerySet.with_translation_slugs()`` added to the row, else one query."""
        if hasattr(self, translation_slug_attribute(self.language)):
            return {
                code: type(self)(slug=slug, kind=self.kind, language=code)
                for code in ArticleLanguage.values
                if code != self.language
                and (slug := getattr(self, translation_slug_attribute(code)))
            }
        versions = (
            type(self)
            .objects.live()
            .filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .only("slug", "kind", "language")
        )
        return {version.language: version for version in versions}

    def translations(self):
        """Every other version, published or not, in the order of settings.LANGUAGES."""
        versions = type(self).objects.filter(translation_key=self.translation_key)
        order = {code: position for position, code in enumerate(ArticleLanguage.values)}
        others = versions.exclude(pk=self.pk) if self.pk else versions
        return sorted(others, key=lambda version: order.get(version.language, len(order)))

    def missing_languages(self):
        """The languages this page has no version in yet."""
        have = {self.language, *(version.language for version in self.translations())}
        return [choice for choice in ArticleLanguage if choice.value not in have]

    def translation_errors(self):
        """The versions of a page are one page: the same kind (condition or treatment)."""
        other_kinds = (
            type(self)
            .objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .exclude(kind=self.kind)
        )
        if self.translation_key and other_kinds.exists():
            return {"kind": "Its other language versions are of another kind: use the same."}
        return {}


def translation_slug_attribute(language):
    """The name of the annotation holding the page's published slug in ``language``."""
    return f"published_slug_{language}"


def translation_constraints(model_name):
    """The database's rules for the versions: named for ``model_name``'s table."""
    prefix = f"articles_{model_name}"
    return [
        models.CheckConstraint(
            condition=Q(language__in=ArticleLanguage.values),
            name=f"{prefix}_language_valid",
        ),
        models.UniqueConstraint(
            fields=["slug", "language"],
            name=f"{prefix}_slug_unique_per_language",
            violation_error_message="Another page in this language has this slug.",
        ),
        models.UniqueConstraint(
            fields=["translation_key", "language"],
            name=f"{prefix}_one_version_per_language",
            violation_error_message="This page already has a version in this language.",
        ),
    ]
