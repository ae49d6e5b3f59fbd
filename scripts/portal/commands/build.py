"""`portal build`: the whole site into site/, with the same checks as `portal check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .serve import mkdocs_environment


def register(subparsers) -> None:
    parser = subparsers.add_parser("build", help="build the static site (all languages) into site/")
    parser.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site/)")
    parser.set_defaults(handler=build)


def build(args) -> int:
    from ..cli import project_root

    root = project_root()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")]
    if args.site_dir:
        command += ["-d", str(args.site_dir.resolve())]
    return subprocess.call(command, env=mkdocs_environment(None), cwd=root)
