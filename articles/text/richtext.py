"""Presentation of a stored (already sanitized) article body.

Adds ``id``s to the h2/h3 headings for the "Contents" list, and turns inline
references such as ``[1]`` or ``[2, 3]`` into links to the numbered reference list.
"""

import html
import re
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import ngettext

_HEADING = re.compile(r"<(h[23])>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_CITATION_MARK = re.compile(r"\[(\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\]")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


def add_heading_anchors(body):
    """Return the body with ids on its h2/h3 headings, and the headings in order."""
    headings = []
    used = set()

    def anchor(match):
        tag, inner = match.group(1), match.group(2)
        text = html.unescape(_TAG.sub("", inner)).strip()
        base = slugify(text)[:60] or "section"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        headings.append(Heading(level=int(tag[1]), text=text, anchor=slug))
        return f'<{tag} id="{slug}">{inner}</{tag}>'

    return _HEADING.sub(anchor, body), headings


def link_citations(body, reference_count):
    """Link ``[n]`` marks in the text to ``#ref-n`` when reference n exists; the links are
    named in the active language."""
    if not reference_count:
        return body

    marked = set()

    def link(match):
        numbers = [int(n) for n in _NUMBER.findall(match.group(1))]
        if not all(1 <= n <= reference_count for n in numbers):
            return match.group(0)
        target = numbers[0]
        # The first mark of each reference is where its "Back to text" link returns.
        anchors = [n for n in dict.fromkeys(numbers) if n not in marked]
        marked.update(anchors)
        spans = "".join(f'<span id="cite-{n}"></span>' for n in anchors if n != target)
        own_id = f' id="cite-{target}"' if target in anchors else ""
        # Translators: a link's name for a screen reader, e.g. "reference 1", "references 2, 3".
        label = ngettext("reference %(numbers)s", "references %(numbers)s", len(numbers)) % {
            "numbers": match.group(1)
        }
        return (
            f"{spans}"
            f'<a class="cite"{own_id} href="#ref-{target}" aria-label="{html.escape(label)}">'
            f"[{match.group(1)}]</a>"
        )

    # Only replace in text, never inside a tag's attributes.
    parts = re.split(r"(<[^>]+>)", body)
    return "".join(
        part if part.startswith("<") else _CITATION_MARK.sub(link, part) for part in parts
    )
