"""Benchmark of `portal count`: generate a synthetic news corpus in a temporary folder, count it
the way the command does, and print the rate in files per second.

    python scripts/bench_count.py                 # 100,000 files (20,000 articles x 5 languages)
    python scripts/bench_count.py --files 20000   # a smaller corpus
    python scripts/bench_count.py --keep          # leave the corpus on disk and print its path

The figure includes walking the folders, reading every front matter, parsing dates and counting;
it does not include generating the corpus. Files are freshly written, so they are in the page
cache: this measures the program, not the disk.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

CATEGORY_SLUGS = ("doi-ngoai", "kinh-te-doi-ngoai", "van-hoa-du-lich", "cai-cach-hanh-chinh",
                  "chuyen-doi-so", "nguoi-viet-nam-o-nuoc-ngoai", "thong-bao")
LANGUAGE_CODES = ("vi", "en", "ja", "zh", "ko")
TITLES = {
    "vi": "Lãnh đạo Sở Ngoại vụ tiếp Đoàn đại biểu thành phố kết nghĩa số {n}",
    "en": "Department of Foreign Affairs receives sister-city delegation no. {n}",
    "ja": "外務局長が姉妹都市代表団を接見 第{n}号",
    "zh": "外事厅领导会见友好城市代表团 第{n}号",
    "ko": "외무국장, 자매도시 대표단 접견 제{n}호",
}
BODY_PARAGRAPH = ("Sáng nay, tại trụ sở Ủy ban nhân dân thành phố, lãnh đạo Sở Ngoại vụ đã tiếp và làm việc "
                  "với Đoàn đại biểu. Hai bên trao đổi về hợp tác đầu tư, thương mại, văn hóa và du lịch.\n\n")


def _front_matter(rng: random.Random, lang: str, number: int, day: str) -> str:
    lines = ["---"]
    title = TITLES[lang].format(n=number)
    # Editors quote headlines that contain a colon; about one in five does.
    lines.append(f'title: "{title}: thông tin"' if number % 5 == 0 else f"title: {title}")
    if lang == "vi":
        moment = rng.choice((day, f"{day}T{rng.randrange(7, 18):02d}:30:00+07:00", f"{day} 08:15"))
        lines.append(f"date: {moment}")
        picked = rng.sample(CATEGORY_SLUGS, rng.choice((1, 1, 2)))
        if number % 2:
            lines.append(f"categories: [{', '.join(picked)}]")
        else:
            lines.append("categories:")
            lines.extend(f"  - {slug}" for slug in picked)
        lines.append(f"summary: Tóm tắt tin số {number}, hoạt động đối ngoại của thành phố Hải Phòng.")
    else:
        if rng.random() < 0.3:
            lines.append(f"date: {day}T10:00:00Z")
        lines.append(f"summary: 'Summary of item {number}'")
        lines.append(f"translation_status: {rng.choice(('machine', 'reviewed'))}")
        lines.append(f"source_hash: {rng.getrandbits(64):016x}")
    if rng.random() < 0.03:
        lines.append("draft: true")
    lines.append("---")
    return "\n".join(lines) + "\n"


def generate_corpus(docs_dir: Path, files: int, seed: int = 5) -> int:
    """Write about `files` article files (5 language versions per article) plus section pages."""
    rng = random.Random(seed)
    (docs_dir / "_data").mkdir(parents=True, exist_ok=True)
    (docs_dir / "_data" / "categories.yml").write_text(
        "".join(f"- slug: {slug}\n  label: {{vi: {slug}, en: {slug}, ja: {slug}, zh: {slug}, ko: {slug}}}\n"
                for slug in CATEGORY_SLUGS), encoding="utf-8")
    body = BODY_PARAGRAPH * 8
    written = 0
    articles = max(1, files // len(LANGUAGE_CODES))
    for number in range(articles):
        year = 2021 + number % 5
        day = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        folder = docs_dir / "news" / str(year)
        if not folder.is_dir():
            folder.mkdir(parents=True)
            (folder / "index.md").write_text(f"---\ntitle: Tin tức {year}\n---\n", encoding="utf-8")
        for lang in LANGUAGE_CODES:
            suffix = "" if lang == "vi" and number % 3 == 0 else f".{lang}"
            path = folder / f"tin-so-{number}{suffix}.md"
            path.write_text(_front_matter(rng, lang, number, day) + "\n" + body, encoding="utf-8")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=100_000, help="number of article files (default 100000)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and print its path")
    args = parser.parse_args(argv)

    from portal.content.news import load_news
    from portal.counting.counts import count_periods, count_problems, parse_period
    from portal.content.site_data import load_categories

    workspace = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    docs_dir = workspace / "docs"
    try:
        started = time.perf_counter()
        written = generate_corpus(docs_dir, args.files)
        print(f"generated {written} files in {time.perf_counter() - started:.1f} s ({docs_dir})")

        started = time.perf_counter()
        categories = load_categories(docs_dir)
        news, problems = load_news(docs_dir)
        problems += count_problems(news, docs_dir, categories)
        loaded = time.perf_counter()
        years = [parse_period(str(year)) for year in range(2021, 2026)]
        counted = count_periods(news, years, categories=list(categories))
        finished = time.perf_counter()

        if problems:
            print(f"unexpected: {len(problems)} problems, first: {problems[0]}", file=sys.stderr)
            return 1
        total_versions = sum(counts.versions for counts in counted)
        elapsed = finished - started
        print(f"read {written} files in {loaded - started:.2f} s, counted 5 years in {finished - loaded:.2f} s "
              f"({total_versions} published versions)")
        print(f"rate: {written / elapsed:,.0f} files/s")
    finally:
        if args.keep:
            print(f"corpus kept at {docs_dir}")
        else:
            shutil.rmtree(workspace, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
