"""Settings for the clinic site, read from the environment.

Development falls back to harmless defaults; production (``DJANGO_DEBUG`` unset or
false) fails loudly when something it needs is missing. docs/operators/production.md
(Configuration) lists every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from clinic.cache import RestAfterFailure

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production mode refuses to start without it "
            "(set DJANGO_DEBUG=1 for local development)."
        )
    # Development only (DEBUG): production refuses to start without a key, above.
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["localhost", "127.0.0.1", "[::1]"] + (["testserver"] if DEBUG else []),
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "ckeditor",
    "ckeditor_uploader",
    "csp",
    "axes",
    # The staff's second factor: an authenticator app (TOTP) and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "clinic",
    "articles",
    "inquiries",
]

AUTH_USER_MODEL = "clinic.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A public request's body past PUBLIC_REQUEST_MAX_BYTES: a 413 before anything reads it.
    "clinic.request_limits.PublicBodyLimitMiddleware",
    "clinic.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A stored public page for a visitor without a session, before the rest of the stack
    # (clinic/pagecache/early.py): the middleware above still runs on it.
    "clinic.pagecache.early.StoredPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language, from its URL alone (/es/...: Spanish); before CommonMiddleware,
    # whose added slash must find the translated paths.
    "clinic.middleware.UrlLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed its second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "clinic.middleware.StaffSessionMiddleware",
    # No staff page before the second factor (clinic/second_factor/).
    "clinic.second_factor.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "clinic.wsgi.application"

# Database: a SQLite file by default, PostgreSQL (psycopg2) when DATABASE_URL says so.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: every process of the site must share it (the page store's versions and the site
# settings live there), so production never uses a per-process cache:
# - REDIS_URL set: Redis through django-redis. When Redis is down or hung, its errors are
#   ignored (and logged, once a minute: clinic/cache.py): pages render uncached and site
#   settings come from the database; short socket timeouts bound what a hung Redis costs a
#   request.
# - production without REDIS_URL: Django's database cache, in the table CACHE_TABLE, made by
#   `manage.py createcachetable` (the deploy steps and `make run` run it).
# - development (DJANGO_DEBUG): local memory.
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_TABLE = "clinic_cache"
CACHE_KEY_PREFIX = env.str("DJANGO_CACHE_PREFIX", default="clinic")
REDIS_CACHE_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": 0.25,
    "SOCKET_TIMEOUT": 0.25,
    # After a failure, Redis is left alone for a few seconds (clinic/cache.py).
    "CONNECTION_POOL_KWARGS": {"retry": RestAfterFailure()},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
elif DEBUG:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "clinic",
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# The contact form's rate limit (inquiries/ratelimit.py) keeps its counts apart from the
# pages, where no page written to the cache can evict them: a full Redis evicts keys of
# every database and prefix alike (under an allkeys policy), and Django's database cache
# culls a third of its table when it is full. So in every set-up they live in a database
# table of their own (shared by every process and host, as the database is), made by
# `migrate` as the cache's is. A few rows per client, each gone when its window ends.
RATELIMIT_CACHE_TABLE = "clinic_ratelimit"
CACHES["ratelimit"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": RATELIMIT_CACHE_TABLE,
    "KEY_PREFIX": CACHE_KEY_PREFIX,
    "TIMEOUT": 600,
    # Never culled in practice: the counts expire with their window (an hour at most).
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}

# django-redis logs each error it ignores to this logger (one line a minute: clinic/cache.py).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "clinic.cache"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Then a per-account lock, whatever the address (clinic/account_lockout.py).
    "clinic.account_lockout.AccountLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Whole-page cache for anonymous visitors (clinic/pagecache.py).
PAGE_CACHE_ENABLED = env.bool("DJANGO_PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=3600)
# What each process keeps of the cached pages in its own memory (the most recently used).
PAGE_CACHE_LOCAL_BYTES = env.int("DJANGO_PAGE_CACHE_LOCAL_MB", default=20) * 1024 * 1024
# A file every process of the site shares, replaced whenever the pages' versions change, so a
# stored page is served after a `stat` instead of a read of its versions (clinic/pagecache/
# stamp.py). Only where every process runs on one host: on by default beside a SQLite
# database file (one host by nature), off otherwise ("" turns it off).
_SQLITE_FILE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and DATABASES[
    "default"
]["NAME"] not in ("", ":memory:")
PAGE_CACHE_VERSION_STAMP = env.str(
    "DJANGO_PAGE_CACHE_VERSION_STAMP",
    default=f"{DATABASES['default']['NAME']}.page-versions" if _SQLITE_FILE else "",
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at today's URLs, Spanish under /es/ with Spanish paths (clinic/urls.py): the URL
# alone decides (clinic.middleware.UrlLanguageMiddleware), never the browser's settings.
# The site's own words are in locale/<language>/LC_MESSAGES/django.po, compiled by the
# set-up (`manage.py compile_translations`; docs/translators.md). The admin stays English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Numbers in Spanish as written in the Americas (2,000), not in Spain (2.000).
FORMAT_MODULE_PATH = ["clinic.formats"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="America/Denver")
USE_I18N = True
USE_TZ = True

# Static files: hashed, compressed names served by whitenoise with far-future caching.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# Uploaded media: the local disk (MEDIA_ROOT) for one host; with DJANGO_MEDIA_S3_BUCKET, an
# S3-compatible bucket every host shares (clinic/storage.py). Objects are public by URL,
# never listed; their origin is added to the CSP's img-src below (docs/operators/production.md,
# "The media bucket").
MEDIA_S3_BUCKET = env.str("DJANGO_MEDIA_S3_BUCKET", default="")
MEDIA_ORIGIN = ""
if MEDIA_S3_BUCKET:
    _region = env.str("DJANGO_MEDIA_S3_REGION", default="us-east-1")
    _endpoint = env.str(
        "DJANGO_MEDIA_S3_ENDPOINT_URL", default=f"https://s3.{_region}.amazonaws.com"
    ).rstrip("/")
    _custom_domain = env.str("DJANGO_MEDIA_S3_CUSTOM_DOMAIN", default="").strip("/")
    STORAGES["default"] = {
        "BACKEND": "clinic.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": _endpoint,
            "region_name": _region,
            # Unset: boto3's own chain (AWS_* variables, an instance role).
            "access_key": env.str("DJANGO_MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("DJANGO_MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            # URLs are <endpoint>/<bucket>/<name>: one origin, known here, for the CSP.
            "addressing_style": "path",
            "custom_domain": _custom_domain or None,
            # e.g. "public-read" on providers that grant reading per object, not per bucket.
            "default_acl": env.str("DJANGO_MEDIA_S3_ACL", default="") or None,
        },
    }
    if _custom_domain:
        MEDIA_ORIGIN = "https://" + _custom_domain.split("/")[0]
    else:
        MEDIA_ORIGIN = "/".join(_endpoint.split("/")[:3])

# Uploads: images only, checked by Pillow, at most 5 MB each.
FILE_UPLOAD_PERMISSIONS = 0o644
IMAGE_UPLOAD_MAX_BYTES = env.int("DJANGO_IMAGE_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
# Pixels an uploaded image may declare (checked from its header before decoding): a small
# file can declare billions of pixels (a decompression bomb) and take seconds to resize.
IMAGE_MAX_PIXELS = env.int("DJANGO_IMAGE_MAX_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Outside the admin and the editor: the contact form's fields are a few kilobytes at most
# (its message 2,000 characters); a larger body is refused unread (clinic/request_limits.py).
PUBLIC_REQUEST_MAX_BYTES = env.int("DJANGO_PUBLIC_REQUEST_MAX_BYTES", default=64 * 1024)

# Rich text (django-ckeditor bundles CKEditor 4, end-of-life): whatever the editor sends
# is sanitized on the server with nh3 (articles/text/sanitize.py) before it is stored.
CKEDITOR_UPLOAD_PATH = "uploads/"
# Uploads are public to whoever has the URL: a random part in each name
# (docs/operators/production.md, "The media bucket").
CKEDITOR_FILENAME_GENERATOR = "articles.images.unguessable_name"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_BROWSE_SHOW_DIRS = True
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Subscript", "Superscript"],
            ["NumberedList", "BulletedList", "Blockquote", "Table"],
            ["Link", "Unlink", "Image"],
            ["RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        "removePlugins": "exportpdf",
    }
}

# Email: EMAIL_URL (e.g. smtp+tls://user:pass@host:587) or the usual EMAIL_* settings.
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND",
        default=(
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend"
        ),
    )
    EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="clinic@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The public address of the site, for links in emails and feeds outside a request.
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# A treatment's regulatory status checked longer ago than this is flagged in the admin, and
# its page says "as of" the date it was checked.
REGULATORY_CHECK_MAX_AGE_MONTHS = env.int("DJANGO_REGULATORY_CHECK_MONTHS", default=6)

# Inquiries (care-coordinator requests).
# Who is emailed about each new request (comma-separated); the email holds no patient details.
INQUIRY_NOTIFY_EMAILS = env.list("INQUIRY_NOTIFY_EMAILS", default=[])
# The new-request emails are tasks (inquiries/tasks.py): a failed one is tried again after
# 1 minute, then 2, 4, 8... at most an hour apart, until it is sent.
INQUIRY_EMAIL_RETRY_SECONDS = env.int("INQUIRY_EMAIL_RETRY_SECONDS", default=60)
INQUIRY_EMAIL_RETRY_MAX_SECONDS = env.int("INQUIRY_EMAIL_RETRY_MAX_SECONDS", default=3600)
# ...at most this many tries in all; a permanent refusal (SMTP 5xx, a refused recipient, a
# bad header) is not tried again at all (inquiries/tasks.py).
INQUIRY_EMAIL_MAX_ATTEMPTS = env.int("INQUIRY_EMAIL_MAX_ATTEMPTS", default=10)
# Submissions of the contact form per client IP and window; past it, a 429 page.
INQUIRY_RATE_LIMIT = env.int("INQUIRY_RATE_LIMIT", default=5)
INQUIRY_RATE_WINDOW_SECONDS = env.int("INQUIRY_RATE_WINDOW_SECONDS", default=600)
# The same message from the same email address within this many seconds is the request
# already stored (sent again from Back or another tab): its reference, no second email.
INQUIRY_DUPLICATE_WINDOW_SECONDS = env.int("INQUIRY_DUPLICATE_WINDOW_SECONDS", default=900)
# Closed and spam requests are deleted this many days after their last change
# (the nightly task inquiries.tasks.purge_inquiries; manage.py purge_inquiries by hand).
INQUIRY_RETENTION_DAYS = env.int("INQUIRY_RETENTION_DAYS", default=365)
# The access log (who viewed, searched or exported requests) outlives the requests it names:
# six years by default, HIPAA's retention for its documentation (164.316(b)(2)); the
# nightly task inquiries.tasks.prune_access_log deletes older entries. The system check
# inquiries.E002 refuses a value not longer than INQUIRY_RETENTION_DAYS.
INQUIRY_ACCESS_LOG_RETENTION_DAYS = env.int("INQUIRY_ACCESS_LOG_RETENTION_DAYS", default=2190)
# The response time promised to patients, in business hours (8: one business day), counted
# in the clinic's opening hours below and TIME_ZONE (inquiries/business_hours.py). A request
# still new (nobody has tried to contact the patient) past it is "overdue" in the admin.
INQUIRY_RESPONSE_BUSINESS_HOURS = env.int("INQUIRY_RESPONSE_BUSINESS_HOURS", default=8)
# The days and hours the coordinators work, e.g. "mon-fri" or "mon,tue,thu"; "08:00-17:00".
CLINIC_OPENING_DAYS = env.list("CLINIC_OPENING_DAYS", default=["mon-fri"])
CLINIC_OPENING_HOURS = env.str("CLINIC_OPENING_HOURS", default="08:00-17:00")
# The header the proxy sets to the client's IP (e.g. X-Real-IP), trusted only when named
# here: without a proxy, a client could forge it. Empty: REMOTE_ADDR.
CLIENT_IP_HEADER = env.str("DJANGO_CLIENT_IP_HEADER", default="")

# Medical review (articles/models/review.py). A page's next review is due this many months after
# its last, by kind; a treatment page is published only with a current review unless
# ARTICLE_REVIEW_REQUIRED_TO_PUBLISH is off; the editors' daily reminder lists the pages due
# within ARTICLE_REVIEW_REMINDER_DAYS and those overdue (docs/reviewers.md,
# docs/editors.md).
ARTICLE_REVIEW_MONTHS = {
    "treatment": env.int("ARTICLE_REVIEW_MONTHS_TREATMENT", default=12),
    "condition": env.int("ARTICLE_REVIEW_MONTHS_CONDITION", default=36),
}
# A page that names medicines (Article.names_medicines), whatever its kind: the list of
# medicines approved for a disease changes often (ALS: four times in 2022-2024).
ARTICLE_REVIEW_MONTHS_MEDICINES = env.int("ARTICLE_REVIEW_MONTHS_MEDICINES", default=12)
ARTICLE_REVIEW_REQUIRED_TO_PUBLISH = env.bool("ARTICLE_REVIEW_REQUIRED_TO_PUBLISH", default=True)
ARTICLE_REVIEW_REMINDER_DAYS = env.int("ARTICLE_REVIEW_REMINDER_DAYS", default=30)

# Background work: Django's tasks API (the django-tasks backport of Django 6.0's
# django.tasks), stored in the database in every mode and run by `manage.py db_worker`
# (docs/operators/background-work.md). On Django 6 the import changes, not this design.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task still "running" after this long lost its worker (killed, host gone): the periodic
# clinic.tasks.requeue_lost_tasks marks it failed and enqueues it again. Longer than any
# task takes; every task is safe to run twice.
TASK_LOST_AFTER_SECONDS = env.int("DJANGO_TASK_LOST_AFTER_SECONDS", default=600)
# What `manage.py enqueue_periodic_tasks <schedule>` enqueues; cron or a systemd timer runs
# it (docs/operators/background-work.md). Task paths, so that clinic/ imports no app.
PERIODIC_TASKS = {
    "frequent": [  # every 5 minutes
        "clinic.tasks.requeue_lost_tasks",
        "inquiries.tasks.enqueue_missed_notifications",
    ],
    "nightly": [  # once a day, at night
        "inquiries.tasks.purge_inquiries",
        "inquiries.tasks.prune_access_log",
        "clinic.tasks.prune_task_results",
        "clinic.tasks.clear_expired_sessions",
        "clinic.tasks.refresh_query_statistics",
        "articles.tasks.remind_editors_of_reviews",
        "articles.trials.tasks.refresh_clinical_trials",
    ],
    "weekly": [  # once a week
        "articles.tasks.check_citation_notices",
    ],
}
# Finished task results are kept this many days (failed ones twice as long), for the admin.
TASK_RESULT_RETENTION_DAYS = env.int("DJANGO_TASK_RESULT_RETENTION_DAYS", default=14)

# Citations from a DOI or PMID (articles/literature/client.py): the citation admin's "Fetch details"
# and the weekly check for retractions, corrections and expressions of concern. The base
# URLs are settings so that tests answer from a local server; both services ask callers to
# say who they are (a User-Agent with a mailto for Crossref, tool and email for NCBI).
CROSSREF_API_URL = env.str("CROSSREF_API_URL", default="https://api.crossref.org").rstrip("/")
NCBI_EUTILS_URL = env.str(
    "NCBI_EUTILS_URL", default="https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
).rstrip("/")
LITERATURE_MAILTO = env.str("LITERATURE_MAILTO", default=DEFAULT_FROM_EMAIL)
# Seconds to wait for a connection, and then for an answer, before saying the service is down.
LITERATURE_TIMEOUT_SECONDS = env.float("LITERATURE_TIMEOUT_SECONDS", default=5.0)
# NCBI allows 3 requests a second without an API key: E-utilities calls are spaced this much.
LITERATURE_NCBI_MIN_INTERVAL = 0.34
# A check that could not reach a service is tried again after this long, then twice as long
# each time, 4 times at most (then at the next weekly check).
LITERATURE_RETRY_SECONDS = env.int("LITERATURE_RETRY_SECONDS", default=900)

# Clinical trials a patient can join (articles/trials/): ClinicalTrials.gov's API v2, asked
# nightly for each page's recruiting trials. A setting so that tests answer from a local server.
CLINICALTRIALS_API_URL = env.str(
    "CLINICALTRIALS_API_URL", default="https://clinicaltrials.gov/api/v2"
).rstrip("/")

# Security. Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Nothing on the site reads the CSRF cookie from JavaScript (forms carry the token).
CSRF_COOKIE_HTTPONLY = True
# Staff sessions end after this much inactivity (clinic.middleware.StaffSessionMiddleware);
# every staff request starts the count again.
STAFF_SESSION_IDLE_TIMEOUT = env.int("DJANGO_STAFF_SESSION_IDLE_MINUTES", default=30) * 60
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=12 * 60 * 60)
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
    # /healthz is probed by the load balancer over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp). Public pages carry no inline script and no nonce,
# so they can be served from the page cache; JSON-LD blocks are data, not script, and
# are not subject to script-src. The admin and the rich-text editor need more: see
# EDITOR_CONTENT_SECURITY_POLICY below.
VIDEO_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": VIDEO_FRAME_SOURCES,
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# These directives replace the public ones under the admin and the editor's upload views
# only (clinic.middleware.ContentSecurityPolicyMiddleware): CKEditor 4 builds its toolbar
# with inline event handlers and inline styles, and its upload dialog answers with an
# inline callback script. Only signed-in staff reach these pages.
EDITOR_CONTENT_SECURITY_POLICY = {
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "browsing-topics": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self", *VIDEO_FRAME_SOURCES],
}

# Brute-force protection for the admin login (django-axes): after AXES_FAILURE_LIMIT
# failed attempts for one username from one IP address, that combination is locked out
# for the cool-off time and sees templates/axes/lockout.html; a success resets the count.
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# The same client address as the contact form's rate limit: REMOTE_ADDR, or the trusted
# proxy's header when DJANGO_CLIENT_IP_HEADER names one (never a header a client can forge).
AXES_CLIENT_IP_CALLABLE = "clinic.client_ip.client_ip"
# Per account, from any address (clinic/account_lockout.py): this many wrong passwords
# within the cool-off lock the account for the cool-off, and its owner is emailed.
ACCOUNT_LOCKOUT_FAILURES = env.int("DJANGO_ACCOUNT_LOCKOUT_FAILURES", default=20)
ACCOUNT_LOCKOUT_MINUTES = env.int("DJANGO_ACCOUNT_LOCKOUT_MINUTES", default=60)

# The staff's second factor (clinic/second_factor/): the name an authenticator app shows
# beside the code, and how many one-time recovery codes enrolment hands out.
OTP_TOTP_ISSUER = env.str("DJANGO_OTP_ISSUER", default="Clinic admin")
SECOND_FACTOR_RECOVERY_CODES = 10

SILENCED_SYSTEM_CHECKS = [
    # django-ckeditor warns that CKEditor 4 is end-of-life. We keep it (a fixed decision) and
    # make it harmless: every rich-text body is sanitized on the server with nh3 before it
    # is stored, and uploads are images only, checked by Pillow (see articles/text/sanitize.py).
    "ckeditor.W001",
]
if not DEBUG and not env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False):
    # security.W021: HSTS preload is an irreversible commitment for the whole domain;
    # the clinic opts in with DJANGO_SECURE_HSTS_PRELOAD=1 once every subdomain is HTTPS.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "filters": {
        "redis_outage": {"()": "clinic.cache.RedisOutageFilter"},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "clinic.cache": {"filters": ["redis_outage"]},
    },
}

# The admin's URL prefix; a less obvious path keeps casual scanners away.
ADMIN_PATH = env.str("DJANGO_ADMIN_PATH", default="admin/").strip("/") + "/"
# Serve uploaded media from Django (development, single-host installs). With a bucket
# (DJANGO_MEDIA_S3_BUCKET) browsers fetch media from the bucket and Django serves none.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=not MEDIA_S3_BUCKET)
