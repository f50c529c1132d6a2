import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import make_sizes, size_name
from articles.models import Article
from tests.factories import ArticleFactory, jpeg
from tests.s3 import fetch

ADMIN = f"/{settings.ADMIN_PATH}"  # DJANGO_ADMIN_PATH

pytestmark = pytest.mark.django_db


def test_hero_image_is_served_with_a_srcset_made_by_pillow(client):
    article = ArticleFactory(
        slug="als", hero_image=jpeg(1300, 650), hero_image_alt="A nurse talks with a patient."
    )

    html = client.get("/conditions/als/").content.decode()

    name = article.hero_image.name
    for width in (480, 800, 1200):
        assert f"/media/{size_name(name, width)} {width}w" in html
    assert f"/media/{name} 1300w" in html
    assert "1600w" not in html  # never larger than the original
    assert 'alt="A nurse talks with a patient."' in html
    assert 'loading="lazy"' in html
    assert 'width="1300" height="650"' in html
    assert f'<meta property="og:image" content="{settings.SITE_URL}/media/{name}">' in html
    with article.hero_image.storage.open(size_name(name, 800)) as made:
        image = Image.open(made)
        assert (image.format, image.size) == ("WEBP", (800, 400))


def test_sizes_are_made_when_the_image_is_saved_and_recorded_on_the_article():
    article = ArticleFactory(hero_image=jpeg(900, 300), hero_image_alt="A chart.")

    article.refresh_from_db()
    assert (article.hero_image_width, article.hero_image_height) == (900, 300)
    assert article.hero_image_sizes == [480, 800]
    storage = article.hero_image.storage
    for width in (480, 800):
        assert storage.exists(size_name(article.hero_image.name, width))
    assert not storage.exists(size_name(article.hero_image.name, 1200))


def test_sizes_made_earlier_are_kept():
    article = ArticleFactory(hero_image=jpeg(900, 300), hero_image_alt="A chart.")
    storage = article.hero_image.storage
    first = size_name(article.hero_image.name, 480)
    mtime = storage.get_modified_time(first)

    again = make_sizes(storage, article.hero_image.name)

    assert again.widths == [480, 800]
    assert storage.get_modified_time(first) == mtime
    assert sorted(storage.listdir(f"{article.hero_image.name.rsplit('/', 1)[0]}/sizes")[1]) == [
        size_name(article.hero_image.name, w).rsplit("/", 1)[1] for w in (480, 800)
    ]


def test_uploaded_names_cannot_be_guessed():
    first = ArticleFactory(hero_image=jpeg(600, 300, "Clinic Garden.JPG"), hero_image_alt="x")
    second = ArticleFactory(hero_image=jpeg(600, 300, "Clinic Garden.JPG"), hero_image_alt="x")

    names = [first.hero_image.name, second.hero_image.name]
    for name in names:
        folder, filename = name.rsplit("/", 1)
        assert folder.startswith("articles/hero/")
        assert filename.startswith("clinic-garden-")
        assert filename.endswith(".jpg")
        assert len(filename) == len("clinic-garden-") + 11 + len(".jpg")
    assert names[0] != names[1]


def test_a_page_render_makes_no_storage_call(client, no_storage_access):
    article = ArticleFactory(slug="als", hero_image=jpeg(1300, 650), hero_image_alt="A chart.")
    no_storage_access()

    response = client.get("/conditions/als/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f"/media/{size_name(article.hero_image.name, 480)} 480w" in html
    assert 'width="1300" height="650"' in html


def test_an_unreadable_hero_image_falls_back_to_the_original(client, no_storage_access):
    broken = SimpleUploadedFile("hero.jpg", b"not an image", content_type="image/jpeg")
    article = ArticleFactory(slug="als", hero_image=broken, hero_image_alt="A chart.")
    no_storage_access()  # the render does not try again

    response = client.get("/conditions/als/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'src="/media/{article.hero_image.name}"' in html
    assert "srcset" not in html
    assert "width=" not in html.split(f'src="/media/{article.hero_image.name}"')[1].split(">")[0]


def test_removing_the_hero_image_in_the_admin_forgets_its_sizes(editor_client):
    article = ArticleFactory(slug="als", hero_image=jpeg(900, 300), hero_image_alt="A chart.")
    form = editor_client.get(f"{ADMIN}articles/article/{article.pk}/change/").context["adminform"]
    data = {
        name: value
        for name, value in form.form.initial.items()
        if value is not None and name not in ("related", "hero_image")
    }
    data.update(
        {
            "hero_image-clear": "on",
            "hero_image_alt": "",
            "published_at_0": article.published_at.strftime("%Y-%m-%d"),
            "published_at_1": article.published_at.strftime("%H:%M:%S"),
            "article_citations-TOTAL_FORMS": "0",
            "article_citations-INITIAL_FORMS": "0",
        }
    )

    response = editor_client.post(f"{ADMIN}articles/article/{article.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert not article.hero_image
    assert (article.hero_image_width, article.hero_image_height) == (None, None)
    assert article.hero_image_sizes == []


def admin_form(**fields):
    return {
        "title": "Amyotrophic lateral sclerosis (ALS)",
        "slug": "als",
        "kind": "condition",
        "summary": "What it is.",
        "body": "<p>What it is.</p>",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "article_citations-TOTAL_FORMS": "0",
        "article_citations-INITIAL_FORMS": "0",
        **fields,
    }


def test_a_hero_image_saved_in_the_admin_goes_to_the_bucket_with_its_sizes(
    editor_client, client, s3_media, no_storage_access
):
    response = editor_client.post(
        f"{ADMIN}articles/article/add/",
        admin_form(hero_image=jpeg(1300, 650), hero_image_alt="A nurse talks with a patient."),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="als")
    name = article.hero_image.name
    assert (article.hero_image_width, article.hero_image_height) == (1300, 650)
    assert article.hero_image_sizes == [480, 800, 1200]
    assert s3_media.object_names() == sorted(
        [name, *(size_name(name, w) for w in (480, 800, 1200))]
    )
    assert s3_media.get(name)["ContentType"] == "image/jpeg"
    assert s3_media.get(size_name(name, 800))["ContentType"] == "image/webp"

    no_storage_access()
    html = client.get("/conditions/als/").content.decode()

    bucket_url = f"{s3_media.endpoint}/{s3_media.name}"
    assert f'src="{bucket_url}/{name}"' in html
    assert f"{bucket_url}/{size_name(name, 800)} 800w" in html
    assert f'<meta property="og:image" content="{bucket_url}/{name}">' in html
    status, headers, body = fetch(f"{bucket_url}/{size_name(name, 800)}")
    assert (status, headers["Content-Type"]) == (200, "image/webp")
    assert Image.open(io.BytesIO(body)).size == (800, 400)


def test_objects_are_readable_by_url_only_through_the_bucket_policy(s3_media):
    """The site grants no access per object: the documented bucket policy does (no listing)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("uploads/chart.png", ContentFile(b"\x89PNG not really"))
    url = default_storage.url(name)
    assert fetch(url)[0] == 200

    s3_media.client().delete_bucket_policy(Bucket=s3_media.name)
    assert fetch(url)[0] == 403
