import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..images import dimensions, responsive_sizes
from ..seo import absolute_url, article_jsonld

register = template.Library()

register.filter("absolute_url", absolute_url)

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
def responsive_image(image_field, alt, sizes="100vw", lazy=True):
    """An <img> with a Pillow-made srcset (articles/images.py), width, height and alt text."""
    width, height = dimensions(image_field)
    variants = responsive_sizes(image_field)
    srcset = [f"{v.url} {v.width}w" for v in variants]
    if variants:
        srcset.append(f"{image_field.url} {width}w")
    return {
        "src": image_field.url,
        "srcset": ", ".join(srcset),
        "sizes": sizes,
        "width": width,
        "height": height,
        "alt": alt,
        "lazy": lazy,
    }
