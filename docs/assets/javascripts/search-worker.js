// The search box of Material for MkDocs, or of Zensical, answered by Pagefind.
//
// Both run their search in a web worker and talk to it in the same four messages
// (SETUP, READY, QUERY, RESULT); the publishing stage (build_tools/publish.py) points
// them at this worker instead of their own. Their workers hold the whole index of the
// site; Pagefind's index (pagefind/, written after each build) is split in chunks, so
// a search fetches only the words asked for and the excerpts of the results shown.
//
// The two dialects differ. Material sends the query as text and shows the documents
// it is sent (address, title, excerpt). Zensical sends it as {input, page} and shows
// entries of its own list (search.json, which the publishing stage cuts down to each
// page's and section's address, title and opening words), named by their number in
// it, with the ranges of the words found.
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const SHOWN = 10;       // results whose excerpts are fetched for each query
const SECTIONS = 3;     // headings listed under a result
const PAUSE = 120;      // ms: Material asks at every key; search when typing pauses
const root = new URL("../../", self.location);   // this file is assets/javascripts/
let pagefind = null;    // a promise of Pagefind's module
let latest = 0;         // the newest query: answers to older ones are dropped
let entries = null;     // Zensical: its list of pages and sections, and their numbers by address

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

// The paragraphs with an id (an essay's, each with its own address) that hold the words
// found, those with most first: [{anchor, heading, locations}]. Pagefind lists every
// element with an id and where it starts among the page's words.
function paragraphs(data) {
  const anchors = [...data.anchors].sort((a, b) => a.location - b.location);
  const found = new Map();
  for (const location of data.locations) {
    const i = anchors.findLastIndex(a => a.location <= location);
    const anchor = anchors[i];
    if (!anchor || anchor.element !== "p") continue;
    const heading = anchors.slice(0, i).reverse().find(a => /^h[1-6]$/.test(a.element));
    if (!found.has(anchor)) found.set(anchor, { anchor, heading, locations: [] });
    found.get(anchor).locations.push(location);
  }
  return [...found.values()].sort((a, b) => b.locations.length - a.locations.length);
}

// Some words of the page around the first of ``locations``, those found marked.
function excerpt(words, locations) {
  const marked = new Set(locations), from = Math.max(0, locations[0] - 10), to = Math.min(words.length, from + 24);
  const text = words.slice(from, to).map((w, i) => marked.has(from + i) ? `<mark>${escapeHtml(w)}</mark>` : escapeHtml(w));
  return (from > 0 ? "… " : "") + text.join(" ") + (to < words.length ? " …" : "");
}

// A Pagefind result as Material's list of documents: the page, then the paragraphs that
// matched (or, on a page whose paragraphs carry no id, its sections). Material writes
// titles and texts as HTML: Pagefind's excerpts are escaped text with <mark> around the
// words found; titles and words are escaped here.
function documents(data, score, terms) {
  const title = data.meta.title || data.url;
  const page = { location: new URL(data.url, root).href, title: escapeHtml(title), text: data.excerpt, score, terms };
  const found = paragraphs(data);
  const words = found.length ? data.content.split(/\s+/) : [];
  const sections = found.length
    ? found.slice(0, SECTIONS).map(({ anchor, heading, locations }) => ({
        location: new URL(`${data.url}#${anchor.id}`, root).href,
        title: escapeHtml(heading?.text || title), text: excerpt(words, locations), score, terms }))
    : data.sub_results
      .filter(sub => sub.url.includes("#") && sub.title !== data.meta.title)
      .slice(0, SECTIONS)
      .map(sub => ({ location: new URL(sub.url, root).href, title: escapeHtml(sub.title), text: sub.excerpt, score, terms }));
  return [page, ...sections];
}

// Pagefind is loaded at the first query, not with the page: a reader who never
// searches downloads none of it. The site is indexed in parts (pagefind/parts.json
// lists them; see build_tools/hooks.py): the first is loaded, the others merged into it.
function load() {
  pagefind ??= fetch(new URL("pagefind/parts.json", root)).then(r => r.json()).then(async parts => {
    const base = new URL(`pagefind/${parts[0]}`, root);
    const module = await import(new URL("pagefind.js", base).href);
    await module.options({ baseUrl: root.pathname, excerptLength: 24 });
    await module.init();
    await Promise.all(parts.slice(1).map(part => module.mergeIndex(new URL(`pagefind/${part}`, root).pathname)));
    return module;
  });
  return pagefind;
}

