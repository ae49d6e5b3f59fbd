"""`portal new "Tiêu đề" --category SLUG`: a new draft article from the archetype."""

from __future__ import annotations

import sys
from pathlib import Path

from ..messages import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("new", help=_("start a news article (Vietnamese source, draft)"))
    parser.add_argument("title", metavar=_("TITLE"), help=_("the headline, in Vietnamese"))
    # The same shape as `portal count --category`: several slugs after one option, or the option again.
    parser.add_argument("--category", "-c", nargs="+", action="extend", default=[], dest="categories", metavar="C",
                        help=_("category slugs, e.g. --category cai-cach-hanh-chinh chuyen-doi-so"))
    parser.add_argument("--docs", type=Path, default=None, metavar=_("FOLDER"), help=_("docs folder (default: the project's docs/)"))
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
        print(_("portal new: {problem}").format(problem=error), file=sys.stderr)
        return 2
    print(_("Created {path} (a draft: not on the site until you publish it).").format(path=created.path))
    print(_("Next: write the article in that file (photos go in the images/ folder next to it), "
            "preview it with `portal serve --lang vi`, check it with `portal check`, and publish it by "
            "removing the line 'draft: true'."))
    return 0
