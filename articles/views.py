import math
import re

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from clinic.pagecache import cache_public_page

from .models import CARD_FIELDS, Article

SEARCH_QUERY_MAX_LENGTH = 100
SEARCH_PAGE_SIZE = 20
SEARCH_MAX_PAGE = 50
PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


@require_safe
@cache_public_page
def home(request):
    published = Article.objects.published().for_list()
    featured = list(published.filter(featured=True))
    if not featured:
        featured = list(published[:6])
    return render(
        request,
        "articles/home.html",
        {
            "conditions": [a for a in featured if a.kind == Article.Kind.CONDITION],
            "treatments": [a for a in featured if a.kind == Article.Kind.TREATMENT],
        },
    )


@require_safe
@cache_public_page
def article_list(request, kind):
    articles = Article.objects.published().filter(kind=kind).for_list()
    return render(
        request,
        "articles/article_list.html",
        {"kind": Article.Kind(kind), "articles": articles},
    )


@require_safe
@cache_public_page
def article_detail(request, slug, kind):
    # Drafts and scheduled pages are for those who may change them (editors), not for
    # every staff member (care coordinators are staff too).
    preview = request.user.has_perm("articles.change_article")
    articles = Article.objects.all() if preview else Article.objects.published()
    article = get_object_or_404(articles.with_page_relations(public=not preview), slug=slug)
    if article.kind != kind:
        return redirect(article, permanent=True)
    response = render(request, "articles/article_detail.html", {"article": article})
    if preview:
        # A preview may show unpublished text: no browser or proxy keeps a copy.
        add_never_cache_headers(response)
    return response


@require_safe
def search(request):
    # PostgreSQL refuses NUL characters in a query (a 500); they mean nothing in a search.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    page = _page_number(request)
    results, total = [], 0
    if query:
        offset = (page - 1) * SEARCH_PAGE_SIZE
        matches = Article.objects.published().search(query)
        # Counted on its own: a count on the index costs little, where counting in the
        # ranked query (a window) made the database rank every match (articles/search.py).
        total = matches.count()
        if offset < total:
            results = list(matches.only(*CARD_FIELDS)[offset : offset + SEARCH_PAGE_SIZE])
    pages = math.ceil(total / SEARCH_PAGE_SIZE)
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "results": results,
            "total": total,
            "page": page,
            "first_shown": (page - 1) * SEARCH_PAGE_SIZE + 1,
            "last_shown": (page - 1) * SEARCH_PAGE_SIZE + len(results),
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if page < pages else None,
        },
    )


def _page_number(request):
    # ASCII digits only: "²".isdigit() is True and int("²") fails; int("٣") is 3.
    page = request.GET.get("page", "")
    if not PAGE_NUMBER.fullmatch(page):
        return 1
    return min(max(int(page), 1), SEARCH_MAX_PAGE)
