"""The content model and its files: news articles and their versions, the one schema of an
article, the links in Markdown bodies, the site's own data (categories, contacts, UI strings),
which fields are text, and new articles from the archetype."""
