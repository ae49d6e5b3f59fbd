// The search dialog over Pagefind's index of the page's language, loaded by search.js on first
// use. Pagefind picks the index from <html lang>, so a reader on /ja/ only ever searches Japanese
// pages. Results are ordinary links: arrow keys move the focus from the field through them and
// back, Enter follows the focused one (or, from the field, the best one).

const PAGE_SIZE = 10;
const TYPING_PAUSE_MS = 120;
const EXCERPT_WORDS = 24;
const MAX_FOLDED_TERMS = 3;
const LITERAL_FALLBACK_LANGUAGES = new Set(["zh", "ja"]);
const LITERAL_FALLBACK_CANDIDATES = 40;
const LITERAL_EXCERPT_CHARACTERS = 40;

// Queries of several words, in languages that separate words with spaces, are ordered by word
// sequence (see orderBySequence). How a typed word must occur for a page to count as having it:
// "whole" in Vietnamese, whose syllables never change form ("quan" is not "quảng"; the last
// syllable typed may be unfinished and may also be a beginning, ranked below a whole match);
// "beginning" in English (card finds cards) and Korean, which attaches particles to words
// (베트남 finds 베트남인과의). Chinese and Japanese queries are not split into words here.
const WORD_MATCH = { vi: "whole", en: "beginning", ko: "beginning" };
// Vietnamese syllables are not words: "đại", "sứ" and "quán" apart are other words (đại diện,
// sử dụng, quán triệt). Once some page has the typed syllables in sequence, pages where no two
// of them stand side by side are noise and are left out.
const SEQUENCE_ONLY_LANGUAGES = new Set(["vi"]);
// Longer queries are ordered by Pagefind alone (each word costs a few index look-ups).
const MAX_ORDERED_TERMS = 8;
// Pages whose text is read to confirm a match found in the index: those that would fill the
// first page of results, again if some were demoted, at most this many times.
const MAX_CONFIRM_ROUNDS = 3;

