// The copy to read offline (build_tools/site/offline.py): opened from a folder, where a
// browser refuses fetch, previews.js loads a passage's data as the script the copy has
// beside its JSON, which hands the data to rootCausesData.
"use strict";
(() => {
  const waiting = new Map();  // a script's address → what its data is awaited by
  window.rootCausesData = (src, found) => { const done = waiting.get(src); if (done) done(found); };
  window.rootCausesLoad = address => new Promise(done => {
    const s = document.createElement("script");
    s.src = address.replace(/\.json$/, ".js");
    waiting.set(s.src, done);
    s.onerror = () => done(null);
    document.head.append(s);
  });
})();
