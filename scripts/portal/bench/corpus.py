"""Synthetic content at the scale of years of news, for the build, preview and search benchmarks.

    write_project(destination, articles=1000)   # a full copy of the project with 1,000 articles
    write_news(docs_dir, articles=1000)          # only the articles, into an existing docs folder

A project copy holds what a real build reads: mkdocs.yml, overrides/, docs/_data, the home and
about pages, the news section pages and the procedures, plus N articles in five languages that
look like the portal's own news:

- text drawn at random from the sample news of each language (so each language's words, scripts
  and sentence shapes are real), at the length of real news items, with headings, lists, an
  occasional table and invented place and person names, so that the vocabulary keeps growing
  with the corpus as it does in years of real news (the search benchmark depends on that);
- publication dates spread over 2021-2025, Vietnam time; translations sometimes dated later;
- one or two categories from the site's list;
- partial translations (every article in Vietnamese, fewer in the other languages), machine
  drafts with their source hash, some outdated, a few drafts;
- lead photos at camera sizes (see `photos`), some with a second photo in the text;
- a few links to earlier articles.

Every version says in its text that it is generated sample content. Generation is deterministic
for a given seed and sample text."""

from __future__ import annotations

import json
import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from slugify import slugify

from ..front_matter import parse_document
from ..languages import CODES, DEFAULT
from ..content.site_data import load_categories
from ..content.translation_status import source_hash_of
from .photos import CAMERA_SIZES, POOL_SIZE, Photo, photo_pool, with_capture_note

PROJECT = Path(__file__).resolve().parents[3]
"""The repository this package lives in: its sample news is the text source."""

PROJECT_FILES = ("mkdocs.yml",)
PROJECT_FOLDERS = ("overrides", "docs/_data", "docs/procedures")


@dataclass(frozen=True)
class CorpusShape:
    """What share of articles and versions have each feature."""

    first_day: date = date(2021, 1, 1)
    last_day: date = date(2025, 12, 31)
    translated: dict = field(default_factory=lambda: {"en": 0.9, "ja": 0.6, "zh": 0.55, "ko": 0.5})
    """Share of articles with a version in each language other than Vietnamese."""
    draft_article: float = 0.02
    draft_translation: float = 0.03
    machine_translation: float = 0.15
    outdated_machine: float = 0.2
    """Share of machine drafts whose source changed since (a stale source hash)."""
    later_translation: float = 0.3
    """Share of translations published on a later day than the source."""
    lead_photo: float = 0.15
    second_photo: float = 0.25
    """Share of articles with a lead photo that also show a second photo in the text."""
    photo_sizes: tuple = CAMERA_SIZES
    """(width, height, share) of the photos: cameras' and phones' by default."""
    photo_pool: int = POOL_SIZE
    link: float = 0.05
    table: float = 0.1
    paragraphs: tuple[int, int] = (4, 8)
    sentences_per_paragraph: tuple[int, int] = (2, 4)


FULL_TRANSLATIONS = CorpusShape(
    translated={lang: 1.0 for lang in CODES if lang != DEFAULT},
    draft_article=0.0, draft_translation=0.0, machine_translation=0.0, lead_photo=0.0, link=0.0,
)
"""Every article in every language, no drafts, no photos: what the search benchmark indexes."""


@dataclass
class CorpusReport:
    articles: int = 0
    versions: dict[str, int] = field(default_factory=lambda: {lang: 0 for lang in CODES})
    drafts: int = 0
    photos: int = 0
    photo_bytes: int = 0
    links: int = 0
    files: int = 0

    def summary(self) -> str:
        per_language = ", ".join(f"{lang} {count}" for lang, count in self.versions.items())
        return (f"{self.articles} articles, {sum(self.versions.values())} versions ({per_language}), "
                f"{self.drafts} drafts, {self.photos} photos ({self.photo_bytes / 1e6:.0f} MB), {self.links} links")


