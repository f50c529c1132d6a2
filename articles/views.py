import functools
import re

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from clinic.languages import Alternate, active_language
from clinic.pagecache import cache_public_page

from .models import Article, TrialSearch
from .models.querysets import CARD_FIELDS, OTHER_INITIAL
from .suggestions import suggest

# Cards on a list page: about 480 bytes each, so a page stays well under 100 KB.
LIST_PAGE_SIZE = 100
OTHER_LETTER_SEGMENT = "other"  # /conditions/letter/other/: titles not starting with A-Z
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
            # The home page promises clinical review only when every published page has a
            # current one (articles/models/review.py).
            "all_reviewed": Article.objects.published().all_reviewed(),
        },
    )


@require_safe
@cache_public_page
def about(request):
    """Who we are, how we are funded, conflicts of interest: the clinic's words (SiteSettings)."""
    return render(request, "articles/about.html")


@require_safe
@cache_public_page
def article_list(request, kind, letter=None, page=1):
    """A kind's articles: all on one page while they fit, else an A-Z index and a page per
    letter (LIST_PAGE_SIZE cards at most), so a list stays small at any library size."""
    articles = Article.objects.published().filter(kind=kind)
    initials = articles.initials()
    total = sum(initials.values())
    on_letter_page = letter is not None
    if letter is None and total <= LIST_PAGE_SIZE:
        cards, letter, page_obj = articles.for_list(), None, None
    else:
        if letter is None:
            letter = next(iter(initials), None)
        else:
            letter = OTHER_INITIAL if letter == OTHER_LETTER_SEGMENT else letter.upper()
            if letter not in initials:
                raise Http404("No articles under this letter.")
        in_letter = articles.with_initial().filter(initial=letter).for_list()
        paginator = Paginator(in_letter, LIST_PAGE_SIZE, allow_empty_first_page=True)
        paginator.count = initials.get(letter, 0)  # counted with the index, once
        try:
            page_obj = paginator.page(page)
        except EmptyPage as error:
            raise Http404("No such page.") from error
        cards = page_obj.object_list
    return render(
        request,
        "articles/article_list.html",
        {
            # A letter's page exists in another language only if that language has
            # articles under the letter (and as many pages of them).
            "alternate_url": functools.cache(
                functools.partial(_letter_alternate, kind, letter, page)
            )
            if on_letter_page
            else None,
            "kind": Article.Kind(kind),
            "articles": cards,
            "total": total,
            "index": [
                {"letter": initial, "count": n, "url": _letter_url(kind, initial)}
                for initial, n in initials.items()
            ]
            if page_obj is not None
            else [],
            "letter": letter,
            "page_obj": page_obj,
            "previous_url": _letter_url(kind, letter, page_obj.previous_page_number())
            if page_obj and page_obj.has_previous()
            else None,
            "next_url": _letter_url(kind, letter, page_obj.next_page_number())
            if page_obj and page_obj.has_next()
            else None,
        },
    )


def _letter_alternate(kind, letter, page, language):
    """Where the language switcher and the hreflang links go from a letter's page, in
    ``language``: the same letter's page if that language has it, else its list of the kind
    (saying the page is not in that language)."""
    if language != active_language():
        initials = Article.objects.published(language=language).filter(kind=kind).initials()
        if initials.get(letter, 0) <= (page - 1) * LIST_PAGE_SIZE:
            with translation.override(language):
                return Alternate(reverse(f"articles:{kind}s"), exists=False)
    with translation.override(language):
        return Alternate(_letter_url(kind, letter, page))


def _letter_url(kind, initial, page=1):
    segment = OTHER_LETTER_SEGMENT if initial == OTHER_INITIAL else initial.lower()
    if page == 1:
        return reverse(f"articles:{kind}s_letter", kwargs={"letter": segment})
    return reverse(f"articles:{kind}s_letter_page", kwargs={"letter": segment, "page": page})


@require_safe
@cache_public_page(item_page=True)
def article_detail(request, slug, kind):
    # Drafts and scheduled pages are for those who may change them (editors) or review them
    # (medical reviewers), not for every staff member (care coordinators are staff too).
    preview = request.user.has_perm("articles.change_article") or request.user.has_perm(
        "articles.add_review"
    )
    # In the page's language only: /es/condiciones/<an English slug>/ is not a page.
    articles = Article.objects.in_language() if preview else Article.objects.published()
    article = get_object_or_404(articles.with_page_relations(public=not preview), slug=slug)
    if article.kind != kind:
        return redirect(article, permanent=True)
    context = {
        "article": article,
        "alternate_url": functools.partial(_alternate_url, article),
        "trial_search": TrialSearch.objects.for_page(article),
    }
    response = render(request, "articles/article_detail.html", context)
    if preview:
        # A preview may show unpublished text: no browser or proxy keeps a copy.
        add_never_cache_headers(response)
    return response


def _alternate_url(article, language):
    """Where the language switcher goes from ``article``'s page, in ``language``: its
    version in that language when one is published, else that language's list of its kind,
    saying the page is not available in it yet."""
    if language == article.language:
        return Alternate(article.get_absolute_url())
    version = article.published_translations.get(language)
    if version is not None:
        return Alternate(version.get_absolute_url())
    with translation.override(language):
        return Alternate(reverse(f"articles:{article.kind}s"), exists=False)


def search_terms(raw):
    """The search as the view reads ``q``."""
    # PostgreSQL refuses NUL characters in a query (a 500); they mean nothing in a search.
    # Stripped again after the cut: the same terms read again give the same terms.
    return raw.replace("\x00", "").strip()[:SEARCH_QUERY_MAX_LENGTH].strip()


def search_page_number(raw):
    """The results page as the view reads ``page``: 1 unless ASCII digits say otherwise."""
    # ASCII digits only: "²".isdigit() is True and int("²") fails; int("٣") is 3.
    if not PAGE_NUMBER.fullmatch(raw):
        return 1
    return min(max(int(raw), 1), SEARCH_MAX_PAGE)


@require_safe
# A search is stored as the pages are, one page per query and page number as the view reads
# them, until the next content change: a common search is ranked once, not for every
# visitor (docs/developers/performance.md, Search).
@cache_public_page(query_params={"q": search_terms, "page": search_page_number})
def search(request):
    query = search_terms(request.GET.get("q", ""))
    number = search_page_number(request.GET.get("page", ""))
    page_obj, total, suggestion = None, 0, None
    if query:
        matches = Article.objects.published().search(query).only(*CARD_FIELDS)
        # The paginator counts on its own: a count on the index costs little, where counting
        # in the ranked query (a window) made the database rank every match (search.py).
        paginator = Paginator(matches, SEARCH_PAGE_SIZE)
        total = paginator.count
        if total and number <= paginator.num_pages:
            page_obj = paginator.page(number)
        elif not total and number == 1:
            suggestion = suggest(Article.objects.published(), query)
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "suggestion": suggestion,
            "total": total,
            "number": number,
            "page_obj": page_obj,
        },
    )
