// The search dialog over Pagefind's index of the page's language, loaded by search.js on first
// use. Pagefind picks the index from <html lang>, so a reader on /ja/ only ever searches Japanese
// pages. Results are ordinary links: arrow keys move the focus from the field through them and
// back, Enter follows the focused one (or, from the field, the best one).

const PAGE_SIZE = 10;
const TYPING_PAUSE_MS = 120;
const MAX_FOLDED_TERMS = 3;
const LITERAL_FALLBACK_LANGUAGES = new Set(["zh", "ja"]);
const LITERAL_FALLBACK_CANDIDATES = 40;
const LITERAL_EXCERPT_CHARACTERS = 40;

// Pagefind folds Vietnamese tone and vowel marks ("ho chieu" finds "hộ chiếu") but treats "đ"
// as its own letter, while people on phones type "d". In Vietnamese "đ" only starts a syllable,
// so each syllable typed with a leading "d" is also searched with "đ", and the result lists are
// merged. A query written with "đ" is searched as it is.
export function queryVariants(query, lang) {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  if (lang !== "vi") return [terms.join(" ")];
  let variants = [[]];
  let folded = 0;
  for (const term of terms) {
    const foldable = /^d/i.test(term) && folded < MAX_FOLDED_TERMS;
    if (foldable) folded += 1;
    const forms = foldable ? [term, (term[0] === "D" ? "Đ" : "đ") + term.slice(1)] : [term];
    variants = variants.flatMap((variant) => forms.map((form) => [...variant, form]));
  }
  return variants.map((variant) => variant.join(" "));
}

