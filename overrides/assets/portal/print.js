// Printed articles show where their links lead (Decree 42/2022 asks for print). The HTML holds
// relative links, useless on paper: this gives each link its absolute public address (resolved
// against the page's canonical URL, so a copy printed from a preview still shows the public
// site), and the article its own address, for the print stylesheet to show.
(() => {
  const article = document.querySelector(".portal-article");
  if (!article) return;
  const canonical = document.querySelector('link[rel="canonical"]');
  const base = canonical ? canonical.href : location.href;
  article.dataset.printUrl = base;
  for (const link of article.querySelectorAll(".portal-article__body a[href], .portal-article__languages a[href]")) {
    const written = link.getAttribute("href");
    if (written.startsWith("#")) continue;
    const target = new URL(written, base);
    if (target.protocol === "http:" || target.protocol === "https:") link.dataset.printUrl = decodeURI(target.href);
  }
})();
