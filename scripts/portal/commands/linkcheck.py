"""`portal linkcheck`: no broken in-site link or #fragment anywhere in the built site, in any
language; external links only with --external."""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser("linkcheck", help="check every link and #anchor of the built site (all languages)")
    parser.add_argument("--site", type=Path, default=None, help="the built site folder (default: the project's site/)")
    parser.add_argument("--external", action="store_true", help="also request every external URL (HEAD, then GET)")
    parser.add_argument("--site-url", default=None,
                        help="the site's public address, whose absolute URLs are checked as in-site links "
                             "(default: the home page's canonical URL)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per external request (default: 10)")
    parser.set_defaults(handler=linkcheck)


def linkcheck(args) -> int:
    from ..project import project_root
    from ..site_links import check_site, format_link_report

    site_dir = (args.site or project_root() / "site").resolve()
    if not site_dir.is_dir():
        print(f"{site_dir}: no such folder; build the site first (portal build) or pass --site", file=sys.stderr)
        return 2
    if args.timeout <= 0:
        print(f"--timeout must be positive, not {args.timeout}", file=sys.stderr)
        return 2
    report = check_site(site_dir, site_url=args.site_url, external=args.external, timeout=args.timeout)
    print(format_link_report(report), file=sys.stderr if report.broken else sys.stdout)
    return 0 if report.ok else 1
