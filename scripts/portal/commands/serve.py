"""`portal serve [--lang L]`: live preview.

With --lang only that language is built (static-i18n's `build_only_locale`), served at the root
of the preview, and a saved page is re-rendered on its own in a fraction of a second
(portal/mkdocs_adapter/preview.py). Without --lang the whole site is rebuilt on every save, as
`mkdocs serve` does: slow once there are many articles.

With --future, scheduled versions are shown as if already published (`PORTAL_PREVIEW_FUTURE`,
`portal.clock`), every page saying so in a banner: to read an article before its time."""

from __future__ import annotations

import os
import subprocess
import sys

from ..languages import CODES

SHARD_VARIABLES = ("PORTAL_BUILD_LANGUAGES", "PORTAL_BUILD_CHECKED")


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="preview the site locally, reloading on save")
    parser.add_argument("--lang", choices=CODES, help="build only this language (fast preview, served at the root)")
    parser.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on (default 127.0.0.1:8000)")
    parser.add_argument("--future", action="store_true",
                        help="show scheduled articles as if already published (the pages say it is a preview)")
    parser.set_defaults(handler=serve)


def mkdocs_environment(lang: str | None, *, future: bool = False) -> dict:
    from ..clock import FUTURE_VARIABLE

    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("PORTAL_ONLY_LANGUAGE", None)
    for variable in SHARD_VARIABLES:
        environment.pop(variable, None)
    if lang:
        environment["PORTAL_ONLY_LANGUAGE"] = lang
    environment.pop(FUTURE_VARIABLE, None)
    if future:
        environment[FUTURE_VARIABLE] = "1"
    return environment


def serve(args) -> int:
    from ..project import project_root

    config_file = project_root() / "mkdocs.yml"
    if not args.lang:
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", args.address, "-f", str(config_file)]
        return subprocess.call(command, env=mkdocs_environment(None, future=args.future))
    host, _, port = args.address.rpartition(":")
    if not host or not port.isdigit():
        print(f"--address {args.address!r}: give host:port, for example 127.0.0.1:8000", file=sys.stderr)
        return 2
    import logging

    from ..mkdocs_adapter.preview import serve_preview

    os.environ.update(mkdocs_environment(args.lang, future=args.future))
    for variable in SHARD_VARIABLES:
        os.environ.pop(variable, None)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    serve_preview(config_file, args.lang, host, int(port))
    return 0
