/* The documents section: the list's filters.
 *
 * The list is complete without JavaScript. Here the filter form is revealed; choosing a kind or
 * a year of issue, or typing words or a number, hides the documents that do not match, and the
 * status line (role="status", a polite live region) says how many are shown, in the page's
 * language, with the messages the template put on the form. The choice is kept in the address
 * (?kind=ke-hoach&year=2025&q=...), so a filtered list can be bookmarked and shared, and opening
 * such an address applies it. The text filter ignores case, Vietnamese diacritics ("ke hoach"
 * finds "kế hoạch") and the punctuation of numbers ("17 kh nv" finds "17/KH-NV"). */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
      .replace(/[\/\-–.,:;()]+/g, " ").replace(/\s+/g, " ").trim();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function setUp(form) {
    var list = document.querySelector("[data-portal-document-list]");
    var status = document.querySelector("[data-portal-document-count]");
    var empty = document.querySelector("[data-portal-document-empty]");
    if (!list || !status) return;
    var items = Array.prototype.slice.call(list.children);
    var haystacks = items.map(function (item) { return " " + fold(item.textContent || "") + " "; });
    var text = form.querySelector("[data-filter=text]");
    var kind = form.querySelector("[data-filter=kind]");
    var year = form.querySelector("[data-filter=year]");
    var plural = new Intl.PluralRules(form.dataset.locale || document.documentElement.lang);
    var total = items.length;
    var timer = null;

    function message(name, count) {
      var form_ = plural.select(count) === "one" ? "One" : "Other";
      return fill(form.dataset[name + form_] || "", { count: count, total: total });
    }

    function remember() {
      if (!window.history || !window.history.replaceState) return;
      var params = new URLSearchParams(window.location.search);
      [["q", text.value.trim()], ["kind", kind.value], ["year", year.value]].forEach(function (pair) {
        if (pair[1]) params.set(pair[0], pair[1]); else params.delete(pair[0]);
      });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function apply() {
      var words = fold(text.value).split(" ").filter(Boolean);
      var shown = 0;
      items.forEach(function (item, index) {
        var match = (!kind.value || item.dataset.kind === kind.value) &&
          (!year.value || item.dataset.year === year.value) &&
          words.every(function (word) { return haystacks[index].indexOf(word) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      var filtered = words.length > 0 || kind.value || year.value;
      status.textContent = filtered ? message("shown", shown) : message("count", total);
      if (empty) empty.hidden = shown !== 0;
      remember();
    }

    function choose(select, value) {
      // Only a value the list offers: an address with ?kind=<anything> shows the whole list.
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    }

    var params = new URLSearchParams(window.location.search);
    choose(kind, params.get("kind"));
    choose(year, params.get("year"));
    text.value = params.get("q") || "";

    text.addEventListener("input", function () {
      // Announce once the reader pauses, not at every keystroke.
      clearTimeout(timer);
      timer = setTimeout(apply, 250);
    });
    kind.addEventListener("change", apply);
    year.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    if (text.value || kind.value || year.value) apply();
  }

  function start() {
    var form = document.querySelector("[data-portal-document-filters]");
    if (form) setUp(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
