"""The department's documents (văn bản): its plans, reports, decisions, directives, official
letters and notices, one record per document and language in `docs/documents/<name>.<lang>.md`,
with the document's data in structured front matter and its file(s) attached (Decree
42/2022/NĐ-CP lists the agency's documents among a state portal's required content).

Built like the procedures (`portal.procedures`), whose schema machinery it uses:

- `vocabulary`: the kinds of document (kế hoạch, báo cáo, quyết định...) with their labels;
- `numbers`: what a Vietnamese document number looks like (17/KH-NV, 118/2025/NĐ-CP);
- `schema`: the shape of a record, text (translated) and data (given once, in Vietnamese);
- `model`: the records as `Document` objects, translations merged with their source, and which
  version is published when;
- `checks`: the `portal check` / build check of every record;
- `attachments`: the attached files (format, size, language);
- `views`: what the document page, the list and the feed show;
- `pages`: what the engine adapter asks of them (which file is which page, the generated list,
  registration with the page index, each page's context, the feeds' scope).
"""
