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


# Link targets a page may carry: http(s), mailto, tel, or a relative address.
SAFE_LINK_SCHEMES = ("http:", "https:", "mailto:", "tel:")
HOSTILE_LINKS = [
    "javascript:alert(11)",
    " JaVaScRiPt:alert(12)",
    "java\tscript:alert(13)",
    "\x01javascript:alert(14)",
    "data:text/html,<script>alert(15)</script>",
    "vbscript:msgbox(16)",
]


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def link_is_safe(value: str) -> bool:
    """As a browser reads an href: control characters and spaces around it
    dropped, tabs and newlines inside it removed."""
    url = "".join(ch for ch in value if ch not in "\t\n\r").strip("\x00- ").lower()
    if ":" not in url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return True  # relative
    return url.startswith(SAFE_LINK_SCHEMES)


def browser_executable_parts(html: str, *, document: bool = False) -> list[str]:
    """What a browser could run in `html`, parsed by html5lib as a browser
    parses it (a whole page with `document=True`, else a fragment)."""
    import html5lib

    parse = html5lib.parse if document else html5lib.parseFragment
    tree = parse(html, treebuilder="etree", namespaceHTMLElements=False)
    problems = []
    head = {id(el) for el in tree.iter() if _local(el.tag) == "head"}
    in_head = set()
    for el in tree.iter():
        if id(el) in head:
            in_head |= {id(child) for child in el.iter()}
    for el in tree.iter():
        tag = _local(el.tag)
        if tag in {"style", "meta", "link"} and id(el) in in_head:
            pass  # the page's own head (attributes still checked below)
        elif tag == "script" and el.get("type") == "application/ld+json":
            pass  # data, checked as JSON
        elif tag in DANGEROUS_TAGS:
            problems.append(f"<{tag}>")
        for name, value in el.attrib.items():
            name = _local(name)
            if name.startswith("on"):
                problems.append(f"{tag} {name}=")
            if name == "style" and "url(" in value.lower():
                problems.append(f"{tag} style={value}")
            if name in URL_ATTRIBUTES - {"style"} and not link_is_safe(value):
                problems.append(f"{tag} {name}={value!r}")
    return problems
