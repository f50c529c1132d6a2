from django.apps import AppConfig

COORDINATORS_GROUP = "Care coordinators"
COORDINATORS_PERMISSIONS = {
    "inquiries": [
        "view_inquiry",
        "change_inquiry",
        "view_inquirynote",
        "add_inquirynote",
        "view_inquiryevent",
    ],
    # The task results (django-tasks-db's admin): a request's email that keeps failing
    # shows there, with its error.
    "django_tasks_database": ["view_dbtaskresult"],
}


class InquiriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inquiries"

    def ready(self):
        from clinic.groups import declare_group

        from . import checks  # noqa: F401 (registers the system checks)

        declare_group(self, COORDINATORS_GROUP, COORDINATORS_PERMISSIONS)
