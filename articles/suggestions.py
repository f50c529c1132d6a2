"""Did you mean: a better search to offer when a search finds nothing (a misspelling).

PostgreSQL with the ``pg_trgm`` extension (migration 0002_search creates it where it can): the
published page whose title or other name is most like the search, by trigram word
similarity, e.g. "stemcell" -> "Stem cell therapy for ALS". Elsewhere (SQLite, or a
PostgreSQL where the extension could not be created), and when no name is similar enough:
each word is checked against the words of published titles and other names (the
*vocabulary*); a word that is not one of them becomes the two words it runs together
("stemcell" -> "stem cell") or the closest word (difflib: "cels" -> "cell"). The vocabulary
is kept in the shared cache under a key that changes with the published pages.

A suggestion is offered only if it finds something.
"""

import difflib
import functools
import re
import unicodedata

from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.db.models import Count, Max
from django.db.models.functions import Greatest

from clinic.languages import active_language

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
MAX_WORDS = 8
# difflib's ratio: "cels" and "cell" are 0.75 alike, "stem" and "stemcel" 0.73.
CLOSE_ENOUGH = 0.7
# pg_trgm's word similarity (0 to 1) of the search to the most alike part of a name.
TRIGRAM_THRESHOLD = 0.5


def suggest(articles, query):
    """A search like ``query`` that finds some of ``articles`` (published), or None."""
    for way in (_similar_name, _corrected_words):
        candidate = way(articles, query)
        if (
            candidate
            and candidate.casefold() != query.casefold()
            and articles.search(candidate).exists()
        ):
            return candidate
    return None


def _similar_name(articles, query):
    """The title or other name of the page most like ``query`` (PostgreSQL's pg_trgm)."""
    if not has_trigrams(articles.db):
        return None
    best = (
        articles.annotate(
            likeness=Greatest(
                TrigramWordSimilarity(query, "title"),
                TrigramWordSimilarity(query, "also_known_as"),
            )
        )
        .filter(likeness__gte=TRIGRAM_THRESHOLD)
        .order_by("-likeness", "title")
        .only("title", "also_known_as")
        .first()
    )
    if best is None:
        return None
    names = [best.title, *best.other_names]
    return max(names, key=lambda name: _likeness(query.casefold(), name.casefold()))


def _corrected_words(articles, query):
    words = [word.casefold() for word in WORD.findall(query)][:MAX_WORDS]
    vocabulary = _vocabulary(articles)
    if not words or not vocabulary:
        return None
    return " ".join(_correct(word, vocabulary) for word in words)


def _correct(word, vocabulary):
    plain = _plain(word)
    if plain in vocabulary or len(plain) < 3:
        return vocabulary.get(plain, word)
    for cut in range(2, len(plain) - 1):  # two words run together
        first, second = plain[:cut], plain[cut:]
        if first in vocabulary and second in vocabulary:
            return f"{vocabulary[first]} {vocabulary[second]}"
    close = difflib.get_close_matches(plain, vocabulary, n=1, cutoff=CLOSE_ENOUGH)
    return vocabulary[close[0]] if close else word


def _vocabulary(articles):
    """{word without apostrophes or accents: word} of the titles and other names of
    ``articles`` (the published pages in the page's language)."""
    state = articles.aggregate(count=Count("id"), changed=Max("updated_at"))
    stamp = state["changed"].timestamp() if state["changed"] else 0
    key = f"articles:search-vocabulary:{active_language()}:{state['count']}:{stamp}"
    vocabulary = cache.get(key)
    if vocabulary is None:
        vocabulary = {}
        for title, other_names in articles.values_list("title", "also_known_as"):
            for word in WORD.findall(f"{title} {other_names}".casefold()):
                vocabulary.setdefault(_plain(word), word.replace("\u2019", "'"))
        cache.set(key, vocabulary, timeout=24 * 60 * 60)
    return vocabulary


def _plain(word):
    """Without apostrophes or accents: "células" is found from "celulas", as people type it."""
    decomposed = unicodedata.normalize("NFKD", word.replace("'", "").replace("\u2019", ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _likeness(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


@functools.cache
def has_trigrams(alias):
    """Whether the database ``alias`` is PostgreSQL with pg_trgm installed (asked once)."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return False
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            return cursor.fetchone() is not None
    except DatabaseError:
        return False
