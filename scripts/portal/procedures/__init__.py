"""Administrative procedures (thủ tục hành chính, TTHC): one record per procedure and language in
`docs/procedures/<name>.<lang>.md`, with the procedure's data in structured front matter.

- `vocabulary`: the allowed fields, levels, online levels and channel kinds, with their labels;
- `schema`: the shape of a record, which parts are text (translated) and which are data (the same
  in every language, given in the Vietnamese source and inherited by translations);
- `model`: reading the records into `Procedure` objects, translations merged with their source;
- `checks`: the `portal check` / build check of every record;
- `views`, `qr`: what the procedure page, the catalogue and the desk print-out show;
- `pages`: what the engine adapter asks of them (which file is which page, the generated
  catalogue and print pages, their registration with the page index, each page's context).
"""
