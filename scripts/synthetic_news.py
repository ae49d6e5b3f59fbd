"""Write a synthetic news corpus into a docs folder, for benchmarks that need a site of realistic
size and text (the search benchmark; see scripts/bench_search.py).

    python scripts/synthetic_news.py DOCS_DIR --articles 1000      # 1,000 articles x 5 languages

Every article gets a version in every language, next to the sample news already in DOCS_DIR.
The generator is the one the build benchmark uses (portal/bench/corpus.py): sentences drawn at
random from the real sample articles of each language, with invented place and person names so
that the vocabulary keeps growing with the corpus as it does in years of real news; every
version is marked as sample content in its text. For a whole project copy with partial
translations, drafts and photos, see scripts/generate_corpus.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portal.bench.corpus import write_synthetic_news
from portal.languages import CODES

__all__ = ["write_synthetic_news"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs_dir", type=Path, help="a docs folder with the sample news and _data/categories.yml")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not (args.docs_dir / "_data" / "categories.yml").is_file():
        parser.error(f"{args.docs_dir} has no _data/categories.yml: give the docs folder of a copy of the project")
    written = write_synthetic_news(args.docs_dir, args.articles, seed=args.seed)
    print(f"wrote {written} files ({args.articles} articles x {len(CODES)} languages) under {args.docs_dir / 'news'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
