"""Full-text search over the articles, the same on PostgreSQL and SQLite.

Both databases index the same four fields with the same weights (title > other names >
summary > body), stem English words (PostgreSQL's ``english`` configuration, FTS5's
``porter`` tokenizer), fold accents (``unaccent``, ``remove_diacritics``) and keep the index
in step with the table by triggers made in migration 0002_search, whatever writes
the rows. A query is read here, once, into the words both engines look for: letters and
digits, lowercased and without accents, PostgreSQL's English stop words left out; every
word must start a word of the article (``stem`` finds "stem cells", "cell" finds "cells").

PostgreSQL ranks only what it must: a first pass on the GIN index takes at most
``RANKED_CANDIDATES`` matches, best-placed first by a cheap test (does the title or another
name match? ``search_head``, a small vector the same trigger fills), and only those are
ranked by ``ts_rank``; the count is a plain count on the index. So a word in a third of
10,000 articles costs about what a rare one does. SQLite's FTS5 ranks every match with
``bm25`` (in C, over the index).
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.db import connections, models
from django.db.models import F, Value

SEARCH_CONFIG = "english"
MAX_WORDS = 8
# PostgreSQL: how many matches are ranked by ts_rank (at 20 results a page, ten pages).
RANKED_CANDIDATES = 200
FTS_TABLE = "articles_article_fts"
# bm25's weights per column of FTS_TABLE (title, also_known_as, summary, body_text), as
# PostgreSQL's ts_rank weighs A, B, C and D (1.0, 0.4, 0.2, 0.1).
BM25_WEIGHTS = (10.0, 4.0, 2.0, 1.0)

# PostgreSQL's English stop words (tsearch_data/english.stop): neither engine looks for them.
_STOP_WORDS = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[^\W_]+")


def fold(text):
    """``text`` lowercased, without accents ("Barré" -> "barre")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_words(query):
    """The words a search looks for (at most MAX_WORDS): see the module docstring."""
    words = []
    for word in _WORD.findall(fold(query)):
        if len(word) > 1 and word not in STOP_WORDS and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def ranked_matches(queryset, query):
    """Those of ``queryset`` that match ``query``, best first, each with its ``search_rank``
    (higher is better). Every word of the query must start a word of the title, other names,
    summary or body; matches in the title rank first, then other names, summary and body."""
    words = query_words(query)
    if not words:
        return queryset.none().annotate(search_rank=Value(0.0))
    if connections[queryset.db].vendor == "postgresql":
        matches = search_postgresql(queryset, words)
    else:
        matches = search_sqlite(queryset, words)
    return matches.order_by("-search_rank", "title")


def search_postgresql(queryset, words):
    tsquery = SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config=SEARCH_CONFIG
    )
    matches = queryset.filter(search_vector=tsquery)
    # First pass: the GIN index finds the matches; whether the title or another name
    # matches (search_head: a small vector, never compressed) says which to rank.
    candidates = (
        matches.annotate(head_match=SearchVectorExact(F("search_head"), tsquery))
        .order_by("-head_match", "pk")  # not by title: a collated sort of every match
        .values("pk")[:RANKED_CANDIDATES]
    )
    # ts_rank is above 0 for any match: the candidates come first, the rest by title.
    rank = models.Case(
        models.When(pk__in=candidates, then=SearchRank(F("search_vector"), tsquery)),
        default=Value(0.0),
        output_field=models.FloatField(),
    )
    return matches.annotate(search_rank=rank)


def search_sqlite(queryset, words):
    match = " AND ".join(f'"{word}"*' for word in words)
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    # extra(): the ORM cannot join a virtual table; this join is FTS5's documented use.
    # The user's words reach the database as a parameter (MATCH %s), each in quotes; the
    # SQL itself is constant (bandit's B610 and ruff's S610 warn of extra() in general).
    return queryset.extra(  # noqa: S610  # nosec B610
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = articles_article.id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"search_rank": f"-bm25({FTS_TABLE}, {weights})"},
    )


# SQLite: FTS5 keeps an index of the articles (external content: no copy of the text) in
# step by triggers, as PostgreSQL's trigger keeps search_vector (migration 0002_search).
SQLITE_FTS_TABLE = """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_article_fts USING fts5(
    title, also_known_as, summary, body_text,
    content='articles_article', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
)"""
# FTS5's way to keep an external-content index in step: index the new row, and 'delete'
# the old one (with the values it was indexed with).
_INDEX_NEW = """INSERT INTO articles_article_fts(rowid, title, also_known_as, summary, body_text)
    VALUES (new.id, new.title, new.also_known_as, new.summary, new.body_text);"""
_UNINDEX_OLD = """INSERT INTO articles_article_fts(
        articles_article_fts, rowid, title, also_known_as, summary, body_text
    ) VALUES ('delete', old.id, old.title, old.also_known_as, old.summary, old.body_text);"""
SQLITE_FTS_TRIGGERS = {
    "articles_article_fts_insert": f"""
CREATE TRIGGER IF NOT EXISTS articles_article_fts_insert AFTER INSERT ON articles_article BEGIN
    {_INDEX_NEW}
END""",
    "articles_article_fts_delete": f"""
CREATE TRIGGER IF NOT EXISTS articles_article_fts_delete AFTER DELETE ON articles_article BEGIN
    {_UNINDEX_OLD}
END""",
    "articles_article_fts_update": f"""
CREATE TRIGGER IF NOT EXISTS articles_article_fts_update AFTER UPDATE ON articles_article BEGIN
    {_UNINDEX_OLD}
    {_INDEX_NEW}
END""",
}


def install_sqlite_fts(connection):
    """Make the FTS5 table and its triggers if they are missing, and fill the index then.

    Run by migration 0002_search and after every ``migrate`` (articles/apps.py): Django's SQLite
    schema editor rebuilds a table to alter it, which drops the table's triggers.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s, %s)",
            list(SQLITE_FTS_TRIGGERS),
        )
        present = {row[0] for row in cursor.fetchall()}
        if present == set(SQLITE_FTS_TRIGGERS):
            return
        cursor.execute(SQLITE_FTS_TABLE)
        for sql in SQLITE_FTS_TRIGGERS.values():
            cursor.execute(sql)
        cursor.execute("INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')")


def uninstall_sqlite_fts(connection):
    with connection.cursor() as cursor:
        for name in SQLITE_FTS_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {connection.ops.quote_name(name)}")
        cursor.execute("DROP TABLE IF EXISTS articles_article_fts")
