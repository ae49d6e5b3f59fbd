"""Benchmark support: a generator of realistic synthetic content at the scale of years of news
(`corpus`), the same content as a Hugo project (`hugo`), and resource measurement of child
processes (`measure`). Used by scripts/generate_corpus.py, scripts/bench_build.py,
scripts/bench_preview.py and the search benchmark; never by the site build itself."""
