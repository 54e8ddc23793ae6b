"""Settings for every environment, read from the environment.

MADOGUCHI_MODE says which environment this is; nothing is implied from a missing setting:
- ``demo``: the local demo (`make run`, `make demo`): DEBUG on, the published development key, SQLite in
  ``var/``, the mail outbox viewer at /outbox/, served to 127.0.0.1 only;
- ``test``: the test suite (config/settings_test.py sets it) and the benchmarks: DEBUG off, development key;
- ``production`` (the default, also when unset): DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL
  are required (without them every start refuses, naming what is missing), everything else has a safe
  default or derives from them, and ``madoguchi check --deploy`` reports no issue.

| variable | demo and test | production | meaning |
|---|---|---|---|
| MADOGUCHI_MODE | demo / test | production (unset) | the run mode above |
| DJANGO_SECRET_KEY | a published development key | **required** | signatures, sessions, OIDC key encryption |
| DJANGO_ALLOWED_HOSTS | localhost,127.0.0.1,[::1] (test: also testserver) | **required** | comma list of public host names; the first gives the site URL |
| DATABASE_URL | sqlite:///<var>/madoguchi.sqlite3 | **required** | the database (PostgreSQL in production and CI) |
| DATABASE_CONN_MAX_AGE | 0 | 0 | seconds a database connection is kept |
| DATABASE_TEST_TEMPLATE | template0 | template0 | PostgreSQL template of test databases (UTF-8) |
| MADOGUCHI_SITE_URL | http://127.0.0.1:8000 (test: http://testserver) | https://<first allowed host> | public base URL: links in e-mails, the demo relying party |
| MADOGUCHI_VAR_DIR | ./var | ./var | embedded database, uploads, demo files, the file outbox |
| DJANGO_CSRF_TRUSTED_ORIGINS | empty | empty | comma list of extra origins allowed to POST |
| MADOGUCHI_HSTS_SECONDS | 0 (plain HTTP) | 31536000 | Strict-Transport-Security max-age (with subdomains and preload) |
| CACHE_URL | empty: per-process memory | same | a Redis URL (redis://host:6379/0) shared by every worker: login-failure counters |
| MADOGUCHI_RATE_LIMIT_LOGIN | 30/m/ip | 30/m/ip | allauth's login rate limit |
| MADOGUCHI_OIDC_ISSUER | empty: <base>/oauth/ of the request | <SITE_URL>/oauth/ | the OpenID Connect issuer |
| EMAIL_BACKEND | the file backend into <var>/outbox | SMTP | Django e-mail backend |
| EMAIL_HOST, EMAIL_PORT | — | localhost, 25 | SMTP server |
| EMAIL_HOST_USER, EMAIL_HOST_PASSWORD | — | empty | SMTP login |
| EMAIL_USE_TLS | — | off | STARTTLS to the SMTP server |
| DEFAULT_FROM_EMAIL | 窓口 Madoguchi <noreply@madoguchi.example> | 窓口 Madoguchi <noreply@<site host>> | sender of every e-mail |
| CELERY_BROKER_URL | empty | empty | RabbitMQ (amqp://) or Redis; empty: background work runs in-process after each commit |
| CELERY_TASK_DEFAULT_QUEUE | madoguchi | madoguchi | the broker queue (several sites may share a broker) |
| LOG_LEVEL | WARNING | WARNING | root log level |
| MADOGUCHI_S3_BUCKET | empty | empty | files in this S3-compatible bucket (`private/`, `public/`) instead of `<var>/private` and `<var>/media` (config/storages.py) |
| MADOGUCHI_S3_ENDPOINT_URL | empty (AWS) | same | the object store's endpoint for S3-compatible services |
| MADOGUCHI_S3_REGION | empty | same | the bucket's region |
| MADOGUCHI_PDF_FONT | empty: the bundled Noto Sans CJK JP Regular | same | font file (OTF/TTF/TTC) of every PDF; must cover Japanese |
| MADOGUCHI_PDF_FONT_BOLD | empty: the bundled Bold, or MADOGUCHI_PDF_FONT when that is set | same | its bold weight |
| MADOGUCHI_IMPORT_BATCH_ROWS | 50,000 (PostgreSQL), 20,000 (SQLite) | same | registry import: rows per transaction |
| MADOGUCHI_IMPORT_BULK_MIN_BYTES | 32 MiB | same | registry import: files this large load in bulk into an empty registry |

Declared here, not read from the environment: SITE_URL, MADOGUCHI_OUTBOX_VIEWER (demo only),
CONTENT_SECURITY_POLICY, the HTTPS settings (production), GRANTS_API_CACHE, GRANTS_MAX_DOCUMENT_BYTES,
REGISTRY_WEBAPI_PAGE_SIZE. DJANGO_DEBUG is not read: DEBUG is on in demo mode and nowhere else.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from madoguchi.config.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    mode,
    refuse,
    require_production_settings,
    site_url_from,
)
from madoguchi.config.storages import file_storages

MADOGUCHI_MODE = mode()
DEMO = MADOGUCHI_MODE == "demo"
PRODUCTION = MADOGUCHI_MODE == "production"
if PRODUCTION:
    require_production_settings()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("MADOGUCHI_VAR_DIR", str(Path.cwd() / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEVELOPMENT_KEY = "django-insecure-madoguchi-development-only-key-change-me-0123456789"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "") or DEVELOPMENT_KEY
if PRODUCTION and SECRET_KEY == DEVELOPMENT_KEY:
    refuse(
        "DJANGO_SECRET_KEY",
        "公開されている開発用の鍵です。本番では新しいランダムな鍵を指定してください。",
        "this is the published development key; production needs a new random key.",
    )
# DEBUG (tracebacks with the environment, the mail outbox) only when the mode says so.
DEBUG = DEMO
_local_hosts = ["localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS",
    [] if PRODUCTION else _local_hosts + ([] if DEMO else ["testserver"]),
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# The public base URL (scheme, host, port; no trailing slash): links in e-mails and the demo relying
# party's endpoints are built from it, never from a request's Host header.
SITE_URL = (
    site_url_from(env_str("MADOGUCHI_SITE_URL", "").strip(), ALLOWED_HOSTS)
    if PRODUCTION
    else env_str(
        "MADOGUCHI_SITE_URL", "http://127.0.0.1:8000" if DEMO else "http://testserver"
    ).rstrip("/")
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",  # Content-Security-Policy (django-csp): its checks and the nonce template tag
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
    "madoguchi.identity.oidc.csp.ContentSecurityPolicyMiddleware",  # CONTENT_SECURITY_POLICY below
    "django.contrib.sessions.middleware.SessionMiddleware",
    "madoguchi.portal.middleware.JapaneseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # portal.edge: input no view could take is a Japanese 400 here, in the shape of the API it was for
    "madoguchi.portal.edge.middleware.EdgeGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "madoguchi.identity.middleware.MfaRequiredMiddleware",
    "madoguchi.identity.middleware.StaffAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if DEMO:  # the demo, with its published logins and DEBUG, answers this machine only
    MIDDLEWARE.insert(0, "madoguchi.core.middleware.LocalDemoOnlyMiddleware")

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
# Files (core.files, config/storages.py): "private" for every applicant's or official's file, served
# only by permission-checked views; "default" for published documents. Nothing is served under MEDIA_URL.
STORAGES = file_storages(VAR_DIR)
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
# A code e-mailed to the address logs in without the password (then MFA, as after a password): the
# owner's way in while password attempts for the address are throttled (docs/login-throttling.md).
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# The cache holds the login throttle's counters (identity.throttle) and allauth's rate limits: with
# several app-server processes it must be shared (Redis, CACHE_URL), or each process counts on its own.
_cache_url = env_str("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Password failures are throttled with growing delays by identity.throttle (AccountAdapter.
# pre_authenticate), not by allauth's "login_failed", which a stranger could use to lock an address out;
# "login_failed" now guards only second-factor codes (key: the user, so only someone past the password
# can spend it). "login" caps every login POST per IP; the bench raises it (one IP sends everything).
ACCOUNT_RATE_LIMITS = {
    "login": env_str("MADOGUCHI_RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": "20/m/ip,3/m/key,10/h/key",
    "request_login_code": "20/m/ip,3/m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION  # passkeys on http://127.0.0.1 and testserver
MFA_TOTP_ISSUER = "窓口 Madoguchi"
USERSESSIONS_TRACK_ACTIVITY = True
# /outbox/ shows the e-mails the file backend wrote (reset links included): the local demo only.
MADOGUCHI_OUTBOX_VIEWER = DEMO

# --- identity: OpenID Connect provider (identity/oidc; gBizID's rules, docs/architecture.md) ---
OAUTH2_PROVIDER_APPLICATION_MODEL = "oidc.RelyingParty"
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OAUTH2_VALIDATOR_CLASS": "madoguchi.identity.oidc.validators.MadoguchiOAuth2Validator",
    "SCOPES_BACKEND_CLASS": "madoguchi.identity.oidc.scopes.RelyingPartyScopes",
    "SCOPES": {},  # the scopes backend lists them (identity/oidc/claims.py)
    "DEFAULT_SCOPES": [],
    # Production: <SITE_URL>/oauth/, never the request's Host; demo and test: the request's base (the
    # test servers listen on random ports).
    "OIDC_ISS_ENDPOINT": env_str(
        "MADOGUCHI_OIDC_ISSUER", f"{SITE_URL}/oauth/" if PRODUCTION else ""
    ),
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 300,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    "ID_TOKEN_EXPIRE_SECONDS": 3600,
    "REFRESH_TOKEN_EXPIRE_SECONDS": 30 * 24 * 3600,
    "ROTATE_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    # PKCE (S256 only) is required of public clients (validators.MadoguchiOAuth2Validator).
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    # Discovery advertises these; "none" is a public client with PKCE.
    "OIDC_TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED": [
        "client_secret_basic",
        "client_secret_post",
        "none",
    ],
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    # Logging out of Madoguchi ends the session; grants (offline_access) stay until withdrawn.
    "OIDC_RP_INITIATED_LOGOUT_DELETE_TOKENS": False,
    "REQUEST_APPROVAL_PROMPT": "force",
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    # RFC 9700: access tokens only in the header or form body (never the query string), `iss` in
    # the authorization response (RFC 9207), https redirect URIs in production (plain http for the
    # demo relying party and tests on 127.0.0.1 only). `check --deploy` verifies all three.
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": PRODUCTION,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if PRODUCTION else ["http", "https"],
    # Client secrets (random, 32+ characters) as salted SHA-256, not Argon2id (oidc/hashers.py).
    "CLIENT_SECRET_HASHER": "oidc_sha256",
}
PASSWORD_HASHERS.append("madoguchi.identity.oidc.hashers.ClientSecretHasher")

# E-mail: written to var/outbox in the demo (read at /outbox/), sent over SMTP in production. Every
# e-mail is a core.Email row made in the transaction of the change it reports, sent by a task after
# the commit and marked sent once (core/mail.py).
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "outbox"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 30
_mail_host = urlsplit(SITE_URL).hostname if PRODUCTION else "madoguchi.example"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"窓口 Madoguchi <noreply@{_mail_host}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
# Without a broker every task runs in-process, at once, in the caller (after its commit, see
# core.tasks.enqueue_on_commit); with one, a worker (`celery -A madoguchi.config worker`) runs them.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    # Eager tasks never touch a broker; name the in-memory one so kombu does not look for an AMQP host.
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "madoguchi")
# A task is acknowledged when it has finished, and given back to the broker when its worker dies, so
# a killed worker loses nothing; tasks are written to run twice safely (CONVENTIONS rule 4).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
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
# The registry import: rows per transaction (by database) and the file size that loads in bulk.
REGISTRY_IMPORT_BATCH_ROWS = env_int("MADOGUCHI_IMPORT_BATCH_ROWS", 0)  # 0: 50,000 / 20,000
REGISTRY_IMPORT_BULK_MIN_BYTES = env_int("MADOGUCHI_IMPORT_BULK_MIN_BYTES", 32 << 20)

# Subsidies: the jGrants list answers are cached (benchmarks turn it off); the largest document.
GRANTS_API_CACHE = True
GRANTS_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# --- security headers (every mode) and HTTPS (production, behind a proxy that sets X-Forwarded-Proto) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # reset and invitation links never leave in a Referer
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION
# The proxy in front must set (overwrite) X-Forwarded-Proto; README "Production settings".
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = env_int("MADOGUCHI_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = PRODUCTION

# Content-Security-Policy (django-csp; docs/decisions/0008-content-security-policy.md): every script,
# style, font and image comes from our own static files; no inline script, style attribute or eval.
# QR codes for authenticator apps are data: images. Forms post to this site; on the sign-in pages
# the registered relying parties' redirect origins are added (identity/oidc/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "upgrade-insecure-requests": PRODUCTION,
    }
}
