// The source page: pointing at or clicking a highlighted quote shows which entity
// and field each quote covering that place supports, with links to them.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("quote-data").textContent);
  var popup = document.getElementById("popup");
  var pinned = null;

  function show(mark) {
    popup.textContent = "";
    mark.getAttribute("data-ev").split(" ").forEach(function (n) {
      var q = data[n];
      var item = document.createElement("div");
      item.className = "popup-item" + (q.problems.length ? " bad" : "");
      var link = document.createElement("a");
      link.href = q.entity.href + "#ev-" + n;
      link.textContent = q.entity.label;
      link.className = "popup-link";
      var type = document.createElement("span");
      type.className = "tag t-" + q.entity.type;
      type.textContent = q.entity.type;
      var field = document.createElement("code");
      field.textContent = q.field;
      item.appendChild(type);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(field);
      q.problems.forEach(function (message) {
        var p = document.createElement("div");
        p.className = "problem";
        p.textContent = message;
        item.appendChild(p);
      });
      popup.appendChild(item);
    });
    var box = mark.getBoundingClientRect();
    popup.style.top = window.scrollY + box.bottom + 6 + "px";
    popup.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.innerWidth - 440)) + "px";
    popup.hidden = false;
  }

  var text = document.getElementById("source-text");
  text.addEventListener("mouseover", function (event) {
    var mark = event.target.closest("mark.ev");
    if (mark && !pinned) show(mark);
  });
  text.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.ev");
    if (!mark) return;
    if (pinned) pinned.classList.remove("pinned");
    pinned = mark;
    mark.classList.add("pinned");
    show(mark);
  });
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("mark.ev")) event.target.click();
  });
  document.addEventListener("click", function (event) {
    if (pinned && !event.target.closest("mark.ev") && !event.target.closest("#popup")) {
      pinned.classList.remove("pinned");
      pinned = null;
      popup.hidden = true;
    }
  });
  text.addEventListener("mouseleave", function () {
    if (!pinned) popup.hidden = true;
  });

  // Arriving from an entity page at #q-N: mark the quote that begins there.
  function arrive() {
    var n = location.hash.replace(/^#q-/, "");
    if (!(n in data)) return;
    document.querySelectorAll("mark.target").forEach(function (m) { m.classList.remove("target"); });
    document.querySelectorAll("mark.ev").forEach(function (m) {
      if (m.getAttribute("data-ev").split(" ").indexOf(n) >= 0) m.classList.add("target");
    });
  }
  window.addEventListener("hashchange", arrive);
  arrive();
})();
