"""The site: which pages exist in which language, the generated news listings, and the data the
templates show. Independent of MkDocs; `portal.mkdocs_adapter.plugin` feeds it to the build."""
