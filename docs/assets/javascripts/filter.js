// Theme filter for lists whose items carry data-themes (the timeline).
// Without JavaScript the buttons stay hidden and every item is shown. The theme chosen is
// kept in the address (?theme=trade), so that a filtered view can be shared and printed.
(function () {
  "use strict";
  // (words.js: the page's language)
  var word = window.rootCausesWord || function (message, values) {
    return message.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  };
  function setUp(panel) {
    var list = document.getElementById(panel.getAttribute("data-filter"));
    if (!list) return;
    var items = list.querySelectorAll("[data-themes]");
    var buttons = panel.querySelectorAll("button[data-theme]");
    var status = panel.querySelector("[role=status]");
    function show(theme, label) {
      var shown = 0;
      items.forEach(function (item) {
        var match = !theme || item.getAttribute("data-themes").split(" ").indexOf(theme) >= 0;
        item.hidden = !match;
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
