"""Write a synthetic news corpus into a docs folder, for benchmarks that need a site of realistic
size and text (the search benchmark; see scripts/bench_search.py).

    python scripts/synthetic_news.py DOCS_DIR --articles 1000      # 1,000 articles x 5 languages

Each article gets a version in every language, made of sentences drawn at random from the real
sample articles of that language (so each language's words, scripts and sentence shapes are
real), plus invented place and person names, so that the vocabulary keeps growing with the
corpus as it does in years of real news rather than stopping at the sample's. Files go to
`news/<year>/synthetic-NNNNN.<lang>.md` next to the sample news; every version is marked as
sample content in its text."""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path


from portal.languages import CODES
from portal.sitedata import load_categories

SENTENCES_PER_ARTICLE = 14
NAMES_PER_ARTICLE = 3
FIRST_DAY = date(2016, 1, 1)
DAYS = 10 * 365

# Pieces of invented names: the vocabulary that grows with the corpus.
NAME_PARTS = {
    "vi": ["Hòa", "Đông", "Tân", "Vĩnh", "Lạc", "Phú", "Đức", "Thạnh", "Hưng", "Quý", "Định", "An", "Bình", "Khê", "Đình", "Yên"],
    "en": ["Ash", "Bel", "Cor", "Dun", "El", "Fen", "Gar", "Hal", "Ing", "Jor", "Kel", "Lin", "Mor", "Nor", "Ost", "Pen"],
    "ja": ["北", "南", "山", "川", "田", "浜", "松", "森", "島", "原", "崎", "野", "橋", "岡", "宮", "沢"],
    "zh": ["华", "东", "新", "安", "平", "兴", "福", "德", "荣", "泰", "盛", "海", "江", "山", "林", "阳"],
    "ko": ["한", "동", "서", "남", "북", "영", "진", "성", "경", "광", "명", "선", "해", "산", "천", "원"],
}
NAME_SIZE = {"vi": 2, "en": 2, "ja": 3, "zh": 3, "ko": 3}
JOINER = {"vi": " ", "en": "", "ja": "", "zh": "", "ko": ""}
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
SAMPLE_NOTE = {
    "vi": "Nội dung mẫu tự động, dùng để đo hiệu năng.",
    "en": "Automatically generated sample content for benchmarks.",
    "ja": "ベンチマーク用に自動生成したサンプルコンテンツです。",
    "zh": "用于性能测试的自动生成示例内容。",
    "ko": "성능 측정을 위해 자동 생성한 샘플 콘텐츠입니다.",
}


def sample_sentences(docs_dir: Path, lang: str) -> list[str]:
    """Sentences of the sample news of one language (body text, without headings and markup)."""
    sentences = []
    for path in sorted((docs_dir / "news").rglob(f"*.{lang}.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---", 1)[1] if text.startswith("---") and "\n---" in text else text
        for line in body.splitlines():
            if "|" in line:
                continue
            line = re.sub(r"[*_`>#|\[\]]|\(.*?\)|\{.*?\}|!\S*", "", line).strip()
            if len(line) < 20 or line.startswith(("-", "!", "<", ":")):
                continue
            sentences.extend(part.strip() for part in SENTENCE_END.split(line) if len(part.strip()) >= 12)
    return sentences


def invented_name(rng: random.Random, lang: str) -> str:
    parts = [rng.choice(NAME_PARTS[lang]) for _ in range(NAME_SIZE[lang])]
    name = JOINER[lang].join(parts)
    return name.capitalize() if lang == "en" else name


def article_text(rng: random.Random, lang: str, sentences: list[str], number: int) -> tuple[str, str, str]:
    names = [invented_name(rng, lang) for _ in range(NAMES_PER_ARTICLE)]
    chosen = rng.sample(sentences, min(SENTENCES_PER_ARTICLE, len(sentences)))
    title_source = re.sub(r"[.!?。！？]$", "", chosen[0])
    title = f"{names[0]} {title_source[:60]} ({number})" if lang in ("vi", "en", "ko") else f"{names[0]}{title_source[:30]}（{number}）"
    summary = chosen[1]
    separator = "" if lang in ("ja", "zh") else " "
    paragraphs = []
    for index in range(0, len(chosen) - 2, 4):
        group = chosen[2 + index: 6 + index]
        group.insert(rng.randrange(len(group) + 1), names[(index // 4) % len(names)] + ("。" if lang in ("ja", "zh") else "."))
        paragraphs.append(separator.join(group))
    paragraphs.append(SAMPLE_NOTE[lang])
    return title, summary, "\n\n".join(paragraphs)


def write_synthetic_news(docs_dir: Path, articles: int, *, seed: int = 7, languages=CODES) -> int:
    """Write `articles` synthetic articles with a version in each language; returns the number
    of files written."""
    rng = random.Random(seed)
    slugs = list(load_categories(docs_dir))
    sources = {lang: sample_sentences(docs_dir, lang) for lang in languages}
    for lang, found in sources.items():
        if len(found) < SENTENCES_PER_ARTICLE:
            raise SystemExit(f"not enough sample sentences in {lang} under {docs_dir / 'news'} to draw from ({len(found)})")
    written = 0
    for number in range(1, articles + 1):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        categories = rng.sample(slugs, rng.choice((1, 1, 2)))
        for lang in languages:
            title, summary, body = article_text(rng, lang, sources[lang], number)
            lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
            if lang == languages[0]:
                lines.append(f"date: {day.isoformat()}T{rng.randrange(7, 18):02d}:00:00+07:00")
            lines += [f"categories: [{', '.join(categories)}]",
                      f"summary: {json.dumps(summary, ensure_ascii=False)}", "---", "", body, ""]
            path = docs_dir / "news" / str(day.year) / f"synthetic-{number:05d}.{lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines), encoding="utf-8")
            written += 1
    return written


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
