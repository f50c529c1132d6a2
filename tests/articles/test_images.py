import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import responsive_sizes, size_name
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def jpeg(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="JPEG")
    return SimpleUploadedFile("hero.jpg", buffer.getvalue(), content_type="image/jpeg")


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
    with article.hero_image.storage.open(size_name(name, 800)) as made:
        image = Image.open(made)
        assert (image.format, image.size) == ("WEBP", (800, 400))


def test_sizes_are_made_once_and_reused():
    article = ArticleFactory(hero_image=jpeg(900, 300), hero_image_alt="A chart.")
    first = responsive_sizes(article.hero_image)
    storage = article.hero_image.storage
    made = storage.path(size_name(article.hero_image.name, 480))
    mtime = storage.get_modified_time(size_name(article.hero_image.name, 480))

    assert [size.width for size in first] == [480, 800]
    assert responsive_sizes(article.hero_image) == first
    assert storage.get_modified_time(size_name(article.hero_image.name, 480)) == mtime
    assert made.endswith("-480w.webp")


def test_an_unreadable_hero_image_falls_back_to_the_original(client):
    article = ArticleFactory(slug="als", hero_image=jpeg(600, 300), hero_image_alt="A chart.")
    with open(article.hero_image.path, "wb") as broken:
        broken.write(b"not an image")

    response = client.get("/conditions/als/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'src="/media/{article.hero_image.name}"' in html
    assert "srcset" not in html
