import math

from django.db.models import Count, Window
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from clinic.pagecache import cache_public_page

from .models import CARD_FIELDS, Article
from .search import suggest

SEARCH_QUERY_MAX_LENGTH = 100
SEARCH_PAGE_SIZE = 20
SEARCH_MAX_PAGE = 50


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
            # The home page promises clinical review only when every published page has one.
            "all_reviewed": Article.objects.published().all_reviewed(),
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
    preview = request.user.is_authenticated and request.user.is_staff
    articles = Article.objects.all() if preview else Article.objects.published()
    article = get_object_or_404(articles.with_page_relations(public=not preview), slug=slug)
    if article.kind != kind:
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})


@require_safe
def search(request):
    # PostgreSQL refuses NUL characters in a query (a 500); they mean nothing in a search.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    page = _page_number(request)
    results, total, suggestion = [], 0, None
    if query:
        offset = (page - 1) * SEARCH_PAGE_SIZE
        matches = (
            Article.objects.published()
            .search(query)
            .only(*CARD_FIELDS)
            .annotate(total=Window(Count("id")))  # the count in the same query
        )
        results = list(matches[offset : offset + SEARCH_PAGE_SIZE])
        total = results[0].total if results else 0
        if not results and page == 1:
            suggestion = suggest(Article.objects.published(), query)
    pages = math.ceil(total / SEARCH_PAGE_SIZE)
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "suggestion": suggestion,
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
    page = request.GET.get("page", "1")
    return min(int(page), SEARCH_MAX_PAGE) if page.isdigit() and int(page) > 0 else 1
