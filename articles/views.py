from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from clinic.pagecache import cache_public_page

from .models import CARD_FIELDS, Article

SEARCH_QUERY_MAX_LENGTH = 100
SEARCH_RESULTS_LIMIT = 50


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
    preview = request.user.is_authenticated and request.user.is_staff
    articles = Article.objects.all() if preview else Article.objects.published()
    article = get_object_or_404(articles.with_page_relations(public=not preview), slug=slug)
    if article.kind != kind:
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = []
    if query:
        results = list(
            Article.objects.published().search(query).only(*CARD_FIELDS)[:SEARCH_RESULTS_LIMIT]
        )
    return render(request, "articles/search.html", {"query": query, "results": results})
