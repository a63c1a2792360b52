// Search over names and ids, in the page: the index is a script beside this one,
// loaded on first use (a page opened from file:// may not fetch() a JSON file).
(function () {
  "use strict";
  var input = document.getElementById("search");
  var results = document.getElementById("results");
  var entries = null;
  var waiting = false;

  function load(then) {
    if (entries) return then();
    if (waiting) return;
    waiting = true;
    var script = document.createElement("script");
    script.src = "assets/search-index.js";
    script.onload = function () {
      entries = window.communiqueIndex.map(function (e) {
        return { id: e[0], label: e[1], type: e[2], href: e[3], key: (e[0] + " " + e[1]).toLowerCase() };
      });
      then();
    };
    document.head.appendChild(script);
  }

  function run() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) return;
    var found = 0;
    for (var i = 0; i < entries.length && found < 50; i++) {
      var e = entries[i];
      if (words.every(function (w) { return e.key.indexOf(w) >= 0; })) {
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
        found++;
      }
    }
    if (!found) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "nothing found";
      results.appendChild(none);
    }
  }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () { load(run); });
})();