# -- text drawn from the sample news ----------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
CJK = ("ja", "zh")
NAME_PARTS = {
    "vi": ["Hòa", "Đông", "Tân", "Vĩnh", "Lạc", "Phú", "Đức", "Thạnh", "Hưng", "Quý", "Định", "An", "Bình", "Khê", "Đình", "Yên"],
    "en": ["Ash", "Bel", "Cor", "Dun", "El", "Fen", "Gar", "Hal", "Ing", "Jor", "Kel", "Lin", "Mor", "Nor", "Ost", "Pen"],
    "ja": ["北", "南", "山", "川", "田", "浜", "松", "森", "島", "原", "崎", "野", "橋", "岡", "宮", "沢"],
    "zh": ["华", "东", "新", "安", "平", "兴", "福", "德", "荣", "泰", "盛", "海", "江", "山", "林", "阳"],
    "ko": ["한", "동", "서", "남", "북", "영", "진", "성", "경", "광", "명", "선", "해", "산", "천", "원"],
}
NAME_SIZE = {"vi": 2, "en": 2, "ja": 3, "zh": 3, "ko": 3}
SAMPLE_NOTE = {
    "vi": "*Nội dung mẫu tự động, dùng để đo hiệu năng.*",
    "en": "*Automatically generated sample content for benchmarks.*",
    "ja": "*ベンチマーク用に自動生成したサンプルコンテンツです。*",
    "zh": "*用于性能测试的自动生成示例内容。*",
    "ko": "*성능 측정을 위해 자동 생성한 샘플 콘텐츠입니다.*",
}
SEE_ALSO = {"vi": "Xem thêm", "en": "See also", "ja": "関連記事", "zh": "相关新闻", "ko": "관련 기사"}
PHOTO_ALT = {
    "vi": "Ảnh minh họa: {name}", "en": "Illustration: {name}", "ja": "イメージ写真：{name}",
    "zh": "示意图：{name}", "ko": "참고 사진: {name}",
}
HEADLINE_LENGTH = {"vi": (8, 16), "en": (7, 14), "ko": (5, 10), "ja": (18, 34), "zh": (14, 28)}
"""Headline length in words (vi, en, ko) or characters (ja, zh)."""


@dataclass
class TextSource:
    """Sentences, headings, list items and tables of one language's sample news."""

    sentences: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


def read_text_sources(docs_dir: Path, languages=CODES) -> dict[str, TextSource]:
    sources = {}
    for lang in languages:
        source = TextSource()
        for path in sorted((docs_dir / "news").rglob(f"*.{lang}.md")):
            _collect(parse_document(path.read_text(encoding="utf-8")).body, source)
        if len(source.sentences) < 20:
            raise ValueError(f"not enough sample sentences in {lang} under {docs_dir / 'news'} to draw from "
                             f"({len(source.sentences)}); the text source must be a docs folder with sample news")
        sources[lang] = source
    return sources


def _collect(body: str, source: TextSource) -> None:
    table: list[str] = []
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            table.append(stripped)
            continue
        if len(table) >= 3:
            source.tables.append("\n".join(table))
        table = []
        if stripped.startswith("## "):
            source.headings.append(_plain(stripped[3:]))
        elif stripped.startswith("- ") and len(stripped) > 12:
            source.items.append(_plain(stripped[2:]))
        elif len(stripped) >= 20 and not stripped.startswith(("#", "!", "<", ":", "*Nội", ">", "*")):
            plain = _plain(stripped)
            source.sentences.extend(part.strip() for part in SENTENCE_END.split(plain) if len(part.strip()) >= 12)
    if len(table) >= 3:
        source.tables.append("\n".join(table))


