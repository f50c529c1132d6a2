"""The list's markers: words first, colour only repeats them."""

from django.utils.html import format_html


def flag(text, kind):
    """A marker that says what it means in words (colour only repeats it)."""
    return format_html('<span class="inquiry-flag inquiry-flag--{}">{}</span>', kind, text)
