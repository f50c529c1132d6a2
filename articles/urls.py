from django.urls import path

from clinic.pagecache import cache_public_page

from . import views
from .feeds import LatestArticlesFeed
from .models import Article

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("conditions/", views.article_list, {"kind": Article.Kind.CONDITION}, name="conditions"),
    path("treatments/", views.article_list, {"kind": Article.Kind.TREATMENT}, name="treatments"),
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
