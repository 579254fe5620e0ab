"""Content-Security-Policy on every response.

Data endpoints (the delivery API, HSDS, feeds) get the strictest policy:
they are never meant to run in a browser as pages. Everything else (the
admin, the public forms and pages) may load scripts, styles and fonts from
this site only, may not be framed by other sites, and may post forms only
here. Wagtail's admin still has inline scripts in some widgets (date
pickers, inline panels), so 'unsafe-inline' stays for scripts there; a
script from anywhere else is refused."""

from cms.conf import cms_setting

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
        extra = cms_setting("SAMVERKAN_CSP_EXTRA")
        response["Content-Security-Policy"] = csp_merge(policy, extra)
        return response


def _directives(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        if part.strip():
            name, *sources = part.split()
            directives.setdefault(name.lower(), []).extend(sources)
    return directives


def csp_merge(policy: str, extra: str) -> str:
    """`policy` with the sources of `extra` added to its directives (a
    directive given twice is ignored by browsers after the first): e.g.
    "img-src https://tiles.example" extends img-src; a directive the policy
    lacks is added; 'none' gives way to the added sources."""
    if not extra or not extra.strip():
        return policy
    merged = _directives(policy)
    for name, sources in _directives(extra).items():
        current = [s for s in merged.get(name, []) if s != "'none'"]
        merged[name] = current + [s for s in sources if s not in current]
    return "; ".join(" ".join([name, *sources]) for name, sources in merged.items())
