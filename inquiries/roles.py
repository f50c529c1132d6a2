"""Who works on requests: the care coordinators' group name and its permissions.

Every module that needs the group's name imports it from here; this module imports nothing of
the app, so no import runs in a circle (inquiries/apps.py declares the group)."""

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

# Who reads the access log (who looked at which patients' requests), besides superusers: the
# person the clinic names for privacy. They read it; nobody edits it.
PRIVACY_OFFICERS_GROUP = "Privacy officers"
PRIVACY_OFFICERS_PERMISSIONS = {"inquiries": ["view_accessevent"]}
