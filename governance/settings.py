"""Settings for the Chenghua portal: one code path, driven by the environment.

With nothing set, the portal runs on the embedded default: a SQLite file under
``var/`` (ignored by git) and Celery tasks run in-process. Set DATABASE_URL and
REDIS_URL to run on PostgreSQL with a Redis broker.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_share(name: str, default: float) -> float:
    """A share strictly between 0 and 1 (e.g. 0.8)."""
    value = os.environ.get(name, "")
    try:
        share = float(value) if value else default
    except ValueError:
        share = -1.0
    if not 0 < share < 1:
        raise ImproperlyConfigured(f"{name} must be a number between 0 and 1, not {value!r}")
    return share


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


def env_proxy_header(name: str) -> tuple[str, str] | None:
    """`HTTP_X_FORWARDED_PROTO,https`: the header the reverse proxy sets, and its value on https."""
    value = os.environ.get(name, "")
    if value == "":
        return None
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 2 or not parts[0].startswith("HTTP_") or not parts[1]:
        raise ImproperlyConfigured(f"{name} must look like HTTP_X_FORWARDED_PROTO,https, not {value!r}")
    return parts[0], parts[1]


def env_site_url(name: str, default: str) -> str:
    """An absolute http(s) address without a trailing slash, e.g. `https://portal.example.cn`."""
    value = os.environ.get(name, "").strip() or default
    if not value.startswith(("http://", "https://")) or value.rstrip("/").count("/") > 2:
        raise ImproperlyConfigured(f"{name} must be an address like https://portal.example.cn, not {value!r}")
    return value.rstrip("/")


DEBUG = env_bool("DEBUG", default=False)
# The embedded key signs sessions and password-reset links of a development run only: anyone who reads
# this file could forge them, so a process with DEBUG off refuses to start on it.
EMBEDDED_SECRET_KEY = "insecure-embedded-default-key-change-me-in-any-deployment"
SECRET_KEY = os.environ.get("SECRET_KEY", "") or EMBEDDED_SECRET_KEY
if SECRET_KEY == EMBEDDED_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured(
        "SECRET_KEY is the embedded development key and DEBUG is off: set SECRET_KEY to 50 or more random characters"
        " (python -c 'import secrets; print(secrets.token_urlsafe(50))'), or DEBUG=true for a development run"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "governance.accounts.apps.PortalAdminConfig",  # django.contrib.admin, asking staff for their second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "auditlog",
    "django_htmx",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "governance.core",
    "courtyards",
    "committees",
    "associations",
    "governance.accounts",
    "governance.notifications",
    "governance.requests",
    "governance.reports",
    "governance.activities",
    "governance.training",
    "governance.fieldwork",
    "governance.demo",
]

MIDDLEWARE = [
    "governance.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files answered before sessions, users or the database are touched
    "csp.middleware.CSPMiddleware",
    "governance.core.middleware.BrowserPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "governance.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "governance.accounts.middleware.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "governance.core.middleware.CurrentRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]
# bench/load.py reads queries per request and the serving worker from two headers; never on by default.
BENCH_HEADERS = env_bool("BENCH_HEADERS", default=False)
if BENCH_HEADERS:
    MIDDLEWARE.insert(0, "governance.core.middleware.BenchHeadersMiddleware")

ROOT_URLCONF = "governance.urls"
WSGI_APPLICATION = "governance.wsgi.application"
ASGI_APPLICATION = "governance.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "governance.notifications.context_processors.unread_count",
                "governance.core.navigation.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Planning a list query with nine joins over a table of 50 indexes cost 70-80 ms against 1 ms to run it;
        # the ORM writes joins in a good order already, so the planner keeps it (docs/performance.md, "Planning").
        join_limit = env_int("PG_JOIN_COLLAPSE_LIMIT", 1)
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c join_collapse_limit={join_limit}"
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "portal.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "governance.accounts.backends.UsernameOrPhoneBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Residents 8 characters; staff, field workers and admins 12 from three character classes (等保 2.0).
    {"NAME": "governance.accounts.password_validation.RolePasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ANONYMOUS_USER_NAME = None  # django-guardian: no anonymous user row; anonymous users hold no grants
# Sign-in lockout (django-axes), counted per ACCOUNT whether it is named by username or phone
# (governance/accounts/lockout.py): five wrong passwords from one address lock the account for that
# address for an hour; ACCOUNT_LOCKOUT_FAILURE_LIMIT from all addresses together lock it for everyone.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
ACCOUNT_LOCKOUT_FAILURE_LIMIT = env_int("ACCOUNT_LOCKOUT_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "governance.accounts.lockout.account_username"
AXES_HANDLER = "governance.accounts.lockout.AccountLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Second factor (django-otp TOTP, governance/accounts/second_factor.py): every staff and admin account
# shows a code after its password. Off only for the embedded default (`make run` sets it false so the
# demo accounts sign in by password alone); production settings (DEBUG off and a DATABASE_URL) refuse
# to start without it. The test suite turns it off per test (tests/conftest.py) and on where it is tested.
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", default=True)
if not OTP_REQUIRED_FOR_STAFF and not DEBUG and DATABASE_URL:
    raise ImproperlyConfigured(
        "OTP_REQUIRED_FOR_STAFF=false is only for the embedded default or DEBUG: production staff accounts need a second factor"
    )
OTP_TOTP_ISSUER = "成华社区治理"
# Audit (security events, audit log): kept at least a year, then purged daily; PIPL and 等保 ask for both.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)
if AUDIT_RETENTION_DAYS < 365:
    raise ImproperlyConfigured("AUDIT_RETENTION_DAYS must be at least 365.")
# Behind a reverse proxy, the request.META key of its client-address header (HTTP_X_FORWARDED_FOR); else REMOTE_ADDR.
AUDIT_CLIENT_ADDRESS_HEADER = os.environ.get("AUDIT_CLIENT_ADDRESS_HEADER", "")
# Requests closed longer than this lose their personal data (PIPL art. 19: no longer than needed).
REQUEST_PERSONAL_DATA_YEARS = env_int("REQUEST_PERSONAL_DATA_YEARS", 3)
SESSION_COOKIE_HTTPONLY = True

# --- HTTPS and browser hardening (all from the environment; off by default so a development run works on http) ---
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=SECURE_COOKIES)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=SECURE_COOKIES)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain http inside the network
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_PROXY_SSL_HEADER = env_proxy_header("SECURE_PROXY_SSL_HEADER")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# django-csp 4: nothing inline and nothing from another origin. Swagger UI widens img-src for its own
# data: icons (governance.core.views.ApiDocsView), the only exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}
# Residents photograph a problem with the file input and may attach where they stand; nothing else.
PERMISSIONS_POLICY = {
    "camera": ["self"],
    "geolocation": ["self"],
    "microphone": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "midi": [],
    "magnetometer": [],
    "gyroscope": [],
    "accelerometer": [],
    "display-capture": [],
    "browsing-topics": [],
}
# Staff sessions (governance/accounts/middleware.py): 30 idle minutes, 12 hours in all. Residents keep
# Django's two weeks (SESSION_COOKIE_AGE). Django gives a new session key at every sign-in.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 12 * 3600)

# --- Language, time, formats ---------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it; collectstatic fills it in deployments
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Production serves what collectstatic made: names carrying a hash of the content (so whitenoise can let
# browsers keep them a year: a changed file is a new name) and a gzip (or brotli) copy of each. `make run`
# does the same (collectstatic first). Without a manifest (tests, a bare runserver) the files are served
# as they lie in the apps, unhashed and looked up on each request.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STATIC_BACKEND = (
    "governance.core.static_storage.HashedStaticFilesStorage"
    if STATIC_MANIFEST
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": STATIC_BACKEND},
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG and not STATIC_MANIFEST
WHITENOISE_ROOT = BASE_DIR / "static" / "root"  # /favicon.ico, where browsers look without being told

# --- Cache, Celery ---------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_URL = os.environ.get("CACHE_URL", REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "portal")
# A queue per kind of work, each with its own worker processes (Procfile), so that report jobs never keep a
# resident's notification waiting. Names carry the default queue's as a prefix: a test run has its own.
CELERY_QUEUES_BY_KIND = {kind: f"{CELERY_TASK_DEFAULT_QUEUE}.{kind}" for kind in ("notifications", "deadlines", "reports")}
CELERY_TASK_ROUTES = {
    "governance.notifications.tasks.*": {"queue": CELERY_QUEUES_BY_KIND["notifications"]},
    "governance.requests.tasks.*": {"queue": CELERY_QUEUES_BY_KIND["deadlines"]},
    "committees.tasks.*": {"queue": CELERY_QUEUES_BY_KIND["deadlines"]},
    "governance.reports.tasks.*": {"queue": CELERY_QUEUES_BY_KIND["reports"]},
}  # the rest (the nightly purges) on the default queue
# Declared, so that a worker started without -Q (make worker) consumes every kind.
CELERY_TASK_QUEUES = [Queue(name) for name in (CELERY_TASK_DEFAULT_QUEUE, *CELERY_QUEUES_BY_KIND.values())]
# Every task is bounded; the long ones (reports, the digest) set their own, longer limits.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
# Redis redelivers an unacked task after this: more than twice the longest hard limit (a report, 15 min),
# or a task still running would be started a second time (tests/test_stack.py reads it off a running worker).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {"task": "governance.notifications.tasks.notifications_sweep", "schedule": 60.0},
    "reports-sweep": {"task": "governance.reports.tasks.reports_sweep", "schedule": 60.0},
    "reports-monthly": {"task": "governance.reports.tasks.monthly_reports_create", "schedule": crontab(minute=30, hour=1, day_of_month=1)},
    "meeting-reminders": {"task": "committees.tasks.meeting_reminders_sweep", "schedule": 300.0},
    "requests-escalate-overdue": {"task": "governance.requests.tasks.requests_escalate_overdue", "schedule": 300.0},
    "requests-warn-due": {"task": "governance.requests.tasks.requests_warn_due", "schedule": 300.0},
    # Yesterday's new requests, before the working day begins (CELERY_TIMEZONE is the portal's).
    "requests-queue-digest": {"task": "governance.requests.tasks.requests_queue_digest", "schedule": crontab(minute=30, hour=7)},
    "requests-close-unconfirmed": {"task": "governance.requests.tasks.requests_close_unconfirmed", "schedule": 3600.0},
    "audit-purge": {"task": "governance.accounts.tasks.audit_purge", "schedule": crontab(minute=15, hour=3)},
    "requests-anonymise-old": {"task": "governance.requests.tasks.requests_anonymise_old", "schedule": crontab(minute=45, hour=3)},
}
# 超时预警: owners are warned when this share of the time from submission to a deadline has passed.
REQUEST_WARN_AT = env_share("REQUEST_WARN_AT", 0.8)
# The CJK font of every PDF: Debian's fonts-wqy-microhei (scripts/test.sh installs it).
PDF_CJK_FONT = os.environ.get("PDF_CJK_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# --- E-mail and SMS ----------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "成华社区治理 <noreply@localhost>")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "governance.core.sms.ConsoleSMSBackend")
# An SMS is read outside the portal, so its links are absolute, on the address residents reach the portal at.
SITE_URL = env_site_url("SITE_URL", "http://127.0.0.1:8000")

# --- API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "governance.accounts.authentication.VerifiedSessionAuthentication",
        "governance.accounts.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["governance.core.api_filters.StrictFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "governance.core.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    # Every API view is throttled per caller; the throttles fail open when the cache is down (core/limits.py).
    "DEFAULT_THROTTLE_CLASSES": ["governance.core.limits.AnonThrottle", "governance.core.limits.UserThrottle"],
    "DEFAULT_SCHEMA_CLASS": "governance.core.api_schema.ErrorDeclaringAutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "login": "10/min",
        "anon": os.environ.get("API_ANON_RATE", "120/min"),
        "user": os.environ.get("API_USER_RATE", "1200/min"),
    },
    "EXCEPTION_HANDLER": "governance.core.api_errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "成华社区治理 API",
    "DESCRIPTION": "Chenghua community governance portal API. Every list is scoped to what the caller may see.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Many models have a "status"; name each choice set after its owner so the schema stays stable.
    "ENUM_NAME_OVERRIDES": {
        "ReportLevelEnum": "governance.reports.choices.NodeLevel",
        "RequestStatusEnum": "governance.requests.choices.Status",
        "CallbackStatusEnum": "governance.requests.choices.CallbackStatus",
        "ReportJobStatusEnum": "governance.reports.choices.JobStatus",
        "SignupStatusEnum": "governance.activities.choices.SignupStatus",
        "HoursStatusEnum": "governance.activities.choices.HoursStatus",
        "MeetingStatusEnum": "committees.choices.MeetingStatus",
        "ActionStatusEnum": "committees.choices.ActionStatus",
        "NeedStatusEnum": "committees.choices.NeedStatus",
        "HomeClaimStatusEnum": "courtyards.choices.ClaimStatus",
        "MembershipStatusEnum": "associations.choices.MembershipStatus",
        "ReviewStatusEnum": "associations.choices.ReviewStatus",
        "DeliveryStatusEnum": "governance.notifications.choices.DeliveryStatus",
    },
}

# --- Portal ------------------------------------------------------------------------------
PHONE_CODE_TTL_SECONDS = 600
PHONE_CODE_RESEND_SECONDS = 60

# Limits against floods (docs/security-limits.md); beyond each a clear message, never a 500.
REQUESTS_PER_RESIDENT_PER_DAY = env_int("REQUESTS_PER_RESIDENT_PER_DAY", 10)
REQUESTS_PER_ADDRESS_PER_DAY = env_int("REQUESTS_PER_ADDRESS_PER_DAY", 30)
OPEN311_POSTS_PER_KEY_PER_HOUR = env_int("OPEN311_POSTS_PER_KEY_PER_HOUR", 200)
# Open311 reads per client address per minute (a load benchmark from 127.0.0.1 raises it).
OPEN311_READS_PER_MINUTE = env_int("OPEN311_READS_PER_MINUTE", 120)
# A report with coordinates but no address is placed on the nearest courtyard at most this far away.
REQUEST_LOCATE_MAX_METRES = env_int("REQUEST_LOCATE_MAX_METRES", 500)
if not 1 <= REQUEST_LOCATE_MAX_METRES <= 50_000:
    raise ImproperlyConfigured("REQUEST_LOCATE_MAX_METRES must be between 1 and 50000")
SMS_CODES_PER_ADDRESS_PER_HOUR = env_int("SMS_CODES_PER_ADDRESS_PER_HOUR", 5)
SMS_CODES_PER_HOUR = env_int("SMS_CODES_PER_HOUR", 300)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 200)
# Lists count at most this many rows (plus one, to know there are more): "10,000+" instead of a COUNT(*) of a district.
LIST_COUNT_CAP = env_int("LIST_COUNT_CAP", 10_000)
if LIST_COUNT_CAP < 1:
    raise ImproperlyConfigured("LIST_COUNT_CAP must be at least 1")
# API tokens (governance.accounts.authentication): they expire, and die on a password change or
# "sign out everywhere". DRF's authtoken app is gone: its tokens never expired and were stored in clear.
API_TOKEN_TTL_HOURS = env_int("API_TOKEN_TTL_HOURS", 24 * 30)
if API_TOKEN_TTL_HOURS < 1:
    raise ImproperlyConfigured("API_TOKEN_TTL_HOURS must be at least 1")
NOTIFICATION_MAX_ATTEMPTS = 6

# JSON lines with the request id in production (LOG_FORMAT=json, the default with DEBUG off); plain text at a desk.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "governance.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "governance.core.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
# /metrics answers a monitoring server that sends this bearer token; without one, only this machine.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the workers' log lines are JSON with the request id, as the web's
