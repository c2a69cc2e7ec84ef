// "Cite" on each claim of a theme's page and beside each paragraph's ¶ on an essay's page:
// the citation of that claim or paragraph, with its address, and a button that copies it.
//
// The page carries its reference once, in its "Cite this" section (data-cite, made by
// build_tools/formats/part_citations.py): "{title}" and "{address}" in it are filled in here
// for each part, the address from the page's public one (data-page) where the site's is
// known, else from the address the page is read at. A claim's "Cite" is a <details> in the
// page that holds its address, to select without JavaScript; a paragraph's is a button
// added here. Esc closes either and leaves the focus on it. The copy falls back to
// selecting the citation, for the reader to copy, where the clipboard cannot be written.
"use strict";
(() => {
  const source = document.querySelector(".citation-text[data-cite]");
  if (!source) return;
  const word = window.rootCausesWord || (message => message);  // (words.js: the page's language)
  const page = source.dataset.page || location.href.split("#")[0];
  let made = 0;

  // The text of an element's own words, without its ¶, its Cite and its notes' markers.
  function words(element) {
    return [...element.childNodes]
      .filter(n => !(n.matches && n.matches(".headerlink, .para-link, .cite-button, .note-ref")))
      .map(n => n.textContent).join("").trim().replace(/\s+/g, " ");
  }

  // The citation of the part ``id`` titled ``title``, as a paragraph: text, and <em> for
  // what the template puts between <em> and </em> (no other markup is made of it). The full
  // stop that ends a claim's title in the template (inside its closing quotation mark in
  // English, after it in Spanish) is left out where the title ends in punctuation of its own.
  function citation(title, id) {
    const stopped = /[.?!…]$/.test(title);
    const text = source.dataset.cite
      .replace(/\{title\}(\.?)(”?)(\.?)/, (_, inside, mark, after) => title + (stopped ? mark : inside + mark + after))
      .replace("{address}", () => `${page}#${id}`);
    const p = document.createElement("p");
    p.className = "cite-text";
    text.split(/<\/?em>/).forEach((part, i) => {
      if (i % 2) { const em = document.createElement("em"); em.textContent = part; p.append(em); }
      else p.append(part);
    });
    return p;
  }

  // The citation with its Copy button and the line that says what the button did.
  function box(title, id) {
    const copy = document.createElement("button"), said = document.createElement("span");
    copy.type = "button";
    copy.className = "cite-copy";
    copy.textContent = word("Copy");
    said.setAttribute("role", "status");
    const text = citation(title, id);
    copy.addEventListener("click", () => {
      const done = () => { said.textContent = word("Copied."); };
      const select = () => {
        getSelection().selectAllChildren(text);
        said.textContent = word("Selected: copy it with Ctrl+C (⌘C on a Mac).");
      };
      if (navigator.clipboard && isSecureContext) navigator.clipboard.writeText(text.textContent).then(done, select);
      else select();
    });
    return [text, copy, " ", said];
  }

  // A claim: its <details> gets the citation when first opened (its title and id are its heading's).
  document.addEventListener("toggle", e => {
    const details = e.target;
    if (!(details instanceof HTMLDetailsElement) || !details.matches(".cite-one") || !details.open) return;
    if (details.querySelector(".cite-text")) return;
    let heading = details.previousElementSibling;
    while (heading && heading.tagName !== "H2") heading = heading.previousElementSibling;
    if (!heading) return;
    const inside = document.createElement("div"), title = words(heading);
    inside.append(...box(title, heading.id));
    details.querySelector("p").replaceWith(inside);
  }, true);

  // A paragraph: a button beside its ¶ shows its citation under it, titled by its opening words.
  for (const link of document.querySelectorAll("a.para-link")) {
    const paragraph = link.parentElement, button = document.createElement("button");
    button.type = "button";
    button.className = "cite-button";
    button.textContent = word("Cite");
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", () => {
      let shown = button.getAttribute("aria-controls") && document.getElementById(button.getAttribute("aria-controls"));
      if (!shown) {
        const opening = words(paragraph).split(" ");
        shown = document.createElement("div");
        shown.className = "cite-box";
        shown.id = `cite-box-${++made}`;
        shown.append(...box(opening.slice(0, 8).join(" ") + (opening.length > 8 ? "…" : ""), paragraph.id));
        shown.hidden = true;
        paragraph.after(shown);
        button.setAttribute("aria-controls", shown.id);
      }
      shown.hidden = !shown.hidden;
      button.setAttribute("aria-expanded", String(!shown.hidden));
    });
    link.after(" ", button);
  }

  document.addEventListener("keydown", e => {
    if (e.key !== "Escape" || !(e.target instanceof Element)) return;
    const details = e.target.closest("details.cite-one[open]");
    const shown = e.target.closest(".cite-box") || (e.target.matches(".cite-button[aria-expanded=true]") && e.target);
    if (details) {
      details.open = false;
      details.querySelector("summary").focus();
    } else if (shown) {
      const button = shown.matches(".cite-button") ? shown : document.querySelector(`[aria-controls="${shown.id}"]`);
      button.click();
      button.focus();
    }
  });
})();
