"""`portal serve [--lang L]`: live preview. With --lang only that language is built (static-i18n's
`build_only_locale`), served at the root of the preview, which is much faster for editors."""

from __future__ import annotations

import os
import subprocess
import sys

from ..languages import CODES


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="preview the site locally, reloading on save")
    parser.add_argument("--lang", choices=CODES, help="build only this language (fast preview, served at the root)")
    parser.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on (default 127.0.0.1:8000)")
    parser.set_defaults(handler=serve)


def mkdocs_environment(lang: str | None) -> dict:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("PORTAL_ONLY_LANGUAGE", None)
    if lang:
        environment["PORTAL_ONLY_LANGUAGE"] = lang
    return environment


def serve(args) -> int:
    from ..cli import project_root

    command = [sys.executable, "-m", "mkdocs", "serve", "-a", args.address, "-f", str(project_root() / "mkdocs.yml")]
    return subprocess.call(command, env=mkdocs_environment(args.lang))
