"""Write a copy of the project with N synthetic articles in five languages, for benchmarks.

    python scripts/generate_corpus.py /tmp/corpus --articles 1000
    python scripts/generate_corpus.py /tmp/corpus --articles 250 --seed 3 --no-photos

The copy has this repository's mkdocs.yml, overrides/, docs/_data, home, about, news section
and procedure pages; its news are generated (see portal/bench/corpus.py for what they contain).
Build it with `portal build` from inside the copy, or time it with scripts/bench_build.py."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from portal.bench.corpus import CorpusShape, write_project


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("destination", type=Path, help="an empty or missing folder")
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--no-photos", action="store_true", help="no lead or text photos")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    if args.destination.exists() and any(args.destination.iterdir()):
        parser.error(f"{args.destination} is not empty: give a new folder")
    shape = replace(CorpusShape(), lead_photo=0.0) if args.no_photos else CorpusShape()
    started = time.perf_counter()
    report = write_project(args.destination, args.articles, seed=args.seed, shape=shape)
    print(f"{args.destination}: {report.summary()} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
