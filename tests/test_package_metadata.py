"""The `portal` package's metadata (scripts/pyproject.toml) declares what it imports, pins the
site engine at the versions the build accepts, and requirements.txt pins nothing the project
never uses."""

from __future__ import annotations

import re
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import grimp

from portal.mkdocs_adapter.compat import TESTED_VERSIONS

PROJECT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "haiphong-portal"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> dict[str, str]:
    """Canonical distribution name -> its requirement as declared."""
    found = {}
    for requirement in requires(DISTRIBUTION) or []:
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
        found[canonical(name)] = requirement
    return found


def test_every_third_party_import_is_a_declared_dependency():
    graph = grimp.build_graph("portal", include_external_packages=True)
    external = {module for module in graph.modules if "." not in module and module != "portal"}
    distributions = packages_distributions()
    needed = {canonical(distributions[module][0]) for module in external
              if module not in sys.stdlib_module_names and module != "__future__"}
    assert needed <= set(declared()), f"imported but not declared: {sorted(needed - set(declared()))}"


def test_the_engine_is_pinned_at_the_versions_the_build_accepts():
    for distribution, tested in TESTED_VERSIONS.items():
        if tested:
            assert declared()[canonical(distribution)] == f"{distribution}=={tested[0]}"


def test_requirements_pin_for_the_package_only_what_it_uses():
    """The first sections of requirements.txt (site build; content model and editors' commands)
    pin what the package uses: each is one of its declared dependencies. (python-frontmatter was
    pinned there without anything importing it.)"""
    sections, current = {}, None
    for line in (PROJECT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# ---"):
            current = line
        elif "==" in line and not line.startswith("#"):
            sections.setdefault(current, []).append(canonical(line.split("==")[0].split("[")[0]))
    runtime = [name for header, names in sections.items() if "site build" in header or "content model" in header
               for name in names]
    assert runtime and "mkdocs" in runtime
    # pagefind[extended] is how portal.search tells users to install the binary it runs.
    assert set(runtime) - {"pagefind"} <= set(declared()), sorted(set(runtime) - {"pagefind"} - set(declared()))
