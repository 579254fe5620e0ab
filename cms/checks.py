"""System checks of an installation (`manage.py check`, and every start of
runserver and migrate): the settings and URLs whose absence
would silently drop one of Samverkan's guarantees. Each message says what
to add and where; docs/operations/install.md explains the whole set-up, and
samverkan/settings.py and samverkan/urls.py hold the values these checks
expect.

- samverkan.E001: a Samverkan middleware is missing.
- samverkan.E002: two middlewares are in the wrong order.
- samverkan.E003: Wagtail's own users app instead of Samverkan's.
- samverkan.E004: a side door (an admin view narrowed to what the user may
  know) is shadowed by Wagtail's own view at its path.
- samverkan.E005: SAMVERKAN_TWO_FACTOR["REQUIRED_FOR"] has no meaning.
- samverkan.E006: WAGTAILADMIN_BASE_URL is unset (every link in a mail).
- samverkan.E007: documents linked straight to their storage (withheld
  minutes would be served to anyone).
- samverkan.W001: the login lockout counts another client address.
- samverkan.W002: Wagtail's own password reset form (an enumeration oracle).
- samverkan.W003 (--deploy): two-step login is required of nobody.
- samverkan.W004: a locked-out login stays locked for good.
- samverkan.W005 (--deploy): a cache of each process's own (or none).
"""

import contextlib
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

SETTINGS_MODULE = "samverkan.settings"

SECURITY = "django.middleware.security.SecurityMiddleware"
SESSION = "django.contrib.sessions.middleware.SessionMiddleware"
CSRF = "django.middleware.csrf.CsrfViewMiddleware"
AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"
OTP = "django_otp.middleware.OTPMiddleware"
AXES = "axes.middleware.AxesMiddleware"
REQUEST_LIMITS = "cms.http.request_limits.RequestSizeLimitMiddleware"
PARTNER_ACCESS = "delivery.access.middleware.PartnerAccessMiddleware"
CONTENT_SECURITY = "cms.http.content_security.ContentSecurityPolicyMiddleware"
CONTENT_LANGUAGE = "web.languages.ContentLanguageMiddleware"
PAGE_CACHE = "web.caching.PublicPageCacheMiddleware"
TWO_FACTOR = "cms.two_factor.middleware.TwoFactorMiddleware"
WRITE_TRANSACTION = "cms.http.middleware.WriteTransactionMiddleware"
PROTECTED_DELETION = "cms.http.middleware.ProtectedDeletionMiddleware"

USERS_APP = "cms.scoping.users_app.UsersConfig"
CLIENT_IP = "cms.http.client.client_ip"
PASSWORD_RESET_FORM = "cms.scoping.password_reset.QueuedPasswordResetForm"


@dataclass(frozen=True)
class Required:
    middleware: str
    app: str  # required when this app is installed
    where: str
    does: str


REQUIRED_MIDDLEWARE = [
    Required(
        REQUEST_LIMITS,
        "cms",
        f"right after '{SECURITY}'",
        "refuses an oversized request body (413) and a NUL byte in the "
        "address (400) before anything reads them",
    ),
    Required(
        PARTNER_ACCESS,
        "delivery",
        f"after '{REQUEST_LIMITS}'",
        "gives the partner endpoints (/api/v1/, /api/hsds/, /feeds/) their "
        "API keys, rate limits, CORS and usage counts",
    ),
    Required(
        CONTENT_SECURITY,
        "cms",
        f"after '{REQUEST_LIMITS}'",
        "sends the Content-Security-Policy of every response",
    ),
    Required(
        CONTENT_LANGUAGE,
        "web",
        f"before '{PAGE_CACHE}'",
        "chooses the public site's language by the path's /<lang>/ prefix",
    ),
    Required(
        PAGE_CACHE,
        "web",
        f"before '{SESSION}'",
        "serves public pages from the cache",
    ),
    Required(
        OTP,
        "cms",
        f"right after '{AUTH}'",
        "tells whether a signed-in user has given their second factor",
    ),
    Required(
        TWO_FACTOR,
        "cms",
        f"right after '{OTP}'",
        "holds back every page from a session that still owes its code, and "
        "enforces SAMVERKAN_TWO_FACTOR",
    ),
    Required(
        WRITE_TRANSACTION,
        "cms",
        f"after '{TWO_FACTOR}'",
        "runs every request that may write in one transaction, so a publish "
        "and its change-log row (changes feed, sync outbox) commit together",
    ),
    Required(
        PROTECTED_DELETION,
        "cms",
        f"after '{WRITE_TRANSACTION}'",
        "answers a deletion that PROTECT refuses with 409 or a message, not a 500",
    ),
]

