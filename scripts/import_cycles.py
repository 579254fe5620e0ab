"""Fail when Samverkan's modules import each other in a cycle.

Import-linter's contracts keep the layers apart; this check keeps every
module-to-module import one way (imports inside functions count too: a lazy
import hides a cycle, it does not remove it). The one allowed exception is
Wagtail's pairing of a page model with its admin form and panels
(`allowed`): the form is named on the model, and the form needs the model.

Usage: python scripts/import_cycles.py  (exit status 1 and the cycles on
stderr when there are any).
"""

import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent

PACKAGES = ["cms", "delivery", "demo", "newsletter", "sync", "web"]

# Imports that may close a cycle: a page model (cms.models.*) naming its
# admin form or panel, which imports the models back.
PAIRED_WITH_MODELS = {"cms.content.forms", "cms.content.panels"}


def allowed(importer: str, imported: str) -> bool:
    return importer.startswith("cms.models.") and imported in PAIRED_WITH_MODELS


def strongly_connected(graph, modules):
    """Tarjan's algorithm, iteratively: the groups of modules that reach each
    other."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    counter = 0
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def import_cycles(packages=PACKAGES) -> list[list[str]]:
    if str(ROOT) not in sys.path[:1]:
        sys.path.insert(0, str(ROOT))
    built = grimp.build_graph(*packages, cache_dir=None)
    modules = {m for m in built.modules if m.split(".")[0] in packages}
    graph = {
        m: {
            imported
            for imported in built.find_modules_directly_imported_by(m)
            if imported in modules and not allowed(m, imported)
        }
        for m in modules
    }
    return strongly_connected(graph, modules)


def main() -> int:
    cycles = import_cycles()
    for group in cycles:
        print(f"import cycle of {len(group)} modules:", file=sys.stderr)
        for module in group:
            print(f"  {module}", file=sys.stderr)
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