def _plain(text: str) -> str:
    """Text without links, images, emphasis or attribute lists: links would point nowhere."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[^}]*\}", "", text)
    return re.sub(r"[*_`]", "", text).strip()


def invented_name(rng: random.Random, lang: str) -> str:
    parts = [rng.choice(NAME_PARTS[lang]) for _ in range(NAME_SIZE[lang])]
    if lang == "vi":
        return " ".join(parts)
    name = "".join(parts)
    return name.capitalize() if lang == "en" else name


def headline(rng: random.Random, lang: str, source: TextSource, name: str) -> str:
    sentence = re.sub(r"[.!?。！？:：;；,，、]+$", "", rng.choice(source.sentences))
    low, high = HEADLINE_LENGTH[lang]
    if lang in CJK:
        cut = sentence[: rng.randint(low, high)].rstrip("，、。：；")
        return f"{name}{cut}"
    words = sentence.split()[: rng.randint(low, high)]
    text = " ".join(words).rstrip(",;:")
    return f"{name}: {text}"


# -- one article --------------------------------------------------------------------------------

@dataclass
class ArticlePlan:
    number: int
    moment: datetime
    categories: list[str]
    languages: list[str]
    names: dict[str, list[str]]
    draft: set[str] = field(default_factory=set)
    machine: set[str] = field(default_factory=set)
    outdated: set[str] = field(default_factory=set)
    later: dict[str, datetime] = field(default_factory=dict)
    photos: list[str] = field(default_factory=list)
    """Photo file names under the year's images/ folder: the lead photo first."""
    link_to: tuple[str, dict[str, str]] | None = None
    """(docs-relative path without suffix, title per language) of an earlier article."""
    table: bool = False
    slug: str = ""

    @property
    def key(self) -> str:
        return f"news/{self.moment.year}/{self.slug}"


def _plan(rng: random.Random, number: int, shape: CorpusShape, slugs: list[str], languages) -> ArticlePlan:
    days = (shape.last_day - shape.first_day).days
    day = shape.first_day + timedelta(days=rng.randrange(days + 1))
    moment = datetime(day.year, day.month, day.day, rng.randrange(7, 18), rng.choice((0, 15, 30, 45)))
    chosen = [DEFAULT] + [lang for lang in languages if lang != DEFAULT and rng.random() < shape.translated.get(lang, 1.0)]
    plan = ArticlePlan(number, moment, rng.sample(slugs, rng.choice((1, 1, 1, 2))), chosen,
                       {lang: [invented_name(rng, lang) for _ in range(3)] for lang in chosen})
    if rng.random() < shape.draft_article:
        plan.draft.add(DEFAULT)
    for lang in chosen[1:]:
        if rng.random() < shape.draft_translation:
            plan.draft.add(lang)
        if rng.random() < shape.machine_translation:
            plan.machine.add(lang)
            if rng.random() < shape.outdated_machine:
                plan.outdated.add(lang)
        if rng.random() < shape.later_translation:
            plan.later[lang] = moment + timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 5))
    plan.table = rng.random() < shape.table
    return plan


def _body(rng: random.Random, lang: str, plan: ArticlePlan, source: TextSource, shape: CorpusShape) -> str:
    separator = "" if lang in CJK else " "
    names = plan.names[lang]
    blocks = []
    paragraphs = rng.randint(*shape.paragraphs)
    heading_at = {rng.randrange(2, paragraphs)} if paragraphs > 3 and source.headings else set()
    list_at = rng.randrange(1, paragraphs) if source.items and rng.random() < 0.4 else None
    for index in range(paragraphs):
        if index in heading_at:
            blocks.append("## " + rng.choice(source.headings))
        sentences = rng.sample(source.sentences, rng.randint(*shape.sentences_per_paragraph))
        if rng.random() < 0.5:
            sentences.insert(rng.randrange(len(sentences) + 1), _name_sentence(rng, lang, names))
        blocks.append(separator.join(sentences))
        if index == list_at:
            blocks.append("\n".join("- " + item for item in rng.sample(source.items, min(len(source.items), rng.randint(3, 5)))))
        if index == 0 and len(plan.photos) > 1:
            alt = PHOTO_ALT[lang].format(name=names[1])
            blocks.append(f"![{alt}](images/{plan.photos[1]})")
    if plan.table and source.tables:
        blocks.insert(min(3, len(blocks)), rng.choice(source.tables))
    if plan.link_to:
        target, titles = plan.link_to
        relative = _relative_link(plan.key, target)
        blocks.append(f"{SEE_ALSO[lang]}: [{titles.get(lang) or titles[DEFAULT]}]({relative}.md)")
    blocks.append(SAMPLE_NOTE[lang])
    return "\n\n".join(blocks) + "\n"