function mergeByScore(resultLists) {
  const best = new Map();
  for (const result of resultLists.flat()) {
    const known = best.get(result.id);
    if (!known || result.score > known.score) best.set(result.id, result);
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

// Pagefind cuts the index's Chinese and Japanese text into words with its own dictionary at
// build time, but a query in the browser with Intl.Segmenter, whose dictionary differs: a word
// the index kept whole can come apart in the query (欢度 -> 欢 + 度) and then match nothing.
// When that happens the query's first piece is searched alone (which matches the index word by
// its beginning) and only the pages whose text contains the query as typed are kept.
async function literalMatches(pagefind, query, lang) {
  const literal = query.replace(/\s+/g, "");
  const pieces = [...new Intl.Segmenter(lang, { granularity: "word" }).segment(literal)].filter((piece) => piece.isWordLike);
  if (pieces.length < 2) return [];
  const candidates = (await pagefind.search(pieces[0].segment)).results.slice(0, LITERAL_FALLBACK_CANDIDATES);
  const pages = await Promise.all(candidates.map(async (candidate) => ({ candidate, page: await candidate.data() })));
  return pages
    .filter(({ page }) => page.content.includes(literal))
    .map(({ candidate, page }) => ({
      id: candidate.id,
      score: candidate.score,
      data: async () => ({ ...page, excerpt: literalExcerpt(page.content, literal) }),
    }));
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function literalExcerpt(content, literal) {
  const at = content.indexOf(literal);
  const start = Math.max(0, at - LITERAL_EXCERPT_CHARACTERS);
  const end = Math.min(content.length, at + literal.length + LITERAL_EXCERPT_CHARACTERS);
  return escapeHtml(content.slice(start, at)) + "<mark>" + escapeHtml(literal) + "</mark>"
    + escapeHtml(content.slice(at + literal.length, end));
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// Pagefind's excerpt is page text (HTML-escaped) with the matched words in <mark>. It is rebuilt
// as DOM nodes so that nothing but <mark> can come from the index into the page.
function excerptNodes(excerpt) {
  // A <textarea> parses its markup as text: entities are decoded, tags are not created, and
  // the spaces between marked words survive.
  const decoder = document.createElement("textarea");
  const decode = (html) => {
    decoder.innerHTML = html;
    return decoder.value;
  };
  const nodes = [];
  excerpt.split(/(<mark>.*?<\/mark>)/s).forEach((part) => {
    if (!part) return;
    const marked = part.match(/^<mark>(.*)<\/mark>$/s);
    if (marked) {
      const mark = document.createElement("mark");
      mark.textContent = decode(marked[1]);
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(decode(part)));
    }
  });
  return nodes;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function loadStyle() {
  const href = new URL("./search.css", import.meta.url).href;
  if (document.querySelector(`link[href="${href}"]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
    // A missing style must not keep search closed: the dialog still works unstyled.
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve);
    document.head.append(link);
  });
}

class SearchDialog {
  constructor(dialog, opener) {
    this.dialog = dialog;
    this.opener = opener;
    this.input = dialog.querySelector(".portal-search__input");
    this.list = dialog.querySelector(".portal-search__results");
    this.status = dialog.querySelector(".portal-search__status");
    this.strings = JSON.parse(dialog.dataset.portalSearchStrings);
    this.lang = document.documentElement.lang;
    this.bundle = new URL(dialog.dataset.portalSearchBundle, document.baseURI);
    this.style = loadStyle();
    this.pagefind = null;
    this.matches = [];
    this.shown = 0;
    this.sequence = 0;
    this.timer = null;
    this.searched = null;
    this.current = null;

    this.input.addEventListener("input", () => this.schedule());
    this.input.addEventListener("keydown", (event) => this.onFieldKey(event));
    this.list.addEventListener("keydown", (event) => this.onListKey(event));
    dialog.querySelector("[data-portal-search-close]").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => this.opener.focus());
    // A click on the backdrop lands on the <dialog> itself, outside its box.
    dialog.addEventListener("click", (event) => {
      if (event.target !== dialog) return;
      const box = dialog.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right
        && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) dialog.close();
    });
  }

  // The loader has opened the dialog and focused the field already; what was typed meanwhile is
  // searched now.
  async open() {
    this.loadIndex();
    await this.style;
    if (!this.dialog.open) return;
    if (this.input.value !== this.searched) this.schedule();
  }

  loadIndex() {
    if (!this.pagefind) {
      // The index URLs Pagefind returns are site-root paths; the site may live under a sub-path.
      const siteRoot = new URL("..", this.bundle).pathname;
      this.pagefind = import(new URL("pagefind.js", this.bundle).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: siteRoot, excerptLength: 24 });
        await pagefind.init();
        return pagefind;
      });
      this.pagefind.catch(() => {});
    }
    return this.pagefind;
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(this.input.value), TYPING_PAUSE_MS);
  }

  search(query) {
    this.searched = query;
    this.current = this.run(query);
    return this.current;
  }

  async run(query) {
    const sequence = ++this.sequence;
    if (!query.trim()) {
      this.show([], "");
      return;
    }
    this.dialog.setAttribute("aria-busy", "true");
    this.status.textContent = this.strings.searching;
    let matches;
    try {
      const pagefind = await this.loadIndex();
      const searches = await Promise.all(queryVariants(query, this.lang).map((variant) => pagefind.search(variant)));
      matches = mergeByScore(searches.map((search) => search.results));
      if (!matches.length && LITERAL_FALLBACK_LANGUAGES.has(this.lang) && "Segmenter" in Intl) {
        matches = await literalMatches(pagefind, query, this.lang);
      }
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.dialog.removeAttribute("aria-busy");
      this.show([], this.strings.unavailable);
      this.dialog.dataset.portalSearchAnswered = query;
      console.error("portal search:", error);
      return;
    }
    if (sequence !== this.sequence) return;
    this.matches = matches;
    this.shown = 0;
    this.list.replaceChildren();
    await this.showMore(sequence);
    if (sequence !== this.sequence) return;
    this.dialog.removeAttribute("aria-busy");
    const count = matches.length;
    this.status.textContent = count === 0
      ? fill(this.strings.none, { query: query.trim() })
      : fill(count === 1 ? this.strings.count_one : this.strings.count, { count });
    // Which query the list answers, for scripts and tests that drive the dialog.
    this.dialog.dataset.portalSearchAnswered = query;
  }

  show(matches, status) {
    this.matches = matches;
    this.shown = 0;
    this.list.replaceChildren();
    this.status.textContent = status;
    this.dialog.querySelector(".portal-search__more")?.remove();
  }

  async showMore(sequence = this.sequence) {
    const next = this.matches.slice(this.shown, this.shown + PAGE_SIZE);
    const pages = await Promise.all(next.map((match) => match.data()));
    if (sequence !== this.sequence) return;
    const first = this.shown;
    pages.forEach((page) => this.list.append(this.result(page)));
    this.shown += pages.length;
    this.renderMoreButton();
    return first;
  }

  renderMoreButton() {
    this.dialog.querySelector(".portal-search__more")?.remove();
    if (this.shown >= this.matches.length) return;
    const more = element("button", "portal-search__more md-button", this.strings.more);
    more.type = "button";
    more.addEventListener("click", async () => {
      const first = await this.showMore();
      this.links()[first]?.focus();
    });
    this.list.after(more);
  }

  result(page) {
    const item = element("li", "portal-search__result");
    const link = element("a", "portal-search__link");
    link.href = page.url;
    link.append(element("span", "portal-search__title", page.meta.title || page.url));
    const meta = this.metaLine(page.meta);
    if (meta) link.append(element("span", "portal-search__meta", meta));
    const excerpt = element("span", "portal-search__excerpt");
    excerpt.append(...excerptNodes(page.excerpt || ""));
    link.append(excerpt);
    item.append(link);
    return item;
  }

  metaLine(meta) {
    const kind = this.strings[`kind_${meta.kind}`] || "";
    const detail = meta.kind === "procedure" && meta.code ? fill(this.strings.code, { code: meta.code }) : meta.date || "";
    return [kind, detail].filter(Boolean).join(" · ");
  }

  links() {
    return [...this.list.querySelectorAll(".portal-search__link")];
  }

  onFieldKey(event) {
    if (event.key === "ArrowDown") {
      const first = this.links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(this.timer);
      // Enter typed right after the query opens the best result once the search has answered.
      const answered = this.input.value === this.searched ? this.current : this.search(this.input.value);
      Promise.resolve(answered).then(() => {
        const best = this.links()[0];
        if (best) window.location.assign(best.href);
      });
    }
  }

  onListKey(event) {
    const links = this.links();
    const position = links.indexOf(document.activeElement);
    if (position < 0) return;
    const moves = { ArrowDown: position + 1, ArrowUp: position - 1, Home: 0, End: links.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const target = moves[event.key];
    if (target < 0) {
      this.input.focus();
    } else if (target < links.length) {
      links[target].focus();
      links[target].scrollIntoView({ block: "nearest" });
    }
  }
}

export function attach(dialog, opener) {
  return new SearchDialog(dialog, opener);
}
