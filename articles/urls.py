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


def kind_paths(kind):
    """/conditions/ or /treatments/: the list, its A-Z pages and the articles."""
    prefix, extra = f"{kind}s", {"kind": kind}
    return [
        path(f"{prefix}/", views.article_list, extra, name=prefix),
        # The A-Z index: a path, not a query string, so that the page cache keeps each page.
        path(
            f"{prefix}/letter/<letter:letter>/", views.article_list, extra, name=f"{prefix}_letter"
        ),
        path(
            f"{prefix}/letter/<letter:letter>/<page:page>/",
            views.article_list,
            extra,
            name=f"{prefix}_letter_page",
        ),
        path(f"{prefix}/<slug:slug>/", views.article_detail, extra, name=kind),
    ]


urlpatterns = [
    path("", views.home, name="home"),
    *kind_paths(Article.Kind.CONDITION),
    *kind_paths(Article.Kind.TREATMENT),
    path("search/", views.search, name="search"),
    path("feed/", cache_public_page(LatestArticlesFeed()), name="feed"),
]
