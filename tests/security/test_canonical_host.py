"""The site's addresses come from DJANGO_SITE_URL, never from the request's Host header.

A Host header is the client's to choose (within ALLOWED_HOSTS, and any port): cache
entries, canonical links, og:url, JSON-LD, the sitemap, the feed and robots.txt must not
change with it.
"""

import json
import re

import pytest

from articles.models import Article
from clinic.models import SiteSettings
from tests.factories import ArticleFactory, StaffFactory, jpeg
from tests.form_client import Client
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

SITE = "https://clinic.example"
ODD_HOST = {"HTTP_HOST": "127.0.0.1:8443"}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def article():
    hero = jpeg(600, 300, "als.jpg")
    return ArticleFactory(slug="als", title="ALS", hero_image=hero, hero_image_alt="A nurse.")


def test_any_port_in_the_host_header_shares_one_page_cache_entry(client):
    featured = ArticleFactory(title="Amyotrophic lateral sclerosis", featured=True)
    SiteSettings.load()  # created on first use, which is a change of content
    first = client.get("/", HTTP_HOST="127.0.0.1")
    assert first.status_code == 200
    assert "Amyotrophic lateral sclerosis" in first.content.decode()
    # A write that sends no signal: only a page rendered again (for staff, who are never
    # served the store) shows it.
    Article.objects.filter(pk=featured.pk).update(title="Motor neurone disease")
    staff = Client()
    sign_in(staff, StaffFactory(username="staff"))
    assert "Motor neurone disease" in staff.get("/", HTTP_HOST="127.0.0.1").content.decode()
    for port in range(1000, 1300):  # 300 ports: one cache entry, every one served from it
        response = client.get("/", HTTP_HOST=f"127.0.0.1:{port}")
        assert response.status_code == 200
        assert response.content == first.content, port
    assert client.get("/", HTTP_HOST="localhost:9000").content == first.content


def test_canonical_og_and_structured_data_urls_use_the_site_url(client, article):
    html = client.get("/conditions/als/", **ODD_HOST).content.decode()
    assert f'<link rel="canonical" href="{SITE}/conditions/als/">' in html
    assert f'<meta property="og:url" content="{SITE}/conditions/als/">' in html
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html)[1]
    assert og_image == f"{SITE}{article.hero_image.url}"
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])
    assert data["url"] == f"{SITE}/conditions/als/"
    assert "127.0.0.1" not in html
    assert "8443" not in html


def test_the_sitemap_lists_addresses_on_the_site_url(client, article):
    xml = client.get("/sitemap.xml", **ODD_HOST).content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    assert f"{SITE}/conditions/als/" in locations
    assert f"{SITE}/" in locations
    assert all(location.startswith(f"{SITE}/") for location in locations), locations


def test_the_feed_links_to_the_site_url(client, article):
    xml = client.get("/feed/", **ODD_HOST).content.decode()
    links = re.findall(r"<link>(.*?)</link>", xml) + re.findall(r'href="(.*?)"', xml)
    assert f"{SITE}/conditions/als/" in links
    assert f"{SITE}/" in links
    assert f"{SITE}/feed/" in links
    assert "127.0.0.1" not in xml


def test_robots_txt_points_at_the_sitemap_on_the_site_url(client):
    text = client.get("/robots.txt", **ODD_HOST).content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in text.splitlines()
