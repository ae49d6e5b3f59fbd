"""How the site is built fast: the `portal-build` MkDocs plugin (per-pass file selection,
Markdown and template caches, responsive images) and the parallel and sharded builds that
`portal build --jobs` and multi-machine builds use (shards, merge)."""
