"""`portal count`: how many articles and versions were published in a period, and the report
formats the office uses (table, JSON, CSV, XLSX, a sentence for the report)."""
