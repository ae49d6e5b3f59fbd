"""Preview benchmark: how long after an editor saves an article the preview shows the change.

    python scripts/bench_preview.py                       # 1,000 generated articles, Vietnamese
    python scripts/bench_preview.py --articles 4000 --lang en
    python scripts/bench_preview.py --project /tmp/corpus  # an existing copy of the project

It starts `portal serve --lang L` on a generated copy of the project (scripts/generate_corpus.py),
waits for the first build, then saves an article several times (a new sentence in the text, a
new headline, a new summary) and polls the served page over HTTP until the change is there,
printing the time from the save to the first response that shows it. A last save changes the
article's date, which moves it in the listings and so rebuilds the whole language (shown for
comparison). Not run by CI."""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from portal.bench.corpus import write_project
from portal.content.news import load_news
from portal.pages.urls import BuildLayout
from portal.pages.views import article_norm

POLL_SECONDS = 0.02


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, shows: str, timeout: float, since: float | None = None) -> float:
    """Seconds from `since` (default: now) until the page at `url` contains `shows`."""
    started = time.perf_counter() if since is None else since
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and shows in page:
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"{url} did not show {shows!r} within {timeout:.0f} s")


def pick_article(project: Path, lang: str):
    news, _ = load_news(project / "docs")
    published = news.published(lang)
    if not published:
        raise SystemExit(f"no published {lang} article in {project}")
    article = published[len(published) // 2]
    return article, project / "docs" / article.versions[lang].rel_path


def save(path: Path, text: str) -> float:
    started = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    return started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--lang", default="vi")
    parser.add_argument("--project", type=Path, help="an existing copy of the project (default: generate one)")
    parser.add_argument("--edits", type=int, default=3, help="saves of each kind (default 3)")
    args = parser.parse_args(argv)

    workdir = None
    project = args.project
    if project is None:
        workdir = Path(tempfile.mkdtemp(prefix="portal-preview-bench-"))
        project = workdir / "project"
        print(f"generating {args.articles} articles: {write_project(project, args.articles).summary()}", flush=True)
    article, path = pick_article(project, args.lang)
    original = path.read_text(encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    url = base + BuildLayout(args.lang).site_path(args.lang, article_norm(article))
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([str(Path(sys.executable).with_name("portal")), "serve", "--lang", args.lang,
                               "--address", f"127.0.0.1:{port}"], cwd=project, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows = []
    try:
        started = time.perf_counter()
        wait_for(url, article.versions[args.lang].title.split(":")[0], timeout=600)
        print(f"first build and serve of {args.lang}: {time.perf_counter() - started:.1f} s "
              f"(load average {os.getloadavg()[0]:.1f})", flush=True)
        current = original
        for number in range(1, args.edits + 1):
            for kind in ("text", "headline", "summary"):
                marker = f"Preview {kind} {number} {time.time_ns()}"
                edited = {
                    "text": lambda: current.rstrip("\n") + f"\n\n{marker}.\n",
                    "headline": lambda: re.sub(r"^title: .*$", f'title: "{marker}"', current, count=1, flags=re.MULTILINE),
                    "summary": lambda: re.sub(r"^summary: .*$", f'summary: "{marker}"', current, count=1, flags=re.MULTILINE),
                }[kind]()
                shows = marker
                saved = save(path, edited)
                latency = wait_for(url, shows, timeout=60, since=saved)
                rows.append((kind, latency, os.getloadavg()[0]))
                print(f"{kind:9} {latency * 1000:6.0f} ms", flush=True)
                current = edited
        marker = f"Moved {time.time_ns()}"
        categories = re.search(r"^categories: \[([^\]]*)\]", current, flags=re.MULTILINE)
        if categories is None:
            raise SystemExit(f"{path} has no categories line to change")
        slugs = [slug.strip() for slug in categories.group(1).split(",") if slug.strip()]
        slugs = [slug for slug in slugs if slug != "thong-bao"] if "thong-bao" in slugs else slugs + ["thong-bao"]
        moved = current.replace(categories.group(0), f"categories: [{', '.join(slugs)}]", 1)
        moved = moved.rstrip("\n") + f"\n\n{marker}.\n"
        saved = save(path, moved)
        full = wait_for(url, marker, timeout=600, since=saved)
        print(f"category change (whole {args.lang} site rebuilt): {full:.1f} s", flush=True)
    finally:
        path.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        if workdir is not None:
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)
    latencies = [latency for _, latency, _ in rows]
    print(f"\nsave to preview, {len(rows)} saves of an article ({args.lang}, {args.articles:,} articles): "
          f"median {statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
          f"(load average {statistics.mean(load for _, _, load in rows):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
