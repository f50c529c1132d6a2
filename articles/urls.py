from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from . import views
from .models import Article


class LetterConverter:
    regex = "[a-z]|other"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class PageConverter:
    """2 and up (page 1 is the letter's own URL), at most six digits."""

    regex = "[2-9]|[1-9][0-9]{1,5}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(LetterConverter, "letter")
register_converter(PageConverter, "page")

app_name = "articles"

# In each language's words (clinic/urls.py puts them under i18n_patterns): the paths are
# translated in locale/<language>/LC_MESSAGES/django.po, e.g. "condiciones/<slug:slug>/".
# The feed is not here: it has one address (clinic/urls.py). Each path is written out whole,
# not built in a loop: makemessages finds only literal strings.
urlpatterns = [
    path("", views.home, name="home"),
    path(_("conditions/"), views.article_list, {"kind": Article.Kind.CONDITION}, name="conditions"),
    path(_("treatments/"), views.article_list, {"kind": Article.Kind.TREATMENT}, name="treatments"),
    # The A-Z index: a path, not a query string, so that the page cache keeps each page.
    path(
        _("conditions/letter/<letter:letter>/"),
        views.article_list,
        {"kind": Article.Kind.CONDITION},
        name="conditions_letter",
    ),
    path(
        _("conditions/letter/<letter:letter>/<page:page>/"),
        views.article_list,
        {"kind": Article.Kind.CONDITION},
        name="conditions_letter_page",
    ),
    path(
        _("treatments/letter/<letter:letter>/"),
        views.article_list,
        {"kind": Article.Kind.TREATMENT},
        name="treatments_letter",
    ),
    path(
        _("treatments/letter/<letter:letter>/<page:page>/"),
        views.article_list,
        {"kind": Article.Kind.TREATMENT},
        name="treatments_letter_page",
    ),
    path(
        _("conditions/<slug:slug>/"),
        views.article_detail,
        {"kind": Article.Kind.CONDITION},
        name="condition",
    ),
    path(
        _("treatments/<slug:slug>/"),
        views.article_detail,
        {"kind": Article.Kind.TREATMENT},
        name="treatment",
    ),
    path(_("search/"), views.search, name="search"),
    path(_("about-us/"), views.about, name="about"),
]
