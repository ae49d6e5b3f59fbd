"""Machine-translation drafts of Vietnamese sources (news articles and procedure records), their
review, and the report of what still needs translating.

The state of a translated version (machine, reviewed, outdated) is part of the content model
(`portal.content.translation_status`): the site shows it on every build without importing this
package. The engine-facing modules (`engines`, `run`) are imported only by `portal translate`.
"""
