"""The layers of the `portal` package (README, "Architecture"): the import contracts of
scripts/pyproject.toml hold (import-linter), and no modules or packages import each other in a
loop (grimp, import-linter's import graph)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def test_the_import_contracts_hold():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--config", "pyproject.toml", "--no-cache", "--no-logo"], cwd=SCRIPTS,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"import-linter:\n{result.stdout}{result.stderr}"
    assert "0 broken" in result.stdout and "2 kept" in result.stdout


def loops(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges.get(target, ())))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_loops_are_found():
    assert loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert loops({"a": {"b"}, "b": set()}) == []


def _graph():
    graph = grimp.build_graph("portal")
    return graph, {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}


def test_no_module_imports_itself_through_others():
    _, edges = _graph()
    assert loops(edges) == []


def test_no_two_parts_of_the_package_import_each_other():
    """A part is a subpackage (`portal.pages`) or a top-level module (`portal.feeds`): the loops
    of issue 16 (site <-> feeds, translation <-> procedures, commands <-> cli) were between parts."""
    _, edges = _graph()

    def part(module: str) -> str:
        return ".".join(module.split(".")[:2])

    between: dict[str, set[str]] = {}
    for module, imported in edges.items():
        for target in imported:
            if part(module) != part(target) and "portal" not in (module, target):
                between.setdefault(part(module), set()).add(part(target))
    assert loops(between) == []
