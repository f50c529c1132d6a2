"""The image types the site takes from editors, in one place: the upload checks
(articles/uploads.py), the hero image's field (articles/models/article.py) and the types
media are served with from a bucket (clinic/storage.py) all read this table.

JPEG, PNG, WebP and GIF: photographs and charts. Never SVG (it can carry scripts)."""

# Pillow's name of each format: the file extensions it may have, and its media type. The
# order of the extensions is the hero image validator's (migration articles/0001).
IMAGE_TYPES = {
    "JPEG": (("jpg", "jpeg"), "image/jpeg"),
    "PNG": (("png",), "image/png"),
    "WEBP": (("webp",), "image/webp"),
    "GIF": (("gif",), "image/gif"),
}
IMAGE_EXTENSIONS = [extension for extensions, _ in IMAGE_TYPES.values() for extension in extensions]
IMAGE_MEDIA_TYPES = {
    f".{extension}": media_type
    for extensions, media_type in IMAGE_TYPES.values()
    for extension in extensions
}
IMAGE_TYPES_IN_WORDS = "JPEG, PNG, WebP or GIF"
