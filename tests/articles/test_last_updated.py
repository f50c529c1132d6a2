"""Every page says when its text last changed, reviewed or not; a page naming medicines is
reviewed on the medicines' cycle (issue 21.2)."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def last_updated(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    found = re.search(r'<p class="article__updated">(.*?)</p>', html, re.S)
    return " ".join(found[1].split()) if found else None


def test_an_unreviewed_page_shows_when_its_text_last_changed(client):
    with time_machine.travel(datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC)):
        article = ArticleFactory()
    assert (
        last_updated(client, article)
        == 'Last updated <time datetime="2026-03-05">5 March 2026</time>'
    )


def test_the_date_moves_with_the_text_not_with_other_fields(client):
    with time_machine.travel(datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC)):
        article = ArticleFactory()
    with time_machine.travel(datetime.datetime(2026, 4, 9, 12, tzinfo=datetime.UTC)):
        article.featured = True
        article.save()
    assert article.content_changed_at.date() == datetime.date(2026, 3, 5)
    with time_machine.travel(datetime.datetime(2026, 5, 20, 12, tzinfo=datetime.UTC)):
        article.body += "<p>A new paragraph.</p>"
        article.save()
    assert 'datetime="2026-05-20"' in last_updated(client, article)


def test_the_spanish_page_says_last_updated_in_spanish(client):
    with time_machine.travel(datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC)):
        article = ArticleFactory(language=Article.Language.SPANISH, slug="ela")
    line = last_updated(client, article)
    assert line == 'Última actualización: <time datetime="2026-03-05">5 de marzo de 2026</time>'


def test_a_condition_page_naming_medicines_is_due_after_twelve_months(client, settings):
    settings.ARTICLE_REVIEW_MONTHS = {"treatment": 12, "condition": 36}
    settings.ARTICLE_REVIEW_MONTHS_MEDICINES = 12
    reviewed_on = (timezone.localdate() - datetime.timedelta(days=400)).replace(day=1)
    plain = ArticleFactory(slug="plain")
    medicines = ArticleFactory(slug="medicines", names_medicines=True)
    for article in (plain, medicines):
        ReviewFactory(article=article, reviewed_on=reviewed_on)
    assert list(Article.objects.review_overdue()) == [medicines]
    assert not plain.review_status.overdue
    assert medicines.review_status.overdue
    assert medicines.review_status.next_due == reviewed_on.replace(year=reviewed_on.year + 1)
    html = client.get(medicines.get_absolute_url()).content.decode()
    assert "This review is out of date." in html


def test_the_demo_condition_page_names_medicines(db):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    assert set(Article.objects.filter(names_medicines=True).values_list("slug", flat=True)) == {
        "amyotrophic-lateral-sclerosis",
        "esclerosis-lateral-amiotrofica",
    }