// The words of a query, without what has neither letters nor digits (a dash between words).
// Quotation marks are dropped: the dialog ranks words in sequence first anyway, and Pagefind's
// own quoted search loses pages where a word has several accented forms.
export function queryTerms(query) {
  return query.replace(/["“”„]/g, " ").split(/\s+/).filter((term) => /[\p{L}\p{N}]/u.test(term));
}

// Pagefind folds Vietnamese tone and vowel marks ("ho chieu" finds "hộ chiếu") but treats "đ"
// as its own letter, while people on phones type "d". In Vietnamese "đ" only starts a syllable,
// so a syllable typed with a leading "d" is also searched with "đ". A word written with "đ" is
// searched as it is.
export function termForms(term, lang) {
  if (lang !== "vi" || !/^d/i.test(term)) return [term];
  return [term, (term[0] === "D" ? "Đ" : "đ") + term.slice(1)];
}

// The queries searched for what was typed: every combination of the forms of its first few
// "d" syllables (the result lists are merged).
export function queryVariants(query, lang) {
  let variants = [[]];
  let folded = 0;
  for (const term of queryTerms(query)) {
    const forms = folded < MAX_FOLDED_TERMS ? termForms(term, lang) : [term];
    if (forms.length > 1) folded += 1;
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

// A word folded for comparison: lower case, without tone and vowel marks, "đ" as "d", and
// without the punctuation around it ("“Đại" -> "dai", "ký," -> "ky").
export function foldWord(word) {
  return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

// Where each typed word occurs, from Pagefind's index alone (no page is downloaded): for every
// form of the word, a search gives the pages and the word positions where it, or a longer word
// it begins, occurs; in "whole" mode a quoted search gives the pages where it is a whole word.
async function termOccurrences(pagefind, term, lang, whole) {
  const forms = termForms(term, lang);
  const [plain, exact] = await Promise.all([
    Promise.all(forms.map((form) => pagefind.search(form))),
    whole ? Promise.all(forms.map((form) => pagefind.search(`"${form}"`))) : null,
  ]);
  const positions = new Map();
  for (const result of plain.flatMap((search) => search.results)) {
    const known = positions.get(result.id) ?? new Set();
    for (const position of result.words) known.add(position);
    positions.set(result.id, known);
  }
  const pages = exact ? new Set(exact.flatMap((search) => search.results.map((result) => result.id))) : new Set(positions.keys());
  return { pages, positions };
}

const NOWHERE = new Set();

// How close a page comes to the query read in order, as far as the index tells:
// - phrase: 2 if its words stand in sequence somewhere (0 if not), with `at` the position of the
//   first word (positions count the words of the page text split at white space);
// - pairs: how many neighbouring pairs of query words stand side by side somewhere;
// - covered: whether it has every word at all.
// The index gives the positions of the words a query word begins, so this can only overstate:
// pages that come first are confirmed on their text (textSequenceMatch).
export function sequenceMatch(id, occurrences) {
  const has = occurrences.map(({ pages }) => pages.has(id));
  const positions = occurrences.map(({ positions: byPage }) => byPage.get(id) ?? NOWHERE);
  const adjacent = (index) => has[index] && has[index + 1] && [...positions[index]].some((at) => positions[index + 1].has(at + 1));
  let pairs = 0;
  for (let index = 0; index + 1 < occurrences.length; index += 1) {
    if (adjacent(index)) pairs += 1;
  }
  const covered = has.every(Boolean);
  const at = covered && pairs === occurrences.length - 1
    ? [...positions[0]].sort((a, b) => a - b).find((start) => positions.every((found, offset) => found.has(start + offset)))
    : undefined;
  return { phrase: at === undefined ? 0 : 2, at: at ?? -1, pairs, covered };
}

// The same measure read on a page's text, folded like the query: a word matches when it is the
// query word (2), or when it begins with it (1) where the language or the word allows that (see
// WORD_MATCH). A phrase counts at its weakest word, so "dai su qua" (still being typed) finds
// "Đại sứ quán" as a phrase, below pages that have a whole "qua".
export function textSequenceMatch(content, terms, lang) {
  const words = content.split(/[\r\n\s]+/g).map(foldWord);
  const wanted = terms.map(foldWord);
  const last = wanted.length - 1;
  const beginnings = WORD_MATCH[lang] === "beginning";
  const level = (index, position) => {
    const word = words[position];
    if (word === undefined || !wanted[index]) return 0;
    if (word === wanted[index]) return 2;
    return (beginnings || index === last) && word.startsWith(wanted[index]) ? 1 : 0;
  };
  let phrase = 0;
  let at = -1;
  const found = wanted.map(() => false);
  const paired = wanted.map(() => false);
  for (let position = 0; position < words.length; position += 1) {
    let weakest = 2;
    for (let index = 0; index <= last; index += 1) {
      const here = level(index, position);
      if (here) found[index] = true;
      if (here && index < last && level(index + 1, position + 1)) paired[index] = true;
      weakest = Math.min(weakest, level(index, position + index));
    }
    if (weakest > phrase) {
      phrase = weakest;
      at = position;
    }
  }
  return { phrase, at, pairs: paired.filter(Boolean).length, covered: found.every(Boolean) };
}

function bySequence(a, b) {
  return b.phrase - a.phrase || b.pairs - a.pairs || b.covered - a.covered || a.rank - b.rank;
}

// Pagefind ranks a page by how often it has each typed word, wherever the words are: "dang ky"
// put pages with "đang" and "kỳ" apart above those with "đăng ký". For a query of several words
// the dialog puts first the pages that have the words in sequence (after folding marks and đ, in
// the query and in the text), then those with more of the query's neighbouring words side by
// side, then those with all its words anywhere, then the rest, each group in Pagefind's order.
// The index finds the candidates among all results; the text of those that would fill the first
// page is read to confirm them (the same pages the dialog downloads to show them).
export async function orderBySequence(matches, occurrences, terms, lang) {
  const entries = matches.map((match, rank) => ({ match, rank, confirmed: false, ...sequenceMatch(match.id, occurrences) }));
  for (let round = 0; round < MAX_CONFIRM_ROUNDS; round += 1) {
    entries.sort(bySequence);
    const pending = entries.slice(0, PAGE_SIZE).filter((entry) => !entry.confirmed && (entry.phrase || entry.pairs));
    if (!pending.length) break;
    await Promise.all(pending.map(async (entry) => {
      const page = await entry.match.data();
      entry.confirmed = true;
      // Text that Pagefind split with invisible separators keeps what the index said.
      if (!(page.raw_content ?? "").includes("\u200B")) Object.assign(entry, textSequenceMatch(page.content, terms, lang));
    }));
  }
  entries.sort(bySequence);
  const anyPhrase = entries.some((entry) => entry.phrase > 0);
  const kept = SEQUENCE_ONLY_LANGUAGES.has(lang) && anyPhrase ? entries.filter((entry) => entry.pairs > 0) : entries;
  return kept.map(({ match, phrase, at }) => (phrase ? { ...match, phrase: { at, words: terms.length } } : match));
}

async function sequenceOrder(pagefind, query, lang, matches) {
  const terms = queryTerms(query);
  if (!(lang in WORD_MATCH) || terms.length < 2 || terms.length > MAX_ORDERED_TERMS || !matches.length) return matches;
  const last = terms.length - 1;
  const occurrences = await Promise.all(terms.map((term, index) =>
    termOccurrences(pagefind, term, lang, WORD_MATCH[lang] === "whole" && index < last)));
  return orderBySequence(matches, occurrences, terms, lang);
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

// For a page that has the query's words in sequence, the snippet shows that place with those
// words marked (Pagefind's own snippet is where its matches are densest, and marks every match of
// every word, wherever it is). Positions count the words of the page text split at white space,
// as Pagefind counts them; text that Pagefind split with invisible separators (Chinese,
// Japanese) keeps Pagefind's snippet.
export function phraseExcerpt(page, phrase) {
  const words = page.content.split(/[\r\n\s]+/g);
  if ((page.raw_content ?? "").includes("\u200B") || phrase.at + phrase.words > words.length) return page.excerpt;
  const end = Math.min(words.length, Math.max(0, phrase.at - Math.floor((EXCERPT_WORDS - phrase.words) / 2)) + EXCERPT_WORDS);
  const start = Math.max(0, end - EXCERPT_WORDS);
  const text = (from, to) => escapeHtml(words.slice(from, to).join(" "));
  const marked = words.slice(phrase.at, phrase.at + phrase.words).map((word) => `<mark>${escapeHtml(word)}</mark>`);
  return [text(start, phrase.at), marked.join(" "), text(phrase.at + phrase.words, end)].filter(Boolean).join(" ");
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

// "Label: value", as the procedure page shows its identifiers; nothing without a value.
function labelled(label, value) {
  return value ? `${label}: ${value}` : "";
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
        await pagefind.options({ baseUrl: siteRoot, excerptLength: EXCERPT_WORDS });
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
      // `data-portal-search-order="engine"` keeps Pagefind's order: scripts/search_relevance.py
      // measures the dialog's ordering against it.
      if (this.dialog.dataset.portalSearchOrder !== "engine") {
        matches = await sequenceOrder(pagefind, query, this.lang, matches);
      }
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
    pages.forEach((page, index) => this.list.append(this.result(page, next[index])));
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

  result(page, match) {
    const item = element("li", "portal-search__result");
    const link = element("a", "portal-search__link");
    link.href = page.url;
    link.append(element("span", "portal-search__title", page.meta.title || page.url));
    const meta = this.metaLine(page.meta);
    if (meta) link.append(element("span", "portal-search__meta", meta));
    const excerpt = element("span", "portal-search__excerpt");
    excerpt.append(...excerptNodes((match.phrase ? phraseExcerpt(page, match.phrase) : page.excerpt) || ""));
    link.append(excerpt);
    item.append(link);
    return item;
  }

  // The kind, then an article's date, a procedure's code and field, or a document's number and
  // date of issue, labelled as on its page.
  metaLine(meta) {
    const parts = [this.strings[`kind_${meta.kind}`]];
    if (meta.kind === "procedure") {
      parts.push(labelled(this.strings.procedure_code, meta.code), labelled(this.strings.procedure_field, meta.field));
    } else if (meta.kind === "document") {
      parts.push(meta.number, meta.date);
    } else {
      parts.push(meta.date);
    }
    return parts.filter(Boolean).join(" · ");
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