def _name_sentence(rng: random.Random, lang: str, names: list[str]) -> str:
    name = rng.choice(names)
    return {
        "vi": f"Đại diện {name} cho biết sẽ tiếp tục phối hợp chặt chẽ với Sở Ngoại vụ.",
        "en": f"A representative of {name} said cooperation with the Department would continue.",
        "ja": f"{name}の代表は、外務局との協力を今後も続けると述べました。",
        "zh": f"{name}代表表示，将继续与外事局密切合作。",
        "ko": f"{name} 대표는 외무국과의 협력을 계속하겠다고 밝혔습니다.",
    }[lang]


def _relative_link(from_key: str, to_key: str) -> str:
    from_folder, to_folder = from_key.rsplit("/", 1)[0], to_key.rsplit("/", 1)[0]
    name = to_key.rsplit("/", 1)[1]
    return name if from_folder == to_folder else f"../{to_folder.rsplit('/', 1)[1]}/{name}"


def _front_matter(fields: list[tuple[str, object]]) -> str:
    lines = ["---"]
    for name, value in fields:
        if isinstance(value, bool):
            lines.append(f"{name}: {'true' if value else 'false'}")
        elif isinstance(value, list):
            lines.append(f"{name}: [{', '.join(value)}]")
        else:
            lines.append(f"{name}: {json.dumps(str(value), ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:00+07:00")


# -- the corpus --------------------------------------------------------------------------------

def write_news(docs_dir: Path, articles: int, *, seed: int = 9, shape: CorpusShape = CorpusShape(),
               text_from: Path | None = None, languages=CODES, photo_cache: Path | None = None) -> CorpusReport:
    """Write `articles` synthetic articles under `docs_dir/news/<year>/`.

    Text comes from the sample news under `text_from` (default: `docs_dir` itself, else this
    repository's docs). Base photos are kept in `photo_cache` between runs."""
    docs_dir = Path(docs_dir)
    if text_from is None:
        text_from = docs_dir if any((docs_dir / "news").rglob("*.md")) else PROJECT / "docs"
    sources = read_text_sources(Path(text_from), languages)
    categories = list(load_categories(docs_dir))
    rng = random.Random(seed)
    pool: list[Photo] = (photo_pool(photo_cache or PROJECT / ".cache" / "bench-photos", seed, shape.photo_sizes, shape.photo_pool)
                         if shape.lead_photo else [])
    report = CorpusReport(articles=articles)
    plans: list[ArticlePlan] = []
    # Sample news may share the folder: never reuse one of its names.
    used_slugs = {path.name.split(".", 1)[0] for path in (docs_dir / "news").rglob("*.md")}
    titles_of: dict[str, dict[str, str]] = {}
    for number in range(1, articles + 1):
        plan = _plan(rng, number, shape, categories, languages)
        titles = {lang: headline(rng, lang, sources[lang], plan.names[lang][0]) for lang in plan.languages}
        plan.slug = _unique_slug(titles[DEFAULT], used_slugs)
        if pool and rng.random() < shape.lead_photo:
            plan.photos.append(f"{plan.slug[:48]}.jpg")
            if rng.random() < shape.second_photo:
                plan.photos.append(f"{plan.slug[:48]}-2.jpg")
        linkable = [earlier for earlier in plans[-200:] if not earlier.draft]
        if linkable and rng.random() < shape.link:
            earlier = rng.choice(linkable)
            plan.link_to = (earlier.key, titles_of[earlier.key])
            report.links += 1
        plans.append(plan)
        titles_of[plan.key] = titles
        report.files += _write_article(docs_dir, rng, plan, titles, sources, shape, pool, report)
    return report


