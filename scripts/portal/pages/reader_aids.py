"""What every page gives readers around its content, as the best government sites do (GOV.UK,
Canada.ca, Singapore's Isomer): where they are (breadcrumbs), a way to say the page is wrong
(feedback), and on articles and procedures a way to pass the page on (share links); articles
add related articles. One call per page from the engine adapter; templates show the result
(overrides/partials/breadcrumbs.html, page-feedback.html, share.html, related.html)."""

from __future__ import annotations

from ..content.news import Article
from .breadcrumbs import breadcrumb_trail, breadcrumbs_view
from .feedback import feedback_view
from .listings import Listing
from .model import SiteModel
from .related import RelatedArticles
from .sharing import share_links
from .urls import BuildLayout
from .views import ArticleCards

SHARED_KINDS = frozenset({"article", "procedure"})
"""Pages readers pass on: news articles and procedures."""


def page_aids(site: SiteModel, lang: str, layout: BuildLayout, *, kind: str, norm: str, title: str,
              article: Article | None = None, listing: Listing | None = None,
              cards: ArticleCards | None = None, related: RelatedArticles | None = None) -> dict:
    """`portal_breadcrumbs`, `portal_page_feedback`, `portal_share` and `portal_related` of the page of `kind` at `norm`,
    titled `title` (a listing page gives its `listing`, an article its `article`)."""
    category = None
    if article is not None:
        category = next((site.categories[slug] for slug in article.categories if slug in site.categories), None)
    crumbs = breadcrumb_trail(lang, kind, norm, title, category=category, listing=listing)
    url = site.urls.url(lang, norm)
    aids = {
        "portal_breadcrumbs": breadcrumbs_view(crumbs, lang, layout, site.urls),
        "portal_page_feedback": feedback_view(site.info, lang, title, url, procedure=kind == "procedure"),
        "portal_share": None,
        "portal_related": [],
    }
    if kind in SHARED_KINDS:
        aids["portal_share"] = {"url": url, "title": title, "links": share_links(url, title, lang)}
    if kind == "article" and article is not None and related is not None and cards is not None:
        aids["portal_related"] = [cards(other) for other in related(article)]
    return aids


def error_page_feedback(site: SiteModel, lang: str, title: str) -> dict | None:
    """The feedback prompt of a page with no address of its own (the 404 page)."""
    return feedback_view(site.info, lang, title, None)
