"""Escaping by construction: every value a template prints is text unless it says it is HTML.

The Jinja environment of every build is switched to autoescape, for Material's templates and
ours alike, so a title, summary, category label or engine answer that holds `<script>` or a
quote reaches the page as text wherever a template prints it, in an element or an attribute,
without anyone remembering `| e`. What is HTML says so by being `markupsafe.Markup`:

- the Markdown body an editor writes, rendered by MkDocs (`page.content`): the one trusted input;
- what MkDocs derives from that body as HTML: the table of contents' titles and a page title
  taken from the body's first heading (MkDocs documents both as HTML);
- HTML our own code builds (QR codes, responsive images, `html_sentence`: a UI sentence with a
  `<time>` element inside), which escapes what it puts inside.

Front matter (`page.meta`, a title given there), site data and generated pages' titles stay
plain `str`, so autoescape escapes them.

With that distinction, `striptags` (which Material applies to titles for `<title>` and labels)
means "the text of": HTML loses its tags, text is kept whole. Jinja's own filter reads any
string as HTML, and would turn a title about `<b>` tags or `AT&amp;T` into other text.
"""

from __future__ import annotations

from markupsafe import Markup

from .compat import title_from_render


def enable_autoescape(env) -> None:
    """Every template compiled from now on escapes what it prints (see the module's docstring)."""
    env.autoescape = True
    env.filters["striptags"] = text_of


def text_of(value) -> str:
    """The text a reader reads: HTML (`Markup`) without its tags and entities, text as it is."""
    if isinstance(value, Markup):
        return value.striptags()
    return " ".join(str(value).split()) if value is not None else ""


def html_sentence(text: str, **values) -> Markup:
    """A UI sentence with `{name}` placeholders, as HTML: the sentence and every value are
    escaped, except values that are already HTML (`Markup`, such as a `<time>` element made by a
    `{% set %}` block under autoescape). Each language keeps its own word order."""
    return Markup.escape(text).format(**values)


def mark_trusted_html(page) -> None:
    """Mark as HTML what MkDocs made of the page's Markdown body (see the module's docstring).
    Safe to call again on the same page."""
    if page.content is not None and not isinstance(page.content, Markup):
        page.content = Markup(page.content)
    from_heading = title_from_render(page)
    if "title" not in page.meta and from_heading and page.title == from_heading and not isinstance(page.title, Markup):
        # No `title:` in the front matter: MkDocs took the title from the body's first heading,
        # as HTML text with its entities kept (a title made from the file name stays text).
        page.title = Markup(page.title)
    for item in _toc_items(page.toc):
        if not isinstance(item.title, Markup):
            item.title = Markup(item.title)


def _toc_items(items):
    for item in items or ():
        yield item
        yield from _toc_items(getattr(item, "children", None))
