// The theme's language switcher: it keeps the reader's place, and asks for no file that
// does not exist.
//
// Its links (build_tools/overrides/partials/alternate.html) lead to the same page in the
// other edition; the page's paragraph or claim (#…) and the timeline's filter (?theme=…)
// are the same in every edition, so each link takes them along, as they are when it is
// followed (the filter changes the address without reloading).
//
// Material (and Zensical) read the page's <link rel="alternate"> once, when the page has
// loaded (DOMContentLoaded), and fetch "sitemap.xml" beside each, expecting each to be an
// edition's home page. Ours are the same page in each edition (hreflang, for search
// engines) and the feed, so that it asked for /themes/trade/sitemap.xml and the like: a 404
// on every page. The switcher needs none of it: its links lead to the same page in each
// edition already (build_tools/overrides/partials/alternate.html). So the links are made
// other than "alternate" for just the theme's look at them, and put back at once after:
// a capturing listener on window runs before the theme's on document, and a bubbling one
// after it.
"use strict";
(() => {
  let links = [];
  window.addEventListener("DOMContentLoaded", () => {
    links = [...document.querySelectorAll("link[rel=alternate]")];
    links.forEach((link) => link.setAttribute("rel", "alternate-for-later"));
  }, { capture: true, once: true });
  window.addEventListener("DOMContentLoaded", () => {
    links.forEach((link) => link.setAttribute("rel", "alternate"));
  }, { once: true });

  const keepPlace = (event) => {
    const link = event.target instanceof Element && event.target.closest("a.md-select__link[hreflang]");
    if (link) link.href = link.href.split(/[?#]/)[0] + location.search + location.hash;
  };
  for (const kind of ["click", "auxclick", "contextmenu", "focusin", "pointerover"]) {
    document.addEventListener(kind, keepPlace, true);
  }
})();
