#!/usr/bin/env python3
"""How much of the portal's code is independent of the site engine (README, "Engine and
end-of-life"): lines of code per part, measured on the working tree.

    python scripts/engine_share.py          a table
    python scripts/engine_share.py --json   the same figures for tests/test_engines.py

A line of code is a non-blank line that is not only a comment. The parts:

- engine adapter: `portal/mkdocs_adapter/` (the only Python that imports MkDocs, Material,
  static-i18n or Jinja; tests/test_architecture.py keeps it so), rewritten for another engine;
- engine-independent Python: everything else in `portal/` (the content model, procedures,
  pages, feeds, translation, counting, search, checks, commands), kept as it is;
- templates: `overrides/*.html` and `overrides/partials/` (Jinja on top of Material's templates),
  rewritten in the new engine's template language;
- front-end assets: `overrides/assets/` (CSS and JavaScript), kept, with the class names of the
  new theme's markup changed where they differ."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scripts" / "portal"
OVERRIDES = ROOT / "overrides"

COMMENT_STARTS = {".py": ("#",), ".html": ("{#",), ".css": ("/*", "*"), ".js": ("//", "/*", "*")}


def code_lines(path: Path) -> int:
    starts = COMMENT_STARTS.get(path.suffix, ())
    count = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(starts):
            count += 1
    return count


def files_under(folder: Path, suffixes: tuple[str, ...]):
    return sorted(path for path in folder.rglob("*") if path.suffix in suffixes and path.is_file()
                  and "__pycache__" not in path.parts)


def measure() -> dict[str, int]:
    adapter = PACKAGE / "mkdocs_adapter"
    python = files_under(PACKAGE, (".py",))
    templates = [path for path in files_under(OVERRIDES, (".html",)) if "assets" not in path.relative_to(OVERRIDES).parts]
    return {
        "engine adapter (Python)": sum(code_lines(path) for path in python if adapter in path.parents),
        "engine-independent Python": sum(code_lines(path) for path in python if adapter not in path.parents),
        "templates (Jinja on Material)": sum(code_lines(path) for path in templates),
        "front-end assets (CSS, JavaScript)": sum(code_lines(path) for path in files_under(OVERRIDES / "assets", (".css", ".js"))),
    }


def independent_share(figures: dict[str, int]) -> float:
    """The engine-independent share of the Python code, in percent."""
    python = figures["engine adapter (Python)"] + figures["engine-independent Python"]
    return 100 * figures["engine-independent Python"] / python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    figures = measure()
    share = independent_share(figures)
    if parser.parse_args().json:
        print(json.dumps({"lines": figures, "independent_python_percent": round(share, 1)}, indent=2))
        return
    for part, lines in figures.items():
        print(f"{part:<38} {lines:>7,} lines")
    print(f"engine-independent share of the Python: {share:.0f} %")


if __name__ == "__main__":
    main()
