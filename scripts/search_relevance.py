"""Relevance of the site search, measured in headless Chromium on the sample site: the judged
queries of tests/search_relevance.yml are typed into the real search dialog, once with Pagefind's
own order (as the dialog ranked before it ordered by word sequence) and once with the dialog's
order, each in a fresh browser (cold cache). Prints the scores as a Markdown table for the
README's Search section.

    python scripts/search_relevance.py               # build the sample site, then measure
    python scripts/search_relevance.py --site DIR    # measure a site already built from docs/
    python scripts/search_relevance.py --queries     # also each query's ranks
    python scripts/search_relevance.py --phone       # times on an emulated phone network too

Scores (see portal/search/relevance.py): success@3, MRR and R-precision, averaged over the
queries; the time from the query to the results shown (including the dialog's 120 ms typing
pause); the Pagefind files downloaded for all the queries of a run.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from portal.search.relevance import ORDERS, Scores, load_judgments, run_through_dialog

PROJECT = Path(__file__).resolve().parent.parent
JUDGMENTS = PROJECT / "tests" / "search_relevance.yml"
CHROMIUM = "/usr/bin/chromium"
# Chromium's "Fast 4G" preset, as in scripts/bench_search.py.
PHONE_NETWORK = {"offline": False, "latency": 60, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 1_500_000 / 8}
ORDER_NAMES = {"engine": "Pagefind's order (before)", "dialog": "dialog's order (after)"}


def build_sample_site(work: Path) -> Path:
    project = work / "project"
    project.mkdir(parents=True)
    shutil.copy(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("overrides", "docs"):
        shutil.copytree(PROJECT / folder, project / folder)
    site = work / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PORTAL_ONLY_LANGUAGE", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                            cwd=project, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr[-4000:]}")
    return site


class QuietServer:
    """Serves a built site on 127.0.0.1 (Pagefind's files are compressed already)."""

    def __init__(self, root: Path):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def measure(browser, base_url: str, judgments, order: str, network: dict | None):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if network:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network)
    downloads = []
    context.on("requestfinished", lambda request: downloads.append(request) if "/pagefind/" in request.url else None)
    outcomes = run_through_dialog(page, base_url, judgments, order)
    fragments = sum(1 for request in downloads if "/pagefind/fragment/" in request.url)
    search_bytes = sum(request.sizes()["responseBodySize"] for request in downloads)
    context.close()
    return outcomes, fragments, search_bytes


def table(runs: dict, phone: dict) -> list[str]:
    lines = ["| | " + " | ".join(ORDER_NAMES[order] for order in ORDERS) + " |", "|---|" + "---|" * len(ORDERS)]

    def row(label, value):
        lines.append(f"| {label} | " + " | ".join(value(order) for order in ORDERS) + " |")

    scores = {order: Scores.of(runs[order][0]) for order in ORDERS}
    row("success@3", lambda order: f"{scores[order].success_at_3:.2f}")
    row("MRR", lambda order: f"{scores[order].mrr:.2f}")
    row("R-precision", lambda order: f"{scores[order].r_precision:.2f}")
    for query in ("dang ky", "dai su quan"):
        row(f"results for “{query}” (pages that contain it)", lambda order, query=query: next(
            f"{outcome.count} ({len(outcome.judgment.relevant)})" for outcome in runs[order][0] if outcome.judgment.query == query))
    row("time to results, loopback (median / slowest)",
        lambda order: f"{scores[order].median_ms:,.0f} / {scores[order].slowest_ms:,.0f} ms")
    if phone:
        phone_scores = {order: Scores.of(phone[order][0]) for order in ORDERS}
        row("time to results, phone network (median / slowest)",
            lambda order: f"{phone_scores[order].median_ms:,.0f} / {phone_scores[order].slowest_ms:,.0f} ms")
    row("Pagefind files downloaded for all queries (fragments)",
        lambda order: f"{runs[order][2] / 1024:,.0f} KiB ({runs[order][1]})")
    return lines


def per_query(runs: dict) -> list[str]:
    lines = ["", "| lang | query | relevant | " + " | ".join(f"{ORDER_NAMES[order]}: first relevant / R-prec. / results / ms" for order in ORDERS) + " |",
             "|---|---|---|" + "---|" * len(ORDERS)]
    for index, judgment in enumerate(outcome.judgment for outcome in runs[ORDERS[0]][0]):
        cells = []
        for order in ORDERS:
            outcome = runs[order][0][index]
            cells.append(f"{outcome.first_relevant or '–'} / {outcome.r_precision:.2f} / {outcome.count} / {outcome.seconds * 1000:,.0f}")
        lines.append(f"| {judgment.lang} | {judgment.query} | {len(judgment.relevant)} | " + " | ".join(cells) + " |")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a site already built from the project's docs/ (default: build one)")
    parser.add_argument("--judgments", type=Path, default=JUDGMENTS, help="the judged queries (default: %(default)s)")
    parser.add_argument("--queries", action="store_true", help="also print each query's ranks")
    parser.add_argument("--phone", action="store_true", help="also time the queries on an emulated phone network")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} not found: install Debian's chromium")
    judgments = load_judgments(args.judgments)
    work = None
    site = args.site
    if site is None:
        work = Path(tempfile.mkdtemp(prefix="search-relevance-"))
        print("  building the sample site ...", file=sys.stderr)
        site = build_sample_site(work)
    from playwright.sync_api import sync_playwright

    server = QuietServer(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            runs, phone = {}, {}
            for order in ORDERS:
                print(f"  {len(judgments)} queries, {ORDER_NAMES[order]} ...", file=sys.stderr)
                runs[order] = measure(browser, server.url, judgments, order, None)
                if args.phone:
                    phone[order] = measure(browser, server.url, judgments, order, PHONE_NETWORK)
            browser.close()
    finally:
        server.close()
        if work:
            shutil.rmtree(work, ignore_errors=True)
    lines = [f"{len(judgments)} judged queries (tests/search_relevance.yml), sample site, headless Chromium:", ""]
    lines += table(runs, phone)
    if args.queries:
        lines += per_query(runs)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
