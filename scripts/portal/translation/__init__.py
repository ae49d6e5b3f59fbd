"""Machine-translation drafts of Vietnamese sources (news articles and procedure records).

Kept import-light on purpose: the site imports `portal.translation.status` on every build, and
that must not pull in deep-translator, requests or rich. The engine-facing modules (`engines`,
`run`) are imported only by the `portal translate` command.
"""
