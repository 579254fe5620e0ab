"""Content-Security-Policy on every response.

Data endpoints (the delivery API, HSDS, feeds) get the strictest policy:
they are never meant to run in a browser as pages. Everything else (the
admin, the public forms and pages) may load scripts, styles and fonts from
this site only, may not be framed by other sites, and may post forms only
here. Wagtail's admin still has inline scripts in some widgets (date
pickers, inline panels), so 'unsafe-inline' stays for scripts there; a
script from anywhere else is refused."""

from django.conf import settings

DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
PAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self' https:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
DATA_PATHS = ("/api/v1/", "/api/v2/", "/api/hsds/", "/feeds/")
# The browsable API docs run Swagger UI from our static files.
DOCS_PATHS = ("/api/v1/docs/",)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" in response:
            return response
        path = request.path
        data = path.startswith(DATA_PATHS) and not path.startswith(DOCS_PATHS)
        policy = DATA_POLICY if data else PAGE_POLICY
        extra = getattr(settings, "SAMVERKAN_CSP_EXTRA", "")
        response["Content-Security-Policy"] = f"{policy}; {extra}" if extra else policy
        return response
