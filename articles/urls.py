from django.urls import path, register_converter

from clinic.pagecache import cache_public_page

from . import views
from .feeds import LatestArticlesFeed
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

urlpatterns = [
    path("", views.home, name="home"),
    path("conditions/", views.article_list, {"kind": Article.Kind.CONDITION}, name="conditions"),
    path("treatments/", views.article_list, {"kind": Article.Kind.TREATMENT}, name="treatments"),
    # The A-Z index: a path, not a query string, so that the page cache keeps each page.
    path(
        "conditions/letter/<letter:letter>/",
        views.article_list,
        {"kind": Article.Kind.CONDITION},
        name="conditions_letter",
    ),
    path(
        "conditions/letter/<letter:letter>/<page:page>/",
        views.article_list,
        {"kind": Article.Kind.CONDITION},
        name="conditions_letter_page",
    ),
    path(
        "treatments/letter/<letter:letter>/",
        views.article_list,
        {"kind": Article.Kind.TREATMENT},
        name="treatments_letter",
    ),
    path(
        "treatments/letter/<letter:letter>/<page:page>/",
        views.article_list,
        {"kind": Article.Kind.TREATMENT},
        name="treatments_letter_page",
    ),
    path(
        "conditions/<slug:slug>/",
        views.article_detail,
        {"kind": Article.Kind.CONDITION},
        name="condition",
    ),
    path(
        "treatments/<slug:slug>/",
        views.article_detail,
        {"kind": Article.Kind.TREATMENT},
        name="treatment",
    ),
    path("search/", views.search, name="search"),
    path("feed/", cache_public_page(LatestArticlesFeed()), name="feed"),
]
