"""Which stored article pages show a row, for the page store (clinic/pagecache.py).

Each function reads the database, so the page store asks it before a write (the pages
the row was on) and after it (the pages it is on now). An article's page shows its own
text, its references, its latest review, its versions in the other languages (the language
switcher) and its related pages' cards; the lists show none of the references.
"""

from django.db.models import Q

from .models import Article, ArticleCitation


def _paths(articles):
    return [article.get_absolute_url() for article in articles.only("slug", "kind", "language")]


def _showing_versions(versions):
    """The pages of ``versions`` (articles) in each language, and those listing one of
    them as related (a card with its title and summary)."""
    group = Article.objects.filter(translation_key__in=versions.values("translation_key"))
    return _paths(Article.objects.filter(Q(pk__in=group) | Q(related__in=group)).distinct())


def pages_showing_article(article):
    return _showing_versions(Article.objects.filter(pk=article.pk))


def pages_published_between(start, end):
    """The pages that change when the articles scheduled between ``start`` and ``end``
    go public: theirs, their other versions' (the switcher links them) and those relating them."""
    return _showing_versions(
        Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gte=start, published_at__lte=end
        )
    )


def pages_citing(citation):
    return _paths(Article.objects.filter(article_citations__citation=citation.pk).distinct())


def pages_with_reference(reference):
    return _paths(
        Article.objects.filter(
            pk__in=ArticleCitation.objects.filter(pk=reference.pk).values("article")
        )
    )


def pages_with_review(review):
    return _paths(Article.objects.filter(reviews=review.pk))


def pages_listing_trials(search):
    """Every version of the page the search belongs to: each lists its trials."""
    page = Article.objects.filter(trial_search=search.pk).values("translation_key")
    return _paths(Article.objects.filter(translation_key__in=page))
