import functools

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from ..languages import alternate_url

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
