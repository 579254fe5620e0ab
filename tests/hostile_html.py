"""The stored-XSS corpus and the check that nothing executable is left in
HTML, shared by the tests of every way in (API, admin, import)."""

from html.parser import HTMLParser

CORPUS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(2)">',
    '<a href="javascript:alert(3)">klick</a>',
    '<a href=" JaVaScRiPt:alert(4)">klick</a>',
    '<svg onload="alert(5)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p onclick="alert(6)" style="background:url(javascript:alert(7))">text</p>',
    "<scr<script>ipt>alert(8)</script>",
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(9)">',
    '<form action="https://evil.example/"><input name="x"></form>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=">d</a>',
    "<p>Oavslutad <b>fetstil",
]
EVIL = "<p>Bra innehåll.</p>" + "".join(CORPUS)
# What must not appear in a document that is itself markup (RSS, Atom, HTML):
# escaped text is fine, these as markup are not.
MARKUP_MARKERS = ("<script", "onerror=", "onload=", "javascript:", "<iframe")
DANGEROUS_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "input",
    "base",
    "link",
    "meta",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "style"}


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            lowered = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and (
                "javascript:" in lowered or lowered.startswith(("data:", "vbscript:"))
            ):
                self.problems.append(f"{tag} {name}={value}")


def executable_parts(html: str) -> list[str]:
    """What a browser could run if `html` were put into a page as HTML."""
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems
