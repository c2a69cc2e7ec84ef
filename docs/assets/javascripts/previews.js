// Passage previews: hovering or focusing a link to an essay's paragraph ("Read in
// context", a citation in a hand-written page) shows the paragraph, the quoted words
// marked, with its attribution and a link to open it; a link to a claim ("Cited in")
// shows the claim. The paragraphs come from the essay's passages.json, the claims from
// their theme's claims JSON, written at build time and fetched only when first asked for.
// Esc closes the preview; on a touch screen the first tap shows it, the link in it opens
// the passage. Without JavaScript, or if the data cannot be had, the links work as ever.
// The copy to read offline loads the data its own way (window.rootCausesLoad: offline.js).
"use strict";
(() => {
  const LINKS = "a.in-context, a.citation, .cited-by a";
  const word = window.rootCausesWord || (message => message);  // (words.js: the page's language)
  const loaded = new Map();  // passages.json address → promise of its data
  let shown = null, hiding = 0, touched = false;
  const box = document.createElement("div");
  box.className = "passage-preview";
  box.id = "passage-preview";
  box.hidden = true;

  function data(address) {
    const load = window.rootCausesLoad || (a => fetch(a).then(r => r.ok ? r.json() : null));
    if (!loaded.has(address)) loaded.set(address, load(address).catch(() => null));
    return loaded.get(address);
  }

  // What the link leads to: a paragraph of an essay or a claim of a theme (its data, its
  // id and the quoted words), or null.
  function target(link) {
    const url = new URL(link.href, location.href);
    const id = decodeURIComponent(url.hash.slice(1)).split(":~:")[0];
    const words = (url.hash.split(":~:text=")[1] || "").split(",").map(w => decodeURIComponent(w));
    const essay = /\/essays\/[^/]+\/(index\.html)?$/.test(url.pathname) && /^p-[a-z0-9-]+$/.test(id);
    const theme = url.pathname.match(/\/themes\/([a-z0-9-]+)\/(index\.html)?$/);
    if (essay) return { data: data(new URL("passages.json", url).href), id, words, href: url.href };
    if (theme && id) return { data: data(new URL(`${theme[1]}-claims.json`, url).href), id, claim: true, href: url.href };
    return null;
  }

  // A claim as its title and summary.
  function claim(data, id) {
    const found = data && data.claims && data.claims.find(c => c.id === id);
    if (!found) return null;
    const title = document.createElement("p"), strong = document.createElement("strong"), text = document.createElement("p");
    strong.textContent = found.title;
    title.append(strong);
    text.textContent = found.claim;
    return [title, text];
  }

  // The paragraph as text nodes, the quoted words (from the first to the last given) in
  // <mark>, marked with the essay's language.
  function paragraph(text, words, lang) {
    const p = document.createElement("p");
    if (lang) p.lang = lang;
    const lower = text.toLowerCase(), first = words[0] ? lower.indexOf(words[0].toLowerCase()) : -1;
    const last = words.length > 1 ? lower.indexOf(words[words.length - 1].toLowerCase(), first) : first;
    if (first < 0 || last < 0) { p.textContent = text; return p; }
    const end = last + words[words.length - 1].length;
    const mark = document.createElement("mark");
    mark.textContent = text.slice(first, end);
    p.append(text.slice(0, first), mark, text.slice(end));
    return p;
  }

  async function show(link) {
    const t = target(link);
    if (!t) return;
    clearTimeout(hiding);
    shown = link;
    const found = await t.data;
    const text = !t.claim && found && found.paragraphs && found.paragraphs[t.id];
    const shownClaim = t.claim && claim(found, t.id);
    if (shown !== link || !(text || shownClaim)) return;
    const by = document.createElement("p"), open = document.createElement("a");
    by.className = "passage-preview__by";
    open.href = t.href;
    open.textContent = t.claim ? word("Open the claim") : word("Open the passage");
    const who = !t.claim && ((found.turns && found.turns[t.id]) || found.by);  // (a transcript: its speaker's)
    by.append(t.claim ? "" : `— ${who} · `, open);
    box.replaceChildren(...(t.claim ? shownClaim : [paragraph(text, t.words, found.lang)]), by);
    if (!box.isConnected) (document.querySelector("main") || document.body).append(box);
    box.hidden = false;
    link.setAttribute("aria-describedby", box.id);
    place();
  }

  // Below the link, or above it when there is more room there; it follows the link as
  // the page scrolls, and closes when the link leaves the screen.
  function place() {
    const r = shown.getBoundingClientRect(), view = document.documentElement;
    if (r.bottom < 0 || r.top > view.clientHeight) return hide(true);
    const width = Math.min(480, view.clientWidth - 16), below = view.clientHeight - r.bottom > r.top;
    box.style.width = `${width}px`;
    box.style.left = `${Math.max(8, Math.min(r.left, view.clientWidth - width - 8))}px`;
    box.style.top = below ? `${r.bottom + 6}px` : "";
    box.style.bottom = below ? "" : `${view.clientHeight - r.top + 6}px`;
  }

  function hide(now) {
    clearTimeout(hiding);
    hiding = setTimeout(() => {
      if (shown) shown.removeAttribute("aria-describedby");
      shown = null;
      box.hidden = true;
    }, now ? 0 : 300);
  }

  document.addEventListener("pointerdown", e => { touched = e.pointerType === "touch"; }, true);
  document.addEventListener("mouseover", e => {
    if (touched) return;  // (a tap's emulated hover: the tap itself decides, below)
    const link = e.target.closest(LINKS);
    if (link) show(link);
    else if (box.contains(e.target)) clearTimeout(hiding);
  });
  document.addEventListener("mouseout", e => {
    if (e.target.closest(LINKS) || box.contains(e.target)) hide(false);
  });
  document.addEventListener("focusin", e => {
    if (touched) return;
    const link = e.target.closest(LINKS);
    if (link) show(link);
    else if (!box.contains(e.target)) hide(true);
  });
  document.addEventListener("keydown", e => { if (e.key === "Escape" && shown) hide(true); });
  addEventListener("scroll", () => { if (shown && !box.hidden) place(); }, { passive: true });
  document.addEventListener("click", e => {
    const link = e.target.closest(LINKS);
    if (link && touched && shown !== link && target(link)) { e.preventDefault(); show(link); }
  });
})();
