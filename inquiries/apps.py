from django.apps import AppConfig

from .roles import (
    COORDINATORS_GROUP,
    COORDINATORS_PERMISSIONS,
    PRIVACY_OFFICERS_GROUP,
    PRIVACY_OFFICERS_PERMISSIONS,
)


class InquiriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inquiries"

    def ready(self):
        from clinic.groups import declare_group

        from . import checks  # noqa: F401 (registers the system checks)

        declare_group(self, COORDINATORS_GROUP, COORDINATORS_PERMISSIONS)
        declare_group(self, PRIVACY_OFFICERS_GROUP, PRIVACY_OFFICERS_PERMISSIONS)
