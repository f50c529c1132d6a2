import functools
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext

from ..languages import alternate_url, page_in

register = template.Library()


@register.inclusion_tag("includes/_language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the site's other languages, each named in its own language.

    The view may say where they go with an ``alternate_url(language)`` in its context
    (clinic/languages.py); when the page is not in a language, the link says so, in that
    language.
    """
    find = context.get("alternate_url") or functools.partial(alternate_url, context.get("request"))
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        target = find(code)
        name = translation.get_language_info(code)["name_local"]
        note = ""
        if not target.exists:
            with translation.override(code):
                note = gettext("This page is not yet available in %(language)s.") % {
                    "language": name
                }
        links.append({"code": code, "name": capfirst(name), "url": target.url, "note": note})
    return {"links": links}


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """``<link rel="alternate" hreflang>`` to this page in every language, and ``x-default``
    (the English page), for search engines: only for a page that exists in every language
    (an article with a published translation, every fixed page); else nothing.

    The view's ``alternate_url(language)`` decides where there is one (clinic/languages.py),
    the URL otherwise. Paths only, on the site's public address, like the canonical link.
    """
    find = context.get("alternate_url")
    request = context.get("request")
    paths = {}
    for code, _name in settings.LANGUAGES:
        if find is not None:
            target = find(code)
            path = urlsplit(target.url).path if target.exists else None
        else:
            path = page_in(request, code) if request is not None else None
        if path is None:
            return ""
        paths[code] = path
    links = [*paths.items(), ("x-default", paths[settings.LANGUAGE_CODE])]
    return format_html_join(
        "\n  ",
        '<link rel="alternate" hreflang="{}" href="{}{}">',
        ((code, settings.SITE_URL, path) for code, path in links),
    )
