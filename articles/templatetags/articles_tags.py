import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from clinic.languages import active_language

from ..images import recorded_sizes
from ..seo import absolute_url, article_jsonld

register = template.Library()

register.filter("absolute_url", absolute_url)


@register.filter
def lang_attr(article):
    """`` lang="es"`` for an element of the article's own words on a page in another
    language, else nothing: screen readers then read them in the right voice. The public
    pages show only articles in their own language; an editor's preview may not."""
    if article.language == active_language():
        return ""
    return format_html(' lang="{}"', article.language)


@register.filter
def citation_words(text):
    """An editor's words about a study (its key finding, follow-up, harms, funding), marked
    `` lang="en"`` on a page in another language: citations are shared by the versions of a
    page and written in English. (A study's own title is left unmarked: it is in the
    study's own language, which the citation does not record.)"""
    if active_language() == settings.LANGUAGE_CODE:
        return text
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, text)


@register.filter
def study_detail(citation, name):
    """A study's detail (key finding, follow-up, harms, funding) in the page's language, or
    its English marked as English when nobody has translated it."""
    translated = citation.in_language(name, active_language())
    return translated or citation_words(getattr(citation, name))


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def article_structured_data(context, article):
    """The article's JSON-LD block, escaped so no value can close the script element."""
    data = article_jsonld(
        article,
        page_url=absolute_url(article.get_absolute_url()),
        clinic_name=context["site"].clinic_name,
    )
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_ESCAPES)
    # Safe: the JSON has <, > and & escaped (_JSON_ESCAPES), so it cannot close the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308  # nosec B308 B703


@register.inclusion_tag("includes/_responsive_image.html")
def hero_image(article, sizes="100vw", lazy=True):
    """The hero <img>: srcset, width and height as recorded when it was saved.

    Only URLs are built here: a render never opens or asks the storage about a file
    (articles/images.py).
    """
    image = article.hero_image
    made = recorded_sizes(image, article.hero_image_sizes)
    srcset = [f"{size.url} {size.width}w" for size in made]
    if srcset:
        srcset.append(f"{image.url} {article.hero_image_width}w")
    return {
        "src": image.url,
        "srcset": ", ".join(srcset),
        "sizes": sizes,
        "width": article.hero_image_width,
        "height": article.hero_image_height,
        "alt": article.hero_image_alt,
        "lazy": lazy,
    }