// Pagefind's ranking, with the pages that have the words in the order typed first.
async function ranked(text) {
  if (!text) return [];
  const index = await load();
  const all = (await index.search(text)).results;
  if (!text.includes(" ")) return all;
  const exact = new Set((await index.search(`"${text.replace(/"/g, "")}"`)).results.map(r => r.id));
  all.forEach(r => { r.exact = exact.has(r.id); });
  return [...all.filter(r => r.exact), ...all.filter(r => !r.exact)];
}

// The data of ``results`` (ranked) from ``from``, ``size`` of them, with, among those that
// have the words in the order typed, the essays first: a phrase from an essay finds the
// essay before the theme and reference pages that quote it. Not an essay in another
// language than the edition's (its title marked with ``text_lang``): words of the
// edition's language find the editors' text in that language first.
async function shownData(results, from, size) {
  const shown = await Promise.all(results.slice(from, from + size).map(r => r.data().then(data => ({ r, data }))));
  const essay = ({ data }) => /\/essays\/[^/]+\/$/.test(new URL(data.url, root).pathname);
  const first = item => essay(item) && !item.data.meta.text_lang;
  const rank = item => (item.r.exact ? 0 : 2) + (first(item) ? 0 : 1);
  return shown.map((item, i) => ({ ...item, i })).sort((a, b) => rank(a) - rank(b) || a.i - b.i);
}

// Material's query is written for its own index, lunr: "+" marks a word that must be
// found, "*" a prefix. Pagefind finds every word and treats the last as a prefix.
async function query(text, id) {
  text = text.replace(/(^|\s)[+-]+/g, "$1").replace(/[*~^]/g, "");
  const terms = Object.fromEntries(text.split(/\s+/).filter(Boolean).map(t => [t.toLowerCase(), true]));
  const results = await ranked(text.trim());
  const shown = await shownData(results, 0, SHOWN);
  if (id !== latest) return;
  postMessage({ type: RESULT, data: { items: shown.map(({ data, r }) => documents(data, r.score, terms)) } });
}

// Where each word of ``terms`` starts a word of ``text``, as Zensical's highlight ranges.
function ranges(text, terms) {
  const found = [];
  for (const term of terms) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}&])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "giu");
    for (const m of text.matchAll(pattern)) found.push({ start: m.index, end: m.index + m[0].length, value: m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

// Zensical's query: one page of results (ten pages found, each followed by the
// sections of it that matched), as entries of its list.
async function zensicalQuery({ input, page }, id) {
  const text = typeof input === "string" ? input.trim() : "";
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  const results = await ranked(text);
  const from = page?.from ?? 0, size = page?.size ?? SHOWN;
  const shown = (await shownData(results, from, size)).map(({ data }) => data);
  if (id !== latest) return;
  const items = [];
  const add = url => {
    const n = entries.numbers.get(new URL(url, root).href);
    if (n === undefined || items.some(item => item.id === n)) return;
    const { title, text } = entries.list[n];
    items.push({ id: n, matches: [
      { field: "title", value: { highlight: { ranges: ranges(title, terms) } } },
      { field: "text", value: { highlight: { ranges: ranges(text, terms) } } },
    ] });
  };
  for (const data of shown) {
    add(data.url);
    data.sub_results.filter(sub => sub.url.includes("#")).slice(0, SECTIONS).forEach(sub => add(sub.url));
  }
  const next = from + size < results.length ? { id: page?.id ?? id, size, from: from + size } : undefined;
  const prev = from > 0 ? { id: page?.id ?? id, size, from: Math.max(0, from - size) } : undefined;
  postMessage({ type: RESULT, data: { items, pagination: { total: results.length, prev, next } } });
}

self.addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    const list = message.data?.items;  // (Zensical's; Material sends none)
    if (Array.isArray(list))
      entries = { list, numbers: new Map(list.map((entry, n) => [new URL(entry.location, root).href, n])) };
    postMessage({ type: READY });
  } else if (message.type === QUERY) {  // (answered once typing pauses, unless a newer one came)
    const id = ++latest;
    setTimeout(() => {
      if (id === latest)
        (entries ? zensicalQuery : query)(message.data, id).catch(error => console.error("search failed:", error));
    }, PAUSE);
  }
});
