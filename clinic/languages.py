"""The site's languages: where the language switcher goes from a page.

A page in English at ``/conditions/`` is ``/es/condiciones/`` in Spanish: the same view,
its path in that language's words (``translate_url``). A view whose page may not exist in
every language (an article) says where the switcher goes by putting an
``alternate_url(language)`` callable, returning an ``Alternate``, in its template context.
"""

from typing import NamedTuple

from django.urls import reverse, translate_url
from django.utils import translation


class Alternate(NamedTuple):
    """Where the language switcher goes, for one language."""

    url: str
    # False when this page is not in that language (yet): ``url`` is then the nearest
    # page that is, and the switcher says so.
    exists: bool = True


def alternate_url(request, language):
    """This page in ``language``: its path in that language's words and the same query
    string; that language's home page when the URL is none of the site's pages (a 404)."""
    if request is not None:
        path = request.get_full_path()
        # Every language's paths differ (Spanish ones start with /es/), so the same URL
        # back means translate_url() found no page to translate.
        url = translate_url(path, language)
        if url != path:
            return Alternate(url)
    with translation.override(language):
        return Alternate(reverse("articles:home"))