# (earlier, later, why): each pair that must stay in this order.
MIDDLEWARE_ORDER = [
    (REQUEST_LIMITS, CSRF, "the size limit must act before the body is read"),
    (REQUEST_LIMITS, SESSION, "the size limit must act before the body is read"),
    (CONTENT_LANGUAGE, PAGE_CACHE, "the page cache's keys carry the language"),
    (
        CONTENT_SECURITY,
        PARTNER_ACCESS,
        "the partner middleware's own answers (304s, stored answers) carry "
        "the policy too",
    ),
    (
        CONTENT_LANGUAGE,
        PARTNER_ACCESS,
        "the partner middleware's refusals are in the site's language",
    ),
    (
        PAGE_CACHE,
        SESSION,
        "a cached page must be served without touching a session",
    ),
    (SESSION, TWO_FACTOR, "two-step login reads the session"),
    (AUTH, OTP, "OTPMiddleware needs request.user"),
    (OTP, TWO_FACTOR, "two-step login asks request.user.is_verified()"),
    (AUTH, AXES, "the lockout page follows the login"),
]

# Admin paths (below the admin's root) that Samverkan's side doors answer.
SIDE_DOORS = [
    "choose-page/",
    "choose-page/search/",
    "choose-page/chosen-multiple/",
    "choose-page/1/",
    "pages/1/copy/",
    "tag-autocomplete/",
    "tag-autocomplete/taggit/tag/",
    "pages/workflow/confirm_cancellation/1/",
]
LOCALIZE_SIDE_DOORS = [
    "localize/submit/page/1/",
    "localize/submit/snippet/app/model/1/",
    "localize/update/1/",
    "localize/api/snippets/app/model/",
    "localize/api/snippets/app/model/1/",
    "localize/page/1/convert_to_alias/",
    "localize/reports/translations/",
    "localize/reports/translations/results/",
]


def check_middleware(app_configs=None, **kwargs) -> list:
    middleware = list(settings.MIDDLEWARE)
    errors = []
    for required in REQUIRED_MIDDLEWARE:
        if apps.is_installed(required.app) and required.middleware not in middleware:
            errors.append(
                Error(
                    f"'{required.middleware}' is missing from MIDDLEWARE: "
                    f"without it nothing {required.does}.",
                    hint=(
                        f"Add '{required.middleware}' to MIDDLEWARE, "
                        f"{required.where} ({SETTINGS_MODULE}.MIDDLEWARE "
                        "lists all of them in order)."
                    ),
                    id="samverkan.E001",
                )
            )
    for earlier, later, why in MIDDLEWARE_ORDER:
        if (
            earlier in middleware
            and later in middleware
            and middleware.index(earlier) > middleware.index(later)
        ):
            errors.append(
                Error(
                    f"'{earlier}' comes after '{later}' in MIDDLEWARE: {why}.",
                    hint=(
                        f"Move '{earlier}' before '{later}' "
                        f"({SETTINGS_MODULE}.MIDDLEWARE has the order)."
                    ),
                    id="samverkan.E002",
                )
            )
    return errors


def check_users_app(app_configs=None, **kwargs) -> list:
    try:
        users = apps.get_app_config("wagtailusers")
    except LookupError:
        users = None
    return users_app_errors(users)


def users_app_errors(users) -> list:
    """What is wrong with `users`, the app config labelled wagtailusers."""
    from cms.scoping.users_app import UsersConfig

    if isinstance(users, UsersConfig):
        return []
    found = (
        f"'{users.name}' ({type(users).__module__}.{type(users).__name__})"
        if users
        else "no users app"
    )
    return [
        Error(
            f"INSTALLED_APPS has {found} where Samverkan's users app belongs: "
            "Wagtail's own lets anyone who may change users manage every "
            "region's users and groups.",
            hint=(
                f"Replace 'wagtail.users' with '{USERS_APP}' in "
                "INSTALLED_APPS, at the same place."
            ),
            id="samverkan.E003",
        )
    ]


