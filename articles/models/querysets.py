"""The reads the pages make: ``Article.objects.published()``, ``.for_list()``, ``.search()``...

The public's reads start from ``published()``, which keeps the page's language (the active
one): an English page never lists, finds or links a Spanish article, nor the reverse.
``live()`` is the same without the language, for what spans languages (the sitemap, the
versions of a page).
"""

import string

from django.conf import settings
from django.db import models
from django.db.models.functions import Left, Upper
from django.utils import timezone

from clinic.languages import active_language

from .. import search
from .review import Review
from .review_querysets import ReviewedArticleQuerySet
from .translation import ArticleLanguage, translation_slug_attribute

# What a list card shows (includes/_card.html): load these and nothing more.
CARD_FIELDS = ("title", "slug", "kind", "language", "summary", "also_known_as")
# The A-Z index of the lists: titles that start with anything but a letter come last.
INDEX_LETTERS = list(string.ascii_uppercase)
OTHER_INITIAL = "#"


def _index_order(letter):
    return (letter == OTHER_INITIAL, letter)


class ArticleQuerySet(ReviewedArticleQuerySet):
    def published(self, *, language=None):
        """Articles the public may see in ``language`` (the page's language by default)."""
        return self.live().in_language(language)

    def live(self):
        """Articles the public may see, in every language: published, with a publication
        time now or past, and a treatment only with a review current at that time."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__lte=timezone.now()
        ).review_allows_live()

    def in_language(self, language=None):
        """Those written in ``language`` (the active language by default)."""
        return self.filter(language=language or active_language())

    def translations_awaiting_review(self):
        """Versions in another language than the site's first whose medical review is not
        current (Article.translation_awaiting_review)."""
        return self.exclude(language=settings.LANGUAGE_CODE).review_not_current()

    def next_scheduled_publication(self):
        """When the next scheduled article goes public (None when none is scheduled)."""
        return (
            self.filter(status=self.model.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def for_list(self):
        """What a list card needs, and nothing more."""
        return self.only(*CARD_FIELDS).order_by("title")

    def with_initial(self):
        """Each article's index letter: A to Z, or "#" for a title that starts otherwise."""
        return self.annotate(first_character=Upper(Left("title", 1))).annotate(
            initial=models.Case(
                models.When(first_character__in=INDEX_LETTERS, then="first_character"),
                default=models.Value(OTHER_INITIAL),
            )
        )

    def initials(self):
        """{letter: number of articles} for the letters that have articles, in order."""
        counts = self.with_initial().order_by().values("initial").annotate(count=models.Count("pk"))
        found = {row["initial"]: row["count"] for row in counts}
        return {letter: found[letter] for letter in sorted(found, key=_index_order)}

    def with_page_relations(self, *, public):
        """Prefetch what the article page shows: its references, related pages (in the
        page's language) and latest medical review."""
        related = self.model.objects.in_language().for_list()
        if public:
            related = related.published()
        references = self.model._meta.get_field("article_citations").related_model.objects
        return (
            self.defer("search_vector", "search_head", "body_text")
            .with_translation_slugs()
            .prefetch_related(
                models.Prefetch(
                    "article_citations", queryset=references.select_related("citation")
                ),
                models.Prefetch("related", queryset=related, to_attr="related_pages"),
            )
            .with_latest_review()
        )

    def with_latest_review(self):
        """With each article's latest medical review (Article.latest_review): one query for
        them all, not one an article."""
        return self.prefetch_related(
            models.Prefetch(
                "reviews", queryset=Review.objects.for_display()[:1], to_attr="latest_reviews"
            )
        )

    def with_translation_slugs(self):
        """Each article's published slug in every language (None where there is none):
        where the language switcher and the hreflang links go, in the article's own query
        (a subquery a language, each one row of the (translation_key, language) index)."""
        live = self.model.objects.live()
        return self.annotate(
            **{
                translation_slug_attribute(code): models.Subquery(
                    live.filter(
                        translation_key=models.OuterRef("translation_key"), language=code
                    ).values("slug")[:1]
                )
                for code in ArticleLanguage.values
            }
        )

    def search(self, query, *, language=None):
        """Published or not, the articles matching ``query`` read as ``language`` (the
        active language by default), best matches first, each with its ``search_rank``
        (higher is better): see articles/search.py. Filter the language first
        (``published()`` does): the words are stemmed as that language's."""
        return search.ranked_matches(self, query, language or active_language())
