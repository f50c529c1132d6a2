"""Full-text search over the articles, the same on PostgreSQL and SQLite.

Both databases index the same four fields with the same weights (title > other names >
summary > body), fold accents (``unaccent``, ``remove_diacritics``: "celulas" finds
"células") and keep the index in step with the table by triggers (migrations 0002_search and
0007_search_languages), whatever writes the rows. Each article is indexed in its own
language and a search looks only at the page's language (``published()`` keeps it):
PostgreSQL stems English rows with its ``english`` configuration and Spanish ones with
``spanish``; SQLite's FTS5 has one tokenizer for the table, ``porter`` (English rules),
which on Spanish words folds little more than plurals ("células" and "célula",
"tratamientos" and "tratamiento") and never verb forms (PostgreSQL's "tratar" finds
"tratamiento"; SQLite's does not): docs/developers/architecture.md, Search in Spanish. A
query is read here, once, into the words both engines look for: letters and digits,
lowercased and without accents, the language's stop words (PostgreSQL's, for that language)
left out; every word must start a word of the article (``stem`` finds "stem cells", "cell"
finds "cells").

PostgreSQL ranks only what it must: a first pass on the GIN index takes at most
``RANKED_CANDIDATES`` matches, best-placed first by a cheap test (does the title or another
name match? ``search_head``, a small vector the same trigger fills), and only those are
ranked by ``ts_rank``; the count is a plain count on the index. So a word in a third of
10,000 articles costs about what a rare one does. SQLite's FTS5 ranks every match with
``bm25`` (in C, over the index); which of them the public may see is read from an index,
not from their rows.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.db import connections, models
from django.db.models import F, Value

# PostgreSQL's text search configuration for each language articles are written in.
SEARCH_CONFIGS = {"en": "english", "es": "spanish"}
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
# PostgreSQL's Spanish stop words (tsearch_data/spanish.stop) that have no accent: a query
# reaches it without accents, so only these can match ("más" is searched as "mas").
_SPANISH_STOP_WORDS = """
    de la que el en y a los del se las por un para con no una su al lo como pero sus le ya o
    este porque esta entre cuando muy sin sobre me hasta hay donde quien desde todo nos
    durante todos uno les ni contra otros ese eso ante ellos e esto antes algunos unos yo
    otro otras otra tanto esa estos mucho quienes nada muchos cual poco ella estar estas
    algunas algo nosotros mi mis te ti tu tus ellas nosotras vosostros vosostras os tuyo
    tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros nuestras vuestro vuestra
    vuestros vuestras esos esas estoy estamos estemos estaremos estaba estabas estabais
    estaban estuve estuviste estuvo estuvimos estuvisteis estuvieron estuviera estuvieras
    estuvierais estuvieran estuviese estuvieses estuvieseis estuviesen estando estado estada
    estados estadas estad he has ha hemos han haya hayas hayamos hayan habremos hube hubiste
    hubo hubimos hubisteis hubieron hubiera hubieras hubierais hubieran hubiese hubieses
    hubieseis hubiesen habiendo habido habida habidos habidas soy eres es somos sois son sea
    seas seamos sean seremos era eras erais eran fui fuiste fue fuimos fuisteis fueron fuera
    fueras fuerais fueran fuese fueses fueseis fuesen sintiendo sentido sentida sentidos
    sentidas siente sentid tengo tienes tiene tenemos tienen tenga tengas tengamos tengan
    tendremos tuve tuviste tuvo tuvimos tuvisteis tuvieron tuviera tuvieras tuvierais
    tuvieran tuviese tuvieses tuvieseis tuviesen teniendo tenido tenida tenidos tenidas
    tened"""
STOP_WORDS = {"en": frozenset(_STOP_WORDS.split()), "es": frozenset(_SPANISH_STOP_WORDS.split())}
_WORD = re.compile(r"[^\W_]+")


def fold(text):
    """``text`` lowercased, without accents ("Barré" -> "barre")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_words(query, language="en"):
    """The words a search in ``language`` looks for (at most MAX_WORDS): see the module
    docstring."""
    stop_words = STOP_WORDS[language]
    words = []
    for word in _WORD.findall(fold(query)):
        if len(word) > 1 and word not in stop_words and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def ranked_matches(queryset, query, language):
    """Those of ``queryset`` that match ``query`` read as ``language``, best first, each with
    its ``search_rank`` (higher is better). Every word of the query must start a word of the
    title, other names, summary or body; matches in the title rank first, then other names,
    summary and body."""
    words = query_words(query, language)
    if not words:
        return queryset.none().annotate(search_rank=Value(0.0))
    if connections[queryset.db].vendor == "postgresql":
        matches = search_postgresql(queryset, words, SEARCH_CONFIGS[language])
    else:
        matches = search_sqlite(queryset, words)
    return matches.order_by("-search_rank", "title")


def search_postgresql(queryset, words, config):
    tsquery = SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config=config
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
    # The queryset's own filters (published, in the page's language) as a subquery, which
    # reads their index (articles_article_public) and never a row: applied to the joined
    # rows, they read each match's row past its body, where the status and publication time
    # are (50 ms for a word in a third of 10,000 articles; 6 ms this way). FTS5 still leads
    # (a test reads the plan): led by the index, SQLite would run the MATCH once a row.
    articles = queryset.model._default_manager.db_manager(queryset.db)
    queryset = articles.filter(pk__in=queryset.order_by().values("pk"))
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
