"""`portal new "Tiêu đề" --category SLUG`: a new draft article from the archetype."""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser("new", help="start a news article (Vietnamese source, draft)")
    parser.add_argument("title", help="the headline, in Vietnamese")
    parser.add_argument("--category", "-c", action="append", default=[], dest="categories",
                        help="category slug (repeatable), e.g. cai-cach-hanh-chinh")
    parser.add_argument("--docs", type=Path, default=None, help="docs folder (default: the project's docs/)")
    parser.set_defaults(handler=new)


def new(args) -> int:
    from ..clock import ClockError
    from ..project import project_docs_dir
    from ..content.new_article import NewArticleError, create_article
    from ..content.site_data import SiteDataError

    docs_dir = args.docs or project_docs_dir()
    try:
        created = create_article(docs_dir, args.title, args.categories)
    except (NewArticleError, SiteDataError, ClockError) as error:
        print(f"portal new: {error}", file=sys.stderr)
        return 2
    print(created.path)
    return 0
