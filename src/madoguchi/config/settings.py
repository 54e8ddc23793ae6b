"""Settings for every environment, read from the environment.

| variable | default | meaning |
|---|---|---|
| DATABASE_URL | sqlite:///<var>/madoguchi.sqlite3 | the database (PostgreSQL in production and CI) |
| MADOGUCHI_VAR_DIR | ./var | where the embedded database, uploads and the mail outbox live |
| DJANGO_SECRET_KEY | a development key | must be set in production |
| DJANGO_DEBUG | 1 when no secret key is set | debug pages |
| DJANGO_ALLOWED_HOSTS | localhost,127.0.0.1,[::1],testserver | comma list |
| CELERY_BROKER_URL | empty | background work runs in-process when empty |
| CACHE_URL | empty | a Redis URL (redis://host:6379/0) shared by every worker; empty: per-process memory |
| MADOGUCHI_SITE_URL | http://127.0.0.1:8000 | the public base URL used in e-mails and by the demo relying party |
| MADOGUCHI_PDF_FONT | empty: the bundled Noto Sans CJK JP Regular | font file (OTF/TTF/TTC) of every PDF; must cover Japanese |
| MADOGUCHI_PDF_FONT_BOLD | empty: the bundled Bold, or MADOGUCHI_PDF_FONT when that is set | its bold weight |
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from madoguchi.config.env import env_bool, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("MADOGUCHI_VAR_DIR", str(Path.cwd() / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

_secret = env_str("DJANGO_SECRET_KEY", "")
SECRET_KEY = _secret or "django-insecure-madoguchi-development-only-key-change-me-0123456789"
DEBUG = env_bool("DJANGO_DEBUG", default=not _secret)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# The public base URL (scheme, host, port; no trailing slash): links in e-mails and the demo relying
# party's endpoints are built from it, never from a request's Host header.
SITE_URL = env_str("MADOGUCHI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the interactive API docs' JavaScript from our static files, not a CDN
    "madoguchi.core",
    "madoguchi.portal",
    "madoguchi.registry",
    "madoguchi.identity",
    "madoguchi.grants",
    "madoguchi.forms",
    "madoguchi.grants.applications",  # applications: the subsidy application lifecycle
    "madoguchi.grants.review",  # grant_review: reviewers, scores, decisions, notices, overview
    # identity: allauth after madoguchi.identity, so that identity's templates override allauth's
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # identity: the OpenID Connect provider (django-oauth-toolkit with our RelyingParty model)
    "oauth2_provider",
    "madoguchi.identity.oidc",
]

AUTH_USER_MODEL = "identity.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "madoguchi.portal.middleware.RejectNulMiddleware",
    "madoguchi.portal.middleware.JapaneseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "madoguchi.identity.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "madoguchi.config.urls"
WSGI_APPLICATION = "madoguchi.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "madoguchi.portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'madoguchi.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Test databases are made from template0 (or a named template) in UTF-8, so that pg_trgm indexes
    # Japanese; the cluster's default locale must be C.UTF-8 or another UTF-8 locale (see README).
    DATABASES["default"]["TEST"] = {
        "CHARSET": "UTF8",
        "TEMPLATE": env_str("DATABASE_TEST_TEMPLATE", "template0"),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/identity/"

# --- identity (allauth: e-mail login, verification, MFA, sessions; docs/architecture.md) ---
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id with OWASP's parameters (identity.hashers); PBKDF2 stays to read older hashes.
PASSWORD_HASHERS = [
    "madoguchi.identity.hashers.OwaspArgon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS.append(
    {"NAME": "madoguchi.identity.password_validation.BreachedPasswordValidator"}
)
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "madoguchi.identity.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "madoguchi.identity.forms.EntrySignupForm"
ACCOUNT_FORMS = {"login": "madoguchi.identity.login_form.MadoguchiLoginForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[窓口] "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
# The cache holds allauth's login-failure counters: with several app-server processes it must be shared
# (Redis, CACHE_URL), or each process counts on its own.
_cache_url = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Failures slow down, then lock (per e-mail address typed, known or not, and per IP); see
# docs/architecture.md (identity). The bench raises "login" because every request comes from one IP.
ACCOUNT_RATE_LIMITS = {
    "login": env_str("MADOGUCHI_RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": "20/m/ip,3/m/key,10/h/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "窓口 Madoguchi"
USERSESSIONS_TRACK_ACTIVITY = True
MADOGUCHI_OUTBOX_VIEWER = env_bool("MADOGUCHI_OUTBOX_VIEWER", default=False)

# --- identity: OpenID Connect provider (identity/oidc; gBizID's rules, docs/architecture.md) ---
OAUTH2_PROVIDER_APPLICATION_MODEL = "oidc.RelyingParty"
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OAUTH2_VALIDATOR_CLASS": "madoguchi.identity.oidc.validators.MadoguchiOAuth2Validator",
    "SCOPES_BACKEND_CLASS": "madoguchi.identity.oidc.scopes.RelyingPartyScopes",
    "SCOPES": {},  # the scopes backend lists them (identity/oidc/claims.py)
    "DEFAULT_SCOPES": [],
    "OIDC_ISS_ENDPOINT": env_str(
        "MADOGUCHI_OIDC_ISSUER", ""
    ),  # empty: <base>/oauth/ of the request
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 300,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    "ID_TOKEN_EXPIRE_SECONDS": 3600,
    "REFRESH_TOKEN_EXPIRE_SECONDS": 30 * 24 * 3600,
    "ROTATE_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    # PKCE (S256 only) is required of public clients (validators.MadoguchiOAuth2Validator).
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OIDC_TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED": ["client_secret_basic", "none"],
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    # Logging out of Madoguchi ends the session; grants (offline_access) stay until withdrawn.
    "OIDC_RP_INITIATED_LOGOUT_DELETE_TOKENS": False,
    "REQUEST_APPROVAL_PROMPT": "force",
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    # Client secrets (random, 32+ characters) as salted SHA-256, not Argon2id (oidc/hashers.py).
    "CLIENT_SECRET_HASHER": "oidc_sha256",
}
PASSWORD_HASHERS.append("madoguchi.identity.oidc.hashers.ClientSecretHasher")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "outbox"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "窓口 Madoguchi <noreply@madoguchi.example>")

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
# Without a broker every task runs in-process, at once, in the caller (after its commit, see
# core.tasks.enqueue_on_commit); with one, a worker (`celery -A madoguchi.config worker`) runs them.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    # Eager tasks never touch a broker; name the in-memory one so kombu does not look for an AMQP host.
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# PDFs (core.pdf): the font files they are written in; empty means the Noto Sans CJK JP files of the
# noto-cjk-sans-jp-* dependencies. A font without Japanese fails the system check core.E001.
PDF_FONT = env_str("MADOGUCHI_PDF_FONT", "")
PDF_FONT_BOLD = env_str("MADOGUCHI_PDF_FONT_BOLD", "")

# The registry: the NTA Web-API v4 pages at most this many records (the original's limit).
REGISTRY_WEBAPI_PAGE_SIZE = 2000
