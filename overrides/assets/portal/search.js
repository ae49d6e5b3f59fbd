// The search loader, on every page: shows the header's search button, opens the dialog on a
// click or on "/" typed outside a text field, and only then loads the dialog's code, its style
// and the index, so that pages where nobody searches pay nothing for search.
const dialog = document.getElementById("portal-search");
const opener = document.querySelector(".portal-search-open");

function isTextField(element) {
  return element instanceof HTMLElement
    && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
}

if (dialog && opener && typeof dialog.showModal === "function") {
  let loading = null;
  const open = async () => {
    loading ??= import("./search-ui.js").then((module) => module.attach(dialog, opener));
    (await loading).open();
  };
  opener.hidden = false;
  opener.addEventListener("click", open);
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    if (isTextField(event.target)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    open();
  }, true);
}
