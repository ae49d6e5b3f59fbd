// The share block's buttons (overrides/partials/share.html), shown only where the browser can do
// what they say: "Copy link" (the Clipboard API: https or localhost) and the phone's own share
// sheet (the Web Share API), which lists Zalo and the other apps installed. Nothing is loaded from
// another site. The status line (role="status") tells screen readers the link was copied.
(() => {
  const status = document.querySelector("[data-portal-share-status]");
  const say = (text) => {
    if (!status) return;
    status.textContent = "";
    // A new text in a live region is announced even when it is the same as before.
    window.setTimeout(() => { status.textContent = text; }, 100);
  };
  const reveal = (button) => button.closest("li")?.removeAttribute("hidden");
  for (const button of document.querySelectorAll("[data-portal-copy-link]")) {
    if (!navigator.clipboard || !window.isSecureContext) continue;
    reveal(button);
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(button.dataset.url).then(
        () => say(status.dataset.copied),
        () => say(status.dataset.failed));
    });
  }
  for (const button of document.querySelectorAll("[data-portal-share-sheet]")) {
    if (typeof navigator.share !== "function") continue;
    reveal(button);
    button.addEventListener("click", () => {
      navigator.share({title: button.dataset.title, url: button.dataset.url}).catch(() => {});
    });
  }
})();
