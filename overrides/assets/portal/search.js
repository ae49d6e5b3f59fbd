// The search loader, on every page: shows the header's search button, opens the dialog on a
// click or on "/" typed outside a text field, and only then loads the dialog's code, its style
// and the index, so that pages where nobody searches pay nothing for search. The dialog opens
// at once, before its code arrives, so that no key typed straight after "/" is lost.
const dialog = document.getElementById("portal-search");
const opener = document.querySelector(".portal-search-open");

function isTextField(element) {
  return element instanceof HTMLElement
    && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
}

if (dialog && opener && typeof dialog.showModal === "function") {
  const field = dialog.querySelector("input");
  let loading = null;
  const load = () => {
    loading ??= import("./search-ui.js").then((module) => module.attach(dialog, opener));
    return loading;
  };
  const open = () => {
    if (!dialog.open) dialog.showModal();
    field.focus();
    field.select();
    load().then((search) => search.open());
  };
  opener.hidden = false;
  opener.addEventListener("click", open);
  // A pointer on the button or the focus on it announces a search: start loading.
  opener.addEventListener("pointerenter", load, { once: true });
  opener.addEventListener("focus", load, { once: true });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    if (isTextField(event.target)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    open();
  }, true);
}
