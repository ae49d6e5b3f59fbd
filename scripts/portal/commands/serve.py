"""`portal serve [--lang L]`: live preview.

With --lang only that language is built (static-i18n's `build_only_locale`), served at the root
of the preview, and a saved page is re-rendered on its own in a fraction of a second
(portal/mkdocs_adapter/preview.py). Without --lang the whole site is rebuilt on every save, as
`mkdocs serve` does: slow once there are many articles. Either way the command prints only the
address, a line per save and the warnings and errors (mkdocs_adapter/serve_output.py).

With --future, scheduled versions are shown as if already published (`PORTAL_PREVIEW_FUTURE`,
`portal.clock`), every page saying so in a banner: to read an article before its time."""

from __future__ import annotations

import os
import sys

from ..languages import CODES
from ..messages import _

SHARD_VARIABLES = ("PORTAL_BUILD_LANGUAGES", "PORTAL_BUILD_CHECKED")


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help=_("preview the site locally, reloading on save"))
    parser.add_argument("--lang", choices=CODES, help=_("build only this language (fast preview, served at the root)"))
    parser.add_argument("--address", default="127.0.0.1:8000", metavar=_("HOST:PORT"), help=_("host:port to serve on (default 127.0.0.1:8000)"))
    parser.add_argument("--future", action="store_true",
                        help=_("show scheduled articles as if already published (the pages say it is a preview)"))
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


def outside_project(root) -> bool:
    """Says so when `root` (the project as found from the current folder) has no mkdocs.yml."""
    if (root / "mkdocs.yml").is_file():
        return False
    print(_("no mkdocs.yml in {folder} or the folders above it: run the command inside the project folder")
          .format(folder=root), file=sys.stderr)
    return True


def serve(args) -> int:
    from ..project import project_root

    host, _colon, port = args.address.rpartition(":")
    if not host or not port.isdigit():
        print(_("--address {address!r}: give host:port, for example 127.0.0.1:8000").format(address=args.address),
              file=sys.stderr)
        return 2
    from ..mkdocs_adapter.preview import PreviewError, serve_preview
    from ..mkdocs_adapter.serve_output import ServeOutput

    root = project_root()
    if outside_project(root):
        return 2
    # The preview builds in this process: mkdocs.yml reads the language to build from the
    # environment, and a shard's settings must not leak in.
    for variable in ("PORTAL_ONLY_LANGUAGE", *SHARD_VARIABLES):
        os.environ.pop(variable, None)
    os.environ.update(mkdocs_environment(args.lang, future=args.future))
    output = ServeOutput(root)
    output.install()
    try:
        serve_preview(root / "mkdocs.yml", args.lang, host, int(port), output)
    except PreviewError as error:
        print(_("portal serve: {problem}").format(problem=error), file=sys.stderr)
        return 1
    return 0
