// Search over names and ids, in the page: the index is a script beside this one,
// loaded on first use (a page opened from file:// may not fetch() a JSON file).
(function () {
  "use strict";
  var input = document.getElementById("search");
  var results = document.getElementById("results");
  var entries = null;
  var waiting = false;

  var pending = null;

  function load(then) {
    if (entries) return then();
    pending = then; // what to do once loaded: the latest wish wins
    if (waiting) return;
    waiting = true;
    var script = document.createElement("script");
    script.src = "assets/search-index.js";
    script.onload = function () {
      entries = window.communiqueIndex.map(function (e) {
        return { id: e[0], label: e[1], type: e[2], href: e[3], key: (e[0] + " " + e[1]).toLowerCase() };
      });
      pending();
    };
    document.head.appendChild(script);
  }

  // Best first: the id itself, a name or id that begins with the query, then one with a word that
  // does, then any other match; shorter names first among equals.
  function score(e, query) {
    var name = e.label.toLowerCase();
    if (e.id.toLowerCase() === query) return -1;
    if (name.indexOf(query) === 0 || e.id.toLowerCase().indexOf(query) === 0) return 0;
    if (name.indexOf(" " + query) >= 0 || e.id.indexOf(":" + query) >= 0) return 1;
    return 2;
  }

  function run() {
    var query = input.value.toLowerCase().trim();
    var words = query.split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) return;
    var found = entries.filter(function (e) {
      return words.every(function (w) { return e.key.indexOf(w) >= 0; });
    });
    found.sort(function (a, b) {
      return score(a, query) - score(b, query) || a.label.length - b.label.length;
    });
    found.slice(0, 50).forEach(function (e) {
      var li = document.createElement("li");
      var tag = document.createElement("span");
      tag.className = "tag t-" + e.type;
      tag.textContent = e.type;
      var a = document.createElement("a");
      a.href = e.href;
      a.textContent = e.label;
      var code = document.createElement("code");
      code.textContent = e.id;
      li.appendChild(tag);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(code);
      results.appendChild(li);
    });
    var more = document.createElement("li");
    more.className = "none";
    if (!found.length) more.textContent = "nothing found";
    else if (found.length > 50) more.textContent = "and " + (found.length - 50) + " more: add a word";
    if (more.textContent) results.appendChild(more);
  }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () { load(run); });
})();
