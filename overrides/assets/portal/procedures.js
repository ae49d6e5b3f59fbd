/* Administrative procedures: the catalogue's filters and the print buttons.
 *
 * The catalogue is a complete list without JavaScript. Here the filter form is revealed; typing
 * or choosing a field / online level hides the procedures that do not match, and the status line
 * (role="status", a polite live region) says how many are shown, in the page's language, with
 * the messages the template put on the form. The text filter ignores case and Vietnamese
 * diacritics ("ho chieu" finds "hộ chiếu"). */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function setUpFilters(form) {
    var list = document.querySelector("[data-portal-procedure-list]");
    var status = document.querySelector("[data-portal-procedure-count]");
    var empty = document.querySelector("[data-portal-procedure-empty]");
    if (!list || !status) return;
    var items = Array.prototype.slice.call(list.children);
    var haystacks = items.map(function (item) { return fold(item.textContent || ""); });
    var textInput = form.querySelector("[data-filter=text]");
    var fieldSelect = form.querySelector("[data-filter=field]");
    var onlineSelect = form.querySelector("[data-filter=online]");
    var plural = new Intl.PluralRules(form.dataset.locale || document.documentElement.lang);
    var total = items.length;
    var timer = null;

    function message(kind, count) {
      var form_ = plural.select(count) === "one" ? "One" : "Other";
      return fill(form.dataset[kind + form_] || "", { count: count, total: total });
    }

    function apply() {
      var words = fold(textInput.value).split(" ").filter(Boolean);
      var field = fieldSelect.value;
      var online = onlineSelect.value;
      var shown = 0;
      items.forEach(function (item, index) {
        var match = (!field || item.dataset.field === field) &&
          (!online || item.dataset.online === online) &&
          words.every(function (word) { return haystacks[index].indexOf(word) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      var filtered = words.length > 0 || field || online;
      status.textContent = filtered ? message("shown", shown) : message("count", total);
      if (empty) empty.hidden = shown !== 0;
    }

    textInput.addEventListener("input", function () {
      // Announce once the reader pauses, not at every keystroke.
      clearTimeout(timer);
      timer = setTimeout(apply, 250);
    });
    fieldSelect.addEventListener("change", apply);
    onlineSelect.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
  }

  function setUpPrintButtons() {
    document.querySelectorAll("[data-portal-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
      var wrapper = button.closest("[data-portal-print-wrapper]");
      if (wrapper) wrapper.hidden = false;
    });
  }

  function start() {
    var form = document.querySelector("[data-portal-procedure-filters]");
    if (form) setUpFilters(form);
    setUpPrintButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
