(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("datasets");
  if (!form || !list) { return; }
  var cards = Array.prototype.slice.call(list.querySelectorAll(".card"));
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");
  var what = document.getElementById("empty-what");
  var search = document.getElementById("q");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  function words() {
    return search.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }
  function describe() {
    var parts = [];
    if (search.value.trim()) { parts.push("\u201c" + search.value.trim() + "\u201d"); }
    selects.forEach(function (s) {
      if (s.value) {
        parts.push(s.labels[0].textContent + ": " + s.options[s.selectedIndex].textContent);
      }
    });
    return parts.join(", ");
  }
  function remember() {
    var params = new URLSearchParams();
    if (search.value.trim()) { params.set("q", search.value.trim()); }
    selects.forEach(function (s) { if (s.value) { params.set(s.name, s.value); } });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    } catch (ignored) { /* some file: URLs refuse; the view still filters */ }
  }
  function apply() {
    var shown = 0;
    var wanted = words();
    cards.forEach(function (card) {
      var text = card.getAttribute("data-text") || "";
      var ok = selects.every(function (s) {
        return !s.value || (card.getAttribute("data-" + s.dataset.facet) || "").split(" ").indexOf(s.value) !== -1;
      }) && wanted.every(function (w) { return text.indexOf(w) !== -1; });
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + (shown === 1 ? " dataset" : " datasets");
    what.textContent = describe();
    empty.hidden = shown !== 0;
    remember();
  }
  var params = new URLSearchParams(window.location.search);
  search.value = params.get("q") || "";
  selects.forEach(function (s) {
    if (params.has(s.name)) { s.value = params.get(s.name); }
    s.addEventListener("change", apply);
  });
  search.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
