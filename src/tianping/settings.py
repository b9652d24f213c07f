"""The one settings module of Tianping, driven by ``TIANPING_*`` environment variables.

Every secret can also be read from a file named by ``<NAME>_FILE`` (Docker/Kubernetes
secrets). Defaults are those of a single court on a laptop: SQLite and a SQLite job
queue under ``var/``; production points the URLs at PostgreSQL, Redis and S3.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    """Value of ``TIANPING_<name>``, or the contents of the file named by ``TIANPING_<name>_FILE``."""
    key = f"TIANPING_{name}"
    file_path = os.environ.get(f"{key}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(key, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name, "1" if default else "0").strip().lower()
    return value in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VAR_DIR = Path(env("VAR_DIR", str(PROJECT_DIR / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The configured key, or one generated once per installation and kept under var/."""
    configured = env("SECRET_KEY")
    if configured:
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
HTTPS = env_bool("HTTPS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "tianping.core.apps.TianpingStaticFilesConfig",  # django.contrib.staticfiles, minus unused ECharts files
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "huey.contrib.djhuey",
    "ninja",
    "tianping.core",
    "tianping.courts",
    "tianping.accounts",
    "tianping.cases",
    "tianping.dossier",
    "tianping.notify",
    "tianping.filing",
    "tianping.appointments",
    "tianping.payments",
    "tianping.delivery",
    "tianping.portal",
    "tianping.hearings",
    "tianping.judgments",
    "tianping.publicity",
    "tianping.search",
    "tianping.credit",
    "tianping.supervision",
    "tianping.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tianping.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tianping.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tianping.accounts.middleware.StaffSecondFactorMiddleware",
    "tianping.core.middleware.RequestContextMiddleware",
    "tianping.core.middleware.ApiErrorShapeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tianping.urls"
WSGI_APPLICATION = "tianping.wsgi.application"
ASGI_APPLICATION = "tianping.asgi.application"

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
                "tianping.core.context_processors.navigation_items",
                "tianping.accounts.context_processors.current_grant",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------
SQLITE_PATH = VAR_DIR / "tianping.sqlite3"


def _database() -> dict[str, Any]:
    url = env("DATABASE_URL")
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config.update(_sqlite_options(Path(config["NAME"])))
        return config
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(SQLITE_PATH), **_sqlite_options(SQLITE_PATH)}


def _sqlite_options(path: Path) -> dict[str, Any]:
    # WAL lets readers work during a write; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on busy_timeout instead of failing with "database is locked" mid-way.
    return {
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
            ),
        },
        # Beside the database it tests, so test runs against different databases never collide.
        "TEST": {"NAME": str(path.with_name(f"test_{path.name}"))},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, jobs, files --------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tianping"}}

HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE")
if REDIS_URL:
    HUEY: dict[str, Any] = {
        "huey_class": "huey.RedisHuey",
        "name": "tianping",
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "tianping",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
    }

MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
STATICFILES_DIRS = [
    ("vendor/echarts", PROJECT_DIR / "node_modules" / "echarts" / "dist"),
]
S3_BUCKET = env("S3_BUCKET")
STORAGES: dict[str, Any] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            "access_key": env("S3_ACCESS_KEY") or None,
            "secret_key": env("S3_SECRET_KEY") or None,
            "region_name": env("S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }

# Electronic dossier: the largest single upload accepted, in MiB.
DOSSIER_MAX_UPLOAD_MB = int(env("DOSSIER_MAX_UPLOAD_MB", "50"))

# --- Accounts and security -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA")
OTP_TOTP_ISSUER = "Tianping 天平"

AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tianping.accounts.views.locked_out"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = False
SECURE_SSL_REDIRECT = HTTPS and env_bool("SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
API_TOKEN_TTL_HOURS = int(env("API_TOKEN_TTL_HOURS", "12"))
# Client address for audit records: trust X-Forwarded-For only behind a known proxy.
TRUST_FORWARDED_FOR = env_bool("BEHIND_PROXY")

# --- Language and time ----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Logging ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# --- Rate limits on public endpoints (per client address) ------------------------------
RATE_LIMITS = {
    "login": env("RATE_LOGIN", "30/m"),
    "api_token": env("RATE_API_TOKEN", "30/m"),
    "register": env("RATE_REGISTER", "10/h"),
    "fee_quote": env("RATE_FEE_QUOTE", "60/m"),
    "voice": env("RATE_VOICE", "60/m"),  # 12368 webhook events per caller number
    "dossier_copy": env("RATE_DOSSIER_COPY", "30/m"),  # watermarked dossier copies per reader
    # public enforcement queries (执行信息公开): per client IP per minute and per day, and per queried
    # ID number / credit code and per queried name from all clients together (docs/openness.md)
    "enforcement_query": env("RATE_ENFORCEMENT_QUERY", "20/m"),
    "enforcement_query_day": env("RATE_ENFORCEMENT_QUERY_DAY", "300/d"),
    "enforcement_subject": env("RATE_ENFORCEMENT_SUBJECT", "60/h"),  # one ID number / credit code
    "enforcement_name": env("RATE_ENFORCEMENT_NAME", "600/h"),  # one name (common names are shared)
}
IDENTITY_VERIFIER = env("IDENTITY_VERIFIER", "tianping.accounts.identity.LocalIdentityVerifier")

# --- Payments: provider, callback signing secret, payment deadline ---------------------
PAYMENT_PROVIDER = env("PAYMENT_PROVIDER", "tianping.payments.providers.LocalPaymentProvider")
# HMAC key of provider callbacks; defaults to one derived from SECRET_KEY (see docs/payments.md)
PAYMENT_CALLBACK_SECRET = env("PAYMENT_CALLBACK_SECRET")
PAYMENT_DUE_DAYS = int(env("PAYMENT_DUE_DAYS", "7"))

# --- Online hearings: video platform (Jitsi-compatible by default, see docs/configuration.md) --
VIDEO_PROVIDER = env("VIDEO_PROVIDER", "tianping.hearings.video.JitsiProvider")
JITSI_URL = env("JITSI_URL", "https://meet.court.example")
JITSI_APP_ID = env("JITSI_APP_ID", "tianping")
# HS256 key of the Jitsi JWTs; defaults to one derived from SECRET_KEY
JITSI_SECRET = env("JITSI_SECRET")

# --- Notifications: SMS gateway and e-mail ---------------------------------------------
SMS_GATEWAY = env("SMS_GATEWAY", "tianping.notify.channels.LocalOutboxSmsGateway")
SMPP = {
    "host": env("SMPP_HOST"),
    "port": int(env("SMPP_PORT", "2775")),
    "system_id": env("SMPP_SYSTEM_ID"),
    "password": env("SMPP_PASSWORD"),
    "source_addr": env("SMPP_SOURCE_ADDR"),
}
SMS_DAILY_LIMIT = int(env("SMS_DAILY_LIMIT", "10"))
EMAIL_DAILY_LIMIT = int(env("EMAIL_DAILY_LIMIT", "20"))
FAX_DAILY_LIMIT = int(env("FAX_DAILY_LIMIT", "10"))
FAX_GATEWAY = env("FAX_GATEWAY", "tianping.notify.channels.LocalFaxGateway")
# --- 12368 voice menu: the telephony platform signs each webhook body (HMAC-SHA256) -----
VOICE_WEBHOOK_SECRET = env("VOICE_WEBHOOK_SECRET")
VOICE_OPERATOR = env("VOICE_OPERATOR", "operator")  # where "0" transfers the call in staff hours
VOICE_COURT_CODE = env("VOICE_COURT_CODE")  # the court a complaint goes to when no case is identified
TTS_COMMAND = env("TTS_COMMAND", "espeak-ng -v cmn")  # empty: no synthesis, the platform speaks ``say``
SMTP_HOST = env("SMTP_HOST")
if SMTP_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = SMTP_HOST
    EMAIL_PORT = int(env("SMTP_PORT", "587"))
    EMAIL_HOST_USER = env("SMTP_USER")
    EMAIL_HOST_PASSWORD = env("SMTP_PASSWORD")
    EMAIL_USE_TLS = env_bool("SMTP_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env("EMAIL_FROM", "tianping@localhost")
