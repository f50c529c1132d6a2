"""Reading pages as a browser would: what a form sends, what the error summary says."""

import re
from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The values a browser would submit from the page's main form."""

    def __init__(self):
        super().__init__()
        self.data = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_data(response):
    parser = FormFields()
    parser.feed(response.content.decode())
    return parser.data


def errors_in(html):
    """The error summary's messages, each with the field it links to."""
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return dict(re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', summary))
