"""The site's languages: where the language switcher goes from a page.

A page in English at ``/conditions/`` is ``/es/condiciones/`` in Spanish: the same view,
its path in that language's words (``translate_url``). A view whose page may not exist in
every language (an article) says where the switcher goes by putting an
``alternate_url(language)`` callable, returning an ``Alternate``, in its template context.
"""

from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.urls import reverse, translate_url
from django.utils import translation


class Language(models.TextChoices):
    """The site's languages (settings.LANGUAGES; a test keeps them equal), for the records
    that say which one they are in: an article's version, a patient's request. The labels
    are the admin's, which is in English."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"


def active_language():
    """The page's language, as a code of settings.LANGUAGES ("en" outside a request)."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


class Alternate(NamedTuple):
    """Where the language switcher goes, for one language."""

    url: str
    # False when this page is not in that language (yet): ``url`` is then the nearest
    # page that is, and the switcher says so.
    exists: bool = True


def page_in(request, language):
    """This page's path in ``language``, or None when the URL is none of the site's pages.

    For the hreflang links (clinic/templatetags/site_languages.py), which name only pages
    that exist: never the home page in place of a missing one.
    """
    if language == active_language():
        other = next(code for code, _name in settings.LANGUAGES if code != language)
        return request.path if translate_url(request.path, other) != request.path else None
    url = translate_url(request.path, language)
    return url if url != request.path else None


def alternate_url(request, language):
    """This page in ``language``: its path in that language's words and the same query
    string; that language's home page when the URL is none of the site's pages (a 404)."""
    path = request.get_full_path() if request is not None else ""
    # translate_url() reads "//evil.example/contact/" (a path a browser may send) as another
    # host's address: such a path is no page of the site, and its link goes home.
    if path.startswith("/") and not path.startswith(("//", "/\\")):
        # Every language's paths differ (Spanish ones start with /es/), so the same URL
        # back means translate_url() found no page to translate.
        url = translate_url(path, language)
        if url != path:
            return Alternate(url)
    with translation.override(language):
        return Alternate(reverse("articles:home"))
