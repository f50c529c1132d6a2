"""The staff's second factor: after the password, a code from an authenticator app (TOTP,
django-otp), or one of the one-time recovery codes handed out at enrolment. No staff page
opens before it (middleware.py); enrolment happens at the first sign-in (views.py)."""