def _answered_by_cms(path: str) -> bool | None:
    """Whether Samverkan answers `path` (None: nothing does)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    view = getattr(match.func, "view_class", match.func)
    return view.__module__.startswith("cms.")


def check_side_doors(app_configs=None, **kwargs) -> list:
    try:
        admin_root = reverse("wagtailadmin_home")
    except NoReverseMatch:
        return []  # no Wagtail admin routed: nothing to shadow
    paths = [admin_root + path for path in SIDE_DOORS]
    if apps.is_installed("wagtail_localize"):
        paths += [admin_root + path for path in LOCALIZE_SIDE_DOORS]
    with contextlib.suppress(NoReverseMatch):
        paths.append(reverse("wagtailcore_authenticate_with_password", args=(1, 1)))
    shadowed = [path for path in paths if _answered_by_cms(path) is False]
    if not shadowed:
        return []
    return [
        Error(
            "Wagtail's own views answer "
            + ", ".join(shadowed)
            + ": they show other organisations' pages and drafts that "
            "Samverkan's views at these paths hold back.",
            hint=(
                "Route Samverkan's URLs before Wagtail's: ROOT_URLCONF = "
                "'samverkan.urls', or put samverkan.urls.urlpatterns in "
                "front of Wagtail's admin and page URLs in your root URLconf."
            ),
            id="samverkan.E004",
        )
    ]


def check_security_settings(app_configs=None, **kwargs) -> list:
    from cms.conf import two_factor_setting
    from cms.two_factor.policy import REQUIRED_FOR_CHOICES

    messages = []
    required_for = two_factor_setting("REQUIRED_FOR")
    if required_for not in REQUIRED_FOR_CHOICES:
        messages.append(
            Error(
                f"SAMVERKAN_TWO_FACTOR['REQUIRED_FOR'] is {required_for!r}.",
                hint="Set it to one of " + ", ".join(REQUIRED_FOR_CHOICES) + ".",
                id="samverkan.E005",
            )
        )
    if not getattr(settings, "WAGTAILADMIN_BASE_URL", None):
        messages.append(
            Error(
                "WAGTAILADMIN_BASE_URL is not set: the links in Samverkan's "
                "e-mails (reviews, deadlines, suggestions, the newsletter) "
                "and feeds are built on it.",
                hint=(
                    "Set WAGTAILADMIN_BASE_URL to the site's address, e.g. "
                    "'https://samverkan.example.se'."
                ),
                id="samverkan.E006",
            )
        )
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        messages.append(
            Error(
                "WAGTAILDOCS_SERVE_METHOD is 'direct': document links lead "
                "straight to the storage, past Samverkan's check, so minutes "
                "not yet approved are served to anyone who has the link.",
                hint=(
                    "Set WAGTAILDOCS_SERVE_METHOD to 'serve_view' (or "
                    "'redirect' for a remote storage), or leave it unset."
                ),
                id="samverkan.E007",
            )
        )
    if (
        apps.is_installed("axes")
        and getattr(settings, "AXES_CLIENT_IP_CALLABLE", None) != CLIENT_IP
    ):
        messages.append(
            Warning(
                "The login lockout (django-axes) counts failed logins by "
                "another client address than the rest of Samverkan: behind "
                "a reverse proxy every visitor shares the proxy's address, "
                "or a forged X-Forwarded-For picks a new one.",
                hint=(
                    f"Set AXES_CLIENT_IP_CALLABLE = '{CLIENT_IP}' (and "
                    "SAMVERKAN_TRUSTED_PROXY_COUNT to your number of proxies)."
                ),
                id="samverkan.W001",
            )
        )
    if (
        apps.is_installed("axes")
        and getattr(settings, "AXES_COOLOFF_TIME", None) is None
    ):
        messages.append(
            Warning(
                "AXES_COOLOFF_TIME is not set: a user name locked out after "
                "failed logins stays locked from that address until someone "
                "resets it, and the lockout page cannot say for how long.",
                hint=(
                    "Set AXES_COOLOFF_TIME = datetime.timedelta(minutes=15) "
                    f"(as {SETTINGS_MODULE}.AXES_COOLOFF_TIME)."
                ),
                id="samverkan.W004",
            )
        )
    if (
        getattr(settings, "WAGTAILADMIN_USER_PASSWORD_RESET_FORM", None)
        != PASSWORD_RESET_FORM
    ):
        messages.append(
            Warning(
                "The admin's password reset sends its mail while the request "
                "waits: how long it takes tells whether an address has an "
                "account.",
                hint=(
                    "Set WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "
                    f"'{PASSWORD_RESET_FORM}'."
                ),
                id="samverkan.W002",
            )
        )
    return messages


def check_two_factor_deploy(app_configs=None, **kwargs) -> list:
    from cms.conf import two_factor_setting

    if two_factor_setting("REQUIRED_FOR") != "nobody":
        return []
    return [
        Warning(
            "Nobody has to use two-step login to the admin, not even the "
            "superusers and the regions' central administrators.",
            hint=(
                "Set SAMVERKAN_TWO_FACTOR = {'REQUIRED_FOR': 'central_admins'} "
                "(or 'everyone')."
            ),
            id="samverkan.W003",
        )
    ]


# Caches that each process keeps for itself, or none at all.
UNSHARED_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def check_shared_cache_deploy(app_configs=None, **kwargs) -> list:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in UNSHARED_CACHES:
        return []
    return [
        Warning(
            f"The default cache is {backend}: each process keeps its own (or "
            "none), so the rate limits count per process (or not at all) and "
            "a process that did not see a publish or an unpublish serves its "
            "cached API responses and pages until they expire.",
            hint=(
                "Use a cache that every web and worker process shares, e.g. "
                "Redis: CACHES = {'default': {'BACKEND': "
                "'django.core.cache.backends.redis.RedisCache', 'LOCATION': "
                "'redis://...'}}."
            ),
            id="samverkan.W005",
        )
    ]


def register_checks() -> None:
    register(check_middleware, Tags.security)
    register(check_users_app, Tags.security)
    register(check_side_doors, Tags.security, Tags.urls)
    register(check_security_settings, Tags.security)
    register(check_two_factor_deploy, Tags.security, deploy=True)
    register(check_shared_cache_deploy, Tags.security, Tags.caches, deploy=True)
