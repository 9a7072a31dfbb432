"""Every setting comes from the environment, parsed strictly.

Defaults are safe for development; with DEBUG off the app refuses to start without a real SECRET_KEY.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"


def env_bool(name, default):
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", "true")
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of 50 or more characters when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names the site answers to when DEBUG is off.")
# The reverse proxies in front of the app: addresses or networks, comma-separated. Only a request that arrives
# from one of them may name the client's address (X-Real-IP) and scheme (X-Forwarded-Proto); by default none,
# so nobody can forge an address to get round a rate limit.
try:
    TRUSTED_PROXIES = [ipaddress.ip_network(item, strict=False) for item in env_list("TRUSTED_PROXIES")]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES must list IP addresses or networks: {error}") from None
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = os.environ.get("SITE_NAME", "Mobilise")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "mobilise.core",
    "mobilise.directory",
    "mobilise.projects",
    "mobilise.planning",
    "mobilise.stakeholders",
    "mobilise.outputs",
    "mobilise.engagement",
    "mobilise.evaluation",
    "mobilise.support",
    "mobilise.events",
    "mobilise.library",
    "mobilise.plans",
    "mobilise.portfolio",
    "mobilise.site",
    "mobilise.api",
]

MIDDLEWARE = [
    "mobilise.core.middleware.RequestSizeLimit",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Every page: scripts, styles and everything else from this site only, no framing, and no inline code but the
# design system's one-line script, which carries the request's nonce. The NHS fonts come from the NHS's own
# asset host. Downloads and the HTML export set stricter policies of their own, which the middleware leaves.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "font-src": ["'self'", "https://assets.nhs.uk"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # data: for the QR code of the two-factor set-up
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The largest body the app reads: uploads are at most 20 MB (an import) plus the form around them. Fields other
# than files are held to Django's 2.5 MB default.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 25 * 1024 * 1024)

ROOT_URLCONF = "mobilise.urls"
WSGI_APPLICATION = "mobilise.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "mobilise.jinja2.environment"},
    },
    {
        # Only the Django admin uses Django's own template language.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data"))
# PostgreSQL only: psycopg's connection pool in each server process (README, Production). Without it each process
# keeps its one connection for a minute; Django refuses a pool with kept connections, hence conn_max_age 0.
DATABASE_POOL = env_bool("DATABASE_POOL", "false")
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'mobilise.sqlite3'}"),
        conn_max_age=0 if DATABASE_POOL else 60,
        conn_health_checks=True,
    )
}
if DATABASE_POOL:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL needs PostgreSQL: set DATABASE_URL to a postgres:// address.")
    pool = {"min_size": env_int("DATABASE_POOL_MIN_SIZE", 1), "max_size": env_int("DATABASE_POOL_MAX_SIZE", 4)}
    if not 0 <= pool["min_size"] <= pool["max_size"] or pool["max_size"] < 1:
        raise ImproperlyConfigured("DATABASE_POOL_MAX_SIZE must be 1 or more and no less than DATABASE_POOL_MIN_SIZE.")
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = pool
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and one writer work at once; IMMEDIATE avoids lock upgrades failing mid-transaction.
    # Connections are kept as on PostgreSQL (conn_max_age above): a new one reads the schema and the pages afresh,
    # 7 to 10 ms of every request at the bench's full scale.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process keeps what is dear to work out and cheap to name (a diagram, figures for a minute). "summaries" holds
# many small entries named by their contents (one per logic model the plan health check has read), so it keeps
# more of them than the default's 300.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "summaries": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "summaries",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    # Figures kept under a project's data generation (projects/generations.py): a plan page's rendered body is the
    # largest, about 100 kB; most are a project's few figures (under 1 kB), two or three for each of thousands.
    "generations": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "generations",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    },
}
# Work out every figure found in that cache afresh and fail if they differ: on in the tests, which so find a write
# that changed a project's data without moving its generation on.
GENERATIONS_VERIFY = False

# Slow or outside work (email first) runs as tasks. The database backend keeps them in the database for
# `manage.py db_worker`; TASK_BACKEND=immediate runs each task inline when it is enqueued (no worker needed).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASK_BACKEND = os.environ.get("TASK_BACKEND", "database").strip().lower()
if TASK_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASK_BACKEND!r}")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASK_BACKEND]}}

# Webhooks reach only public addresses over HTTPS (mobilise/api/safeurl.py). A test's receiver on this machine
# needs loopback (127.0.0.1, ::1) and plain http to it: WEBHOOK_ALLOW_LOOPBACK, off by default, refused with DEBUG off.
WEBHOOK_ALLOW_LOOPBACK = env_bool("WEBHOOK_ALLOW_LOOPBACK", "false")
if WEBHOOK_ALLOW_LOOPBACK and not DEBUG:
    raise ImproperlyConfigured("WEBHOOK_ALLOW_LOOPBACK is for tests only: it must be off when DEBUG is off.")

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
# Failed sign-ins allowed per email address (and, times four, per client address) in the window.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)
OTP_TOTP_ISSUER = SITE_NAME
# Advisers and administrators set up an authenticator app at their first sign-in; false only for development.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", "true")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [
    ("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("cytoscape", BASE_DIR / "node_modules" / "cytoscape" / "dist"),
    ("swagger-ui", BASE_DIR / "node_modules" / "swagger-ui-dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG
# Look files up on request while developing, rather than index every file under STATICFILES_DIRS (about 1,600)
# when the middleware starts: tests start it afresh for each test client, and turn DEBUG off after this is read.
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", "false")
# The support service level: a first response within this many working days of the organisation's nation.
SUPPORT_FIRST_RESPONSE_DAYS = env_int("SUPPORT_FIRST_RESPONSE_DAYS", 2)
SUPPORT_NATION = os.environ.get("SUPPORT_NATION", "england")
if SUPPORT_NATION not in ("england", "wales", "scotland", "northern-ireland"):
    raise ImproperlyConfigured("SUPPORT_NATION must be england, wales, scotland or northern-ireland.")

# A person's details from a public journey (a support request...) are erased this many calendar months after it
# closed (core/retention.py; `manage.py erase_expired`, daily from cron).
RETENTION_MONTHS = env_int("RETENTION_MONTHS", 12)
if RETENTION_MONTHS < 1:
    raise ImproperlyConfigured("RETENTION_MONTHS must be 1 or more.")

# The REST API (mobilise/api): personal access tokens or the browser's session, JSON only (the browsable API's
# pages carry inline script, which the Content-Security-Policy refuses; /api/docs/ documents it instead), errors
# as RFC 9457 problems, a rate limit per token counted by core/ratelimit.py.
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 120)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mobilise.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "mobilise.api.permissions.TokenScope",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["mobilise.api.throttling.ClientThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "mobilise.api.problems.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} API",
    "DESCRIPTION": "Projects, logic models, stakeholders, indicators, interactions and actions, findings and "
    "outputs, impact claims, as the signed-in user or a personal access token sees them; indicator values pushed "
    "from a pipeline; the library's case studies (public); support and events (staff).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    # Several apps call their choices Status or Kind: each gets a lasting name, not one made from a hash.
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "mobilise.engagement.models.Status",
        "InteractionKindEnum": "mobilise.engagement.models.Kind",
        "OutputStatusEnum": "mobilise.outputs.models.Status",
        "OutputKindEnum": "mobilise.outputs.models.Kind",
        "ClaimKindEnum": "mobilise.evaluation.models.ClaimType",
        "EvidenceKindEnum": "mobilise.evaluation.models.EvidenceKind",
        "RequestStatusEnum": "mobilise.support.models.Status",
        "EventStatusEnum": "mobilise.events.models.EventStatus",
        "RegistrationStatusEnum": "mobilise.events.models.RegistrationStatus",
        "CaseStudyStatusEnum": "mobilise.library.models.Status",
        "StakeholderKindEnum": ["person", "organisation", "group"],
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mobilise.api.schema.add_problems",
        "mobilise.api.schema.add_links",
    ],
}

# Public forms posted sooner than this after they were shown come from scripts (the time trap of core/forms.py).
PUBLIC_FORM_MIN_SECONDS = 3

# The webinar programme (mobilise/events): how long a place offered from the waiting list is held, how long before
# the start registrants are emailed the joining link, and the reminders (hours before the start).
EVENTS_OFFER_HOURS = env_int("EVENTS_OFFER_HOURS", 48)
EVENTS_JOINING_LINK_HOURS = env_int("EVENTS_JOINING_LINK_HOURS", 2)
EVENTS_REMINDER_HOURS = [int(h) for h in env_list("EVENTS_REMINDER_HOURS", "168,24,1")]
if EVENTS_OFFER_HOURS < 1 or EVENTS_JOINING_LINK_HOURS < 0 or any(h < 1 for h in EVENTS_REMINDER_HOURS):
    raise ImproperlyConfigured("EVENTS_OFFER_HOURS and EVENTS_REMINDER_HOURS must be 1 or more.")
# The largest slides, recording or captions file staff may upload for an event; it has to fit in one request.
EVENTS_MATERIALS_MAX_MB = env_int("EVENTS_MATERIALS_MAX_MB", 20)
if not 1 <= EVENTS_MATERIALS_MAX_MB * 1024 * 1024 < MAX_REQUEST_BYTES:
    raise ImproperlyConfigured("EVENTS_MATERIALS_MAX_MB must be 1 or more and less than MAX_REQUEST_BYTES.")

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mobilise <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Administrator", a) for a in env_list("ADMINS")]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", "true")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", "true")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", "true")
    if TRUSTED_PROXIES:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
