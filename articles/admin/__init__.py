"""The articles' admin screens, one module a screen: article.py (the article's page and list,
with translations.py, reviews.py, preview.py and fieldsets.py), citation.py (with "Fetch
details" in citation_fetch.py); reviews.py also registers the medical reviews' list.
Importing them registers them with the admin site."""

from . import article, citation, reviews, trials

__all__ = ["article", "citation", "reviews", "trials"]
