// Theme filter for lists whose items carry data-themes (the timeline).
// Without JavaScript the buttons stay hidden and every item is shown. The theme chosen is
// kept in the address (?theme=trade), so that a filtered view can be shared and printed.
// The page's table of contents (the sidebar's, and the one in the menu on a phone) lists
// only the items shown: an entry that leads to a hidden item is hidden with it.
(function () {
  "use strict";
  // (words.js: the page's language)
  var word = window.rootCausesWord || function (message, values) {
    return message.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  };
  // The table of contents' entries, by the id of the heading each leads to.
  function contents() {
    var entries = {};
    document.querySelectorAll("nav.md-nav--secondary a.md-nav__link[href^='#']").forEach(function (a) {
      var id = a.getAttribute("href").slice(1);
      try { id = decodeURIComponent(id); } catch (e) { /* (kept as written) */ }
      (entries[id] = entries[id] || []).push(a.closest("li") || a);
    });
    return entries;
  }
  function setUp(panel) {
    var list = document.getElementById(panel.getAttribute("data-filter"));
    if (!list) return;
    var items = list.querySelectorAll("[data-themes]");
    var toc = contents();
    // Each item's entries in the table of contents: those of its headings.
    var listed = Array.prototype.map.call(items, function (item) {
      var entries = [];
      item.querySelectorAll("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]").forEach(function (h) {
        entries = entries.concat(toc[h.id] || []);
      });
      return entries;
    });
    var buttons = panel.querySelectorAll("button[data-theme]");
    var status = panel.querySelector("[role=status]");
    function show(theme, label) {
      var shown = 0;
      items.forEach(function (item, i) {
        var match = !theme || item.getAttribute("data-themes").split(" ").indexOf(theme) >= 0;
        item.hidden = !match;
        listed[i].forEach(function (entry) { entry.hidden = !match; });
        if (match) shown += 1;
      });
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-theme") === theme));
      });
      status.textContent = theme
        ? word("{shown} of {total} events about {theme}.", { shown: shown, total: items.length, theme: label })
        : word("All {total} events.", { total: items.length });
    }
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        var theme = b.getAttribute("data-theme");
        show(theme, b.textContent);
        history.replaceState(null, "", theme ? "?theme=" + encodeURIComponent(theme) + location.hash
                                             : location.pathname + location.hash);
      });
    });
    var asked = new URLSearchParams(location.search).get("theme");
    buttons.forEach(function (b) {
      if (asked && b.getAttribute("data-theme") === asked) show(asked, b.textContent);
    });
    panel.hidden = false;
  }
  document.querySelectorAll("[data-filter]").forEach(setUp);
})();
