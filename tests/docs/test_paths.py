"""Every repository path and Python module the manuals name in backticks is
there: `cms/content/completeness.py`, `tests/web/`, `sync/conf.py`,
`cms.changes.version`, `web.caching.PublicPageCacheMiddleware`,
`tests/x.py::test_y` (README.md, SECURITY.md and docs/). A module moved
without its manual fails here, named by file and line; `make docs` checks
the links between the pages."""

import ast
import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANUALS = [ROOT / "README.md", ROOT / "SECURITY.md", *sorted(ROOT.glob("docs/**/*.md"))]
# Top-level folders and files of the repository a manual may point into
# (var/ and .venv/ are made at run time, not kept in git).
TOP = (
    "benchmarks",
    "cms",
    "config",
    "delivery",
    "demo",
    "docker",
    "docs",
    "newsletter",
    "samverkan",
    "scripts",
    "security",
    "sync",
    "tests",
    "web",
)
TOP_FILES = {
    "Makefile",
    "README.md",
    "SECURITY.md",
    "manage.py",
    "mkdocs.yml",
    "pyproject.toml",
    "requirements.lock",
    "requirements-bench.lock",
    "requirements-runtime.lock",
    "Procfile.demo",
}
PACKAGES = (
    "cms",
    "config",
    "delivery",
    "demo",
    "newsletter",
    "samverkan",
    "sync",
    "web",
)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
SPAN = re.compile(r"`([^`\n]+)`")
# A placeholder or a pattern, not a path: <id>, FILE, *, {a,b}, …
NOT_A_PATH = re.compile(r"[<>*{}…\s$]|\.\.\.")


def _spans(path: Path):
    """(line number, text) of each inline code span outside fenced blocks."""
    text = path.read_text(encoding="utf-8")
    text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for number, line in enumerate(text.splitlines(), start=1):
        for span in SPAN.findall(line):
            yield number, span.strip()


@functools.cache
def _top_level_names(module: Path) -> frozenset[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return frozenset(names)


def path_problem(span: str) -> str | None:
    """Why the span names nothing in the repository (None: it does, or it is
    not a repository path)."""
    if NOT_A_PATH.search(span):
        return None
    if span in TOP_FILES:
        return None if (ROOT / span).exists() else "no such file"
    first = span.split("/")[0]
    if "/" in span and first in TOP:
        file, _, test = span.partition("::")
        target = ROOT / file.rstrip("/")
        if not target.exists():
            return "no such file or folder"
        if (
            test
            and f"def {test.split('::')[-1].split('[')[0]}("
            not in target.read_text(encoding="utf-8")
        ):
            return f"no test {test} in it"
        return None
    parts = span.split(".")
    if len(parts) > 1 and parts[0] in PACKAGES and all(p.isidentifier() for p in parts):
        return _module_problem(parts)
    return None


def _module_problem(parts: list[str]) -> str | None:
    """A dotted name: its longest prefix that is a module or package, then
    (if anything is left) a name defined at the top of that module."""
    for end in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:end])
        module = base.with_suffix(".py")
        if not module.is_file() and (base / "__init__.py").is_file():
            module = base / "__init__.py"
        if module.is_file():
            rest = parts[end:]
            if not rest or rest[0] in _top_level_names(module):
                return None
            if end == 1 and rest[0].isupper():
                # `samverkan.INSTALLED_APPS` (a settings module imported as
                # samverkan), `samverkan.E001` (a system check's id).
                return None
            return f"{'.'.join(parts[:end])} defines no {rest[0]}"
    return "no such module"


def test_the_checker_tells_a_path_from_a_missing_one():
    assert path_problem("cms/models/__init__.py") is None
    assert path_problem("tests/docs/") is None
    assert path_problem("cms/no_such_module.py") == "no such file or folder"
    assert path_problem("tests/docs/test_paths.py::test_no_such_test") is not None
    assert path_problem("tests/docs/test_paths.py::test_manual_paths_exist") is None
    assert path_problem("cms.models") is None
    assert path_problem("cms.no_such_module") == "cms defines no no_such_module"
    assert path_problem("web.caching.no_such_name") is not None
    assert path_problem("web.caching.NO_SUCH_NAME") is not None
    assert path_problem("samverkan.E001") is None
    assert (
        path_problem("cms.content.help.no_such_name")
        == "cms.content.help defines no no_such_name"
    )
    # Placeholders, URLs, settings and prose are not repository paths.
    for span in ("/api/v1/", "cms/<id>.py", "SAMVERKAN_SYNC", "var/mail/", "e.g."):
        assert path_problem(span) is None


@pytest.mark.parametrize("manual", MANUALS, ids=lambda p: str(p.relative_to(ROOT)))
def test_manual_paths_exist(manual):
    missing = [
        f"{manual.relative_to(ROOT)}:{number}: `{span}`: {problem}"
        for number, span in _spans(manual)
        if (problem := path_problem(span))
    ]
    assert not missing, "\n".join(missing)
