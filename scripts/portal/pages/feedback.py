"""The feedback prompt under every page ("Is this page useful?"), which needs no server of the
portal's: a `mailto:` to the department's address (docs/_data/site.yml `email`) with the page's
title and address already written in the subject and body, in the reader's language. Procedure
pages add the national feedback service (site.yml `national_feedback.url`)."""

from __future__ import annotations

from ..content.markdown_links import is_web_url
from ..content.site_data import localized, translate_ui
from .mailto import mailto_link


def feedback_view(info: dict, lang: str, title: str, url: str | None, *, procedure: bool = False) -> dict | None:
    """{mailto, email, how, national_url} for the page titled `title` at the absolute `url` (None
    where a page has no address of its own, as the 404 page: the reader is asked to paste it;
    `how` is the UI string that says what the link does). None when site.yml gives no e-mail."""
    email = info.get("email")
    if not isinstance(email, str) or "@" not in email:
        return None
    if url:
        subject = translate_ui(lang, "feedback.subject", title=title)
        body = translate_ui(lang, "feedback.body", title=title, url=url)
        how = "feedback.how"
    else:
        subject = translate_ui(lang, "feedback.subject", title=title or str(localized(info.get("portal"), lang) or ""))
        body = translate_ui(lang, "feedback.body_without_address")
        how = "feedback.how_without_address"
    national = info.get("national_feedback") if procedure else None
    national_url = national.get("url") if isinstance(national, dict) else None
    return {"mailto": mailto_link(email, subject, body), "email": email.strip(), "how": how,
            "national_url": national_url if isinstance(national_url, str) and is_web_url(national_url) else None}
