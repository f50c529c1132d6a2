"""The coordinators' admin as the tests reach it: its URLs, and the requests its list shows."""

from django.conf import settings

CHANGELIST = f"/{settings.ADMIN_PATH}inquiries/inquiry/"  # DJANGO_ADMIN_PATH


def change_url(inquiry):
    return f"{CHANGELIST}{inquiry.pk}/change/"


def changelist_rows(response):
    return [str(inquiry) for inquiry in response.context["cl"].result_list]