def _unique_slug(title: str, used: set[str]) -> str:
    base = slugify(title, max_length=80, word_boundary=True) or "tin"
    slug, suffix = base, 2
    while slug in used:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    used.add(slug)
    return slug


def _write_article(docs_dir: Path, rng: random.Random, plan: ArticlePlan, titles: dict[str, str],
                   sources: dict[str, TextSource], shape: CorpusShape, pool: list[Photo], report: CorpusReport) -> int:
    folder = docs_dir / "news" / str(plan.moment.year)
    folder.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(plan.photos):
        photo = pool[(plan.number + index) % len(pool)]
        data = with_capture_note(photo, f"Sample photo {plan.number}-{index}, taken {plan.moment.isoformat()}")
        (folder / "images").mkdir(exist_ok=True)
        (folder / "images" / name).write_bytes(data)
        report.photos += 1
        report.photo_bytes += len(data)
    source_hash = None
    written = len(plan.photos)
    for lang in plan.languages:
        body = _body(rng, lang, plan, sources[lang], shape)
        fields: list[tuple[str, object]] = [("title", titles[lang])]
        if lang == DEFAULT:
            fields.append(("date", _iso(plan.moment)))
        elif lang in plan.later:
            fields.append(("date", _iso(plan.later[lang])))
        fields += [("categories", plan.categories),
                   ("summary", re.sub(r"\s+", " ", rng.choice(sources[lang].sentences)))]
        if plan.photos:
            fields += [("image", f"images/{plan.photos[0]}"), ("image_alt", PHOTO_ALT[lang].format(name=plan.names[lang][0]))]
        if lang in plan.draft:
            fields.append(("draft", True))
            report.drafts += 1
        if lang in plan.machine:
            fields += [("translation_status", "machine"),
                       ("source_hash", "0000000000000000" if lang in plan.outdated else source_hash)]
        text = _front_matter(fields) + body
        if lang == DEFAULT:
            source_hash = source_hash_of(parse_document(text), f"{plan.key}.{lang}.md")
        (folder / f"{plan.slug}.{lang}.md").write_text(text, encoding="utf-8")
        report.versions[lang] += 1
        written += 1
    return written


def copy_project_skeleton(destination: Path, project: Path = PROJECT) -> Path:
    """mkdocs.yml, overrides/, docs/_data, the top-level pages (home, about), the news section
    pages and the procedures of `project`: everything a build reads except the articles."""
    destination = Path(destination)
    (destination / "docs" / "news").mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(project / name, destination / name)
    for folder in PROJECT_FOLDERS:
        if (project / folder).is_dir():
            shutil.copytree(project / folder, destination / folder, dirs_exist_ok=True)
    for page in (project / "docs").glob("*.md"):
        shutil.copy2(page, destination / "docs" / page.name)
    for page in (project / "docs" / "news").glob("index*.md"):
        shutil.copy2(page, destination / "docs" / "news" / page.name)
    return destination


def write_project(destination: Path, articles: int, *, seed: int = 9, shape: CorpusShape = CorpusShape(),
                  project: Path = PROJECT, photo_cache: Path | None = None) -> CorpusReport:
    """A full copy of `project` whose news are `articles` synthetic articles (the sample news of
    `project` is only the text source, not copied)."""
    destination = copy_project_skeleton(destination, project)
    return write_news(destination / "docs", articles, seed=seed, shape=shape, text_from=project / "docs",
                      photo_cache=photo_cache or project / ".cache" / "bench-photos")


def write_synthetic_news(docs_dir: Path, articles: int, *, seed: int = 7, languages=CODES) -> int:
    """Every article in every language, no drafts or photos, next to the sample news already in
    `docs_dir` (what the search benchmark indexes). Returns the number of files written."""
    return write_news(Path(docs_dir), articles, seed=seed, shape=FULL_TRANSLATIONS, languages=tuple(languages)).files
