"""Image uploads from the rich-text editor: staff only, real images only, size-limited.

django-ckeditor's own view decides "is it an image" from the content alone and keeps
the uploaded name's extension, so a picture named ``x.html`` would be stored as HTML.
This view checks the extension, the content (Pillow) and the size first, then hands
the file to django-ckeditor to store.
"""

import json
import os

from ckeditor_uploader import views as ckeditor_views
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from .models import IMAGE_EXTENSIONS

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def check_image(uploaded):
    """Return an error message for anything but a real JPEG/PNG/GIF/WebP image."""
    if uploaded is None:
        return "Choose an image to upload."
    if uploaded.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        limit = settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)
        return f"The image is too large: the limit is {limit} MB."
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    if extension not in IMAGE_EXTENSIONS:
        return "Only JPEG, PNG, GIF and WebP images can be uploaded (no SVG)."
    try:
        with Image.open(uploaded) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "The file is not a readable image."
    finally:
        uploaded.seek(0)
    if image_format not in ALLOWED_FORMATS:
        return "Only JPEG, PNG, GIF and WebP images can be uploaded (no SVG)."
    return None


def _error(request, message):
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num.isdigit():
        # The editor's image dialog reads a script that calls back into the editor.
        return HttpResponse(
            "<script>window.parent.CKEDITOR.tools.callFunction("
            f"{func_num}, '', {json.dumps(message)});</script>"
        )
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)


# CKEditor 4 posts without Django's CSRF token. Only staff reach this view (see
# clinic/urls.py), and the session cookie is SameSite=Lax, so a cross-site form
# cannot post with a staff member's session.
@csrf_exempt
@require_POST
def image_upload(request):
    message = check_image(request.FILES.get("upload"))
    if message:
        return _error(request, message)
    return ckeditor_views.upload(request)
