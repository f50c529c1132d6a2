"""Server-side sanitizing of rich text from the editor (CKEditor 4 is end-of-life).

Everything an editor saves passes through :func:`sanitize_html` before it is stored, so
the browser never receives markup outside this allow-list, whatever the editor or a
crafted request sends.

Allow-list:
- text structure: p, br, hr, h2-h4 (h1 is the page title's), lists, blockquote, strong,
  em, b, i, u, sub, sup, abbr, cite, code, figure, figcaption, tables, definition lists
  (dl, dt with an ``id``, dd) and dfn, which the glossary adds when a page is rendered
  (articles/text/glossary.py);
- links with http(s), mailto and tel URLs (no ``javascript:``), ``rel="noopener
  noreferrer"`` added;
- images with src, alt, width and height (no ``style``, no event handlers);
- iframes only from the video hosts in ``IFRAME_SOURCES`` (YouTube's privacy-enhanced
  player and Vimeo), with a ``title``, stored empty (a browser never shows what is between
  the tags, so nothing may hide there); any other iframe loses its ``src`` and is removed.
Scripts, styles and their content, event handlers (``on*``), ``style`` attributes,
forms, objects and embeds are removed.
"""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "sub", "sup",
    "abbr", "cite", "code", "blockquote", "ul", "ol", "li", "a", "img", "figure",
    "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "iframe", "dl", "dt", "dd", "dfn", "q", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    # Any element may say its language: an English quotation on a Spanish page is read
    # with English pronunciation by screen readers (WCAG 3.1.2).
    "*": {"lang"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "dt": {"id"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "iframe": {"src", "title", "width", "height", "allowfullscreen"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
IFRAME_SOURCES = (
    "https://www.youtube-nocookie.com/embed/",
    "https://player.vimeo.com/video/",
)
_CONTENT_REMOVED_TAGS = {"script", "style", "template", "noscript", "object", "embed"}
# An iframe as nh3 writes it (attribute values double-quoted, so a ">" inside one is kept
# whole) and its content, which the HTML parser reads as raw text up to the first </iframe>.
_IFRAME_CONTENT = re.compile(r'(<iframe\b(?:[^>"]|"[^"]*")*>).*?(</iframe>)', re.S | re.I)
_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|dt|dd|blockquote|tr|figcaption|caption)>|<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_H1 = re.compile(r"<(/?)h1\b", re.I)


def _filter_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src":
        return value if value.startswith(IFRAME_SOURCES) else None
    return value


def sanitize_html(value):
    """Return ``value`` with everything outside the allow-list removed."""
    if not value:
        return ""
    cleaned = nh3.clean(
        _H1.sub(r"<\1h2", value),  # the page title is the only h1
        tags=ALLOWED_TAGS,
        clean_content_tags=_CONTENT_REMOVED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        set_tag_attribute_values={"iframe": {"loading": "lazy", "referrerpolicy": "no-referrer"}},
    )
    cleaned = _IFRAME_CONTENT.sub(r"\1\2", cleaned)  # first: the content may look like tags
    return _EMPTY_IFRAME.sub("", cleaned).strip()


def html_to_text(value):
    """Plain text of sanitized HTML, for search and descriptions."""
    text = _BLOCK_END.sub("\n", value or "")
    text = html.unescape(_TAG.sub(" ", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
