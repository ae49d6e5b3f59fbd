"""The engine adapter: the portal's site built by MkDocs 1.6, Material and mkdocs-static-i18n.

This package is the only one that imports mkdocs, material, mkdocs_static_i18n or jinja2; the
domain below it (content, procedures, documents, pages, feeds, translation, search) knows nothing
of them (tests/test_architecture.py). Whatever it borrows from their internals is in `compat`.

THE TIMELINE OF A BUILD

`mkdocs build` (or `portal build`, each of whose processes runs one) builds the default language
(vi) first; static-i18n then builds every other language from inside vi's `on_post_build`, each
as a whole MkDocs build of its own ("nested passes", one per language, with static-i18n's
`building` set). The MkDocs plugin `portal` (plugin.py) sees every event of every pass, after
static-i18n's, and hands it to the pass (`LanguagePass`) or the whole build (`SiteBuild`):

    vi pass (outer)                                      each nested pass (en, ja, zh, ko)
    ---------------------------------------------------  ---------------------------------------
    on_config     -200 SiteBuild: version guard, shard,  -200 new LanguagePass for the language
                       the moment (portal.clock),
                       content checks, site model,
                       procedures, documents (cached),
                       what is scheduled (logged), caches;
                       then the vi LanguagePass
    on_files       -50 LanguagePass.choose_files: the pass's own files (before static-i18n's
                       -100), the shared media list
                  -200 LanguagePass.arrange_files: articles published in the language, listings,
                       stand-ins, procedure and document pages, the HTML sitemap (generated),
                       shared media, the shard's part, hard links
    on_nav        -200 LanguagePass.arrange_nav: short tab labels; files and nav kept
    on_env        -200 LanguagePass.prepare_env: caches, shared fragments and kept pages
                       (speed-ups), the portal's globals (`templates`), autoescape and
                       trusted HTML
    per page           on_pre_page -200 before_page (the kept front matter, front_matter_cache),
                       on_page_markdown -200 prepare_page (meta; the cached Markdown renderer),
                       on_page_content -200 page_rendered (photos' variants; the HTML of
                       an article a feed carries is kept, sparing the feed step its
                       conversion), on_template_context/on_page_context -200 (`pages.context`;
                       breadcrumbs, feedback, share links, related: `pages.reader_aids`);
                       then MkDocs renders the page's template: the page kept by the last
                       build when its whole context is what it was (page_cache.py)
    on_post_build    0 LanguagePass.finish: the kept front matter and pages saved; 404 page,
                       sitemap (vi), feeds (AFTER_PAGES), from
                       the model: an article whose page the pass did not build is converted
                       from its Markdown (article_html.py)
                  -100 static-i18n runs the nested passes  -100 static-i18n: nothing
                  -300 SiteBuild.finish: search index      -300 nothing (nested)
                       over all languages, cache figures

`mkdocs serve` and `portal serve` add on_serve (-200): a missing address is answered with the
404 page of its language (preview.py).

One pass's state never leaks into another's: each LanguagePass is made at its on_config and the
plugin reads nothing else of static-i18n's. The last pass stays at hand for `portal serve
--lang` (preview.py), which re-renders single pages through it.

A shard of `portal build --jobs` or of a build on several machines (sharding.py, parallel.py,
merge.py) runs the same timeline with PORTAL_BUILD_LANGUAGES set: languages it does not build
are skipped (the vi pass always runs, emptied, because it drives the others), pages of other
parts of a language are left out, and the search index is built once after the merge.

`PORTAL_BUILD_SPEEDUPS=0` turns off the speed-ups (the per-pass file choice, the Markdown and
template caches, the kept front matter, the kept site model, the shared fragments, the kept
pages, the `url`
filter's and Jinja's shortcuts): a plain MkDocs build, which the tests require to give the same
bytes."""
