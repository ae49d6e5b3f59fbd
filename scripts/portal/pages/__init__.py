"""The site's pages, independent of MkDocs: which page exists in which language (`page_index`),
their addresses (`urls`), the generated news listings and stand-ins (`listings`, `generated`),
SEO signals and the sitemap (`seo`), the navigation's labels (`navigation`), which feeds pages
link (`feed_links`), and the data templates show (`views`, `context`), all from one `SiteModel`
(`model`). The engine adapter (`portal.mkdocs_adapter`) feeds them to the build."""
