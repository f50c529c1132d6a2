from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import middleware, pagecache

        pagecache.connect_signals()
        # Session bookkeeping, not business logic: the sign-in time caps a session's age.
        user_logged_in.connect(middleware.record_sign_in, dispatch_uid="clinic-sign-in-time")
