"""`portal linkcheck`: no broken in-site link or #fragment anywhere in the built site, in any
language; external links only with --external."""

from __future__ import annotations

import sys
from pathlib import Path

from ..messages import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("linkcheck", help=_("check every link and #anchor of the built site (all languages)"))
    parser.add_argument("--site", type=Path, default=None, metavar=_("FOLDER"), help=_("the built site folder (default: the project's site/)"))
    parser.add_argument("--external", action="store_true", help=_("also request every external URL (HEAD, then GET)"))
    parser.add_argument("--site-url", default=None, metavar="URL",
                        help=_("the site's public address, whose absolute URLs are checked as in-site links "
                               "(default: the home page's canonical URL)"))
    parser.add_argument("--timeout", type=float, default=10.0, metavar=_("SECONDS"), help=_("seconds per external request (default: 10)"))
    parser.set_defaults(handler=linkcheck)


def linkcheck(args) -> int:
    from ..project import project_root
    from ..site_links import check_site, format_link_report

    site_dir = (args.site or project_root() / "site").resolve()
    if not site_dir.is_dir():
        print(_("{folder}: no such folder; build the site first (portal build) or pass --site").format(folder=site_dir),
              file=sys.stderr)
        return 2
    if args.timeout <= 0:
        print(_("--timeout must be positive, not {value}").format(value=args.timeout), file=sys.stderr)
        return 2
    report = check_site(site_dir, site_url=args.site_url, external=args.external, timeout=args.timeout)
    print(format_link_report(report), file=sys.stderr if report.broken else sys.stdout)
    return 0 if report.ok else 1
