// The site's own words for its scripts, in the language of the page: each edition's pages
// carry their translations in <meta name="root-causes:words"> (build_tools/overrides/main.html,
// from build_tools/locales/); the English is the message itself. {name} in a message is
// replaced by values[name].
"use strict";
window.rootCausesWord = (() => {
  const meta = document.querySelector('meta[name="root-causes:words"]');
  let words = {};
  try { words = meta ? JSON.parse(meta.content) : {}; } catch (e) { words = {}; }
  return (message, values = {}) =>
    (words[message] || message).replace(/\{(\w+)\}/g, (all, name) => name in values ? values[name] : all);
})();
