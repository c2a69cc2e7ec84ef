// Passage previews: hovering or focusing a link to an essay's paragraph ("Read in
// context", a citation in a hand-written page) shows the paragraph, the quoted words
// marked, with its attribution and a link to open it. The paragraphs come from the
// essay's passages.json, written at build time and fetched only when first asked for.
// Esc closes the preview; on a touch screen the first tap shows it, the link in it opens
// the passage. Without JavaScript, or if the data cannot be had, the links work as ever.
"use strict";
(() => {
  const LINKS = "a.in-context, a.citation";
  const loaded = new Map();  // passages.json address → promise of its data
  let shown = null, hiding = 0, touched = false;
  const box = document.createElement("div");
  box.className = "passage-preview";
  box.id = "passage-preview";
  box.setAttribute("role", "tooltip");
  box.hidden = true;

  // The essay's data and the paragraph's id, or null if the link is not to a paragraph.
  function target(link) {
    const url = new URL(link.href, location.href);
    const id = decodeURIComponent(url.hash.slice(1)).split(":~:")[0];
    if (!/^p-[a-z0-9-]+$/.test(id) || !/\/essays\/[^/]+\/$/.test(url.pathname)) return null;
    const data = new URL("passages.json", url).href;
    if (!loaded.has(data)) loaded.set(data, fetch(data).then(r => r.ok ? r.json() : null).catch(() => null));
    const words = (url.hash.split(":~:text=")[1] || "").split(",").map(w => decodeURIComponent(w));
    return { data: loaded.get(data), id, words, href: url.href };
  }

  // The paragraph as text nodes, the quoted words (from the first to the last given) in <mark>.
  function paragraph(text, words) {
    const p = document.createElement("p");
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
    const data = await t.data;
    const text = data && data.paragraphs[t.id];
    if (shown !== link || !text) return;
    const by = document.createElement("p"), open = document.createElement("a");
    by.className = "passage-preview__by";
    by.textContent = `— ${data.by} · `;
    open.href = t.href;
    open.textContent = "Open the passage";
    by.append(open);
    box.replaceChildren(paragraph(text, t.words), by);
    if (!box.isConnected) document.body.append(box);
    box.hidden = false;
    link.setAttribute("aria-describedby", box.id);
    const r = link.getBoundingClientRect(), width = Math.min(480, document.documentElement.clientWidth - 16);
    box.style.width = `${width}px`;
    box.style.left = `${Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8)) + scrollX}px`;
    box.style.top = `${r.bottom + scrollY + 6}px`;
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
    const link = e.target.closest(LINKS);
    if (link) show(link);
    else if (box.contains(e.target)) clearTimeout(hiding);
  });
  document.addEventListener("mouseout", e => {
    if (e.target.closest(LINKS) || box.contains(e.target)) hide(false);
  });
  document.addEventListener("focusin", e => {
    const link = e.target.closest(LINKS);
    if (link) show(link);
    else if (!box.contains(e.target)) hide(true);
  });
  document.addEventListener("keydown", e => { if (e.key === "Escape" && shown) hide(true); });
  document.addEventListener("click", e => {
    const link = e.target.closest(LINKS);
    if (link && touched && shown !== link && target(link)) { e.preventDefault(); show(link); }
  });
})();
