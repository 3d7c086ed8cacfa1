(function () {
  "use strict";
  var form = document.getElementById("var-search");
  var table = document.getElementById("variables");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var search = document.getElementById("vq");
  var count = document.getElementById("var-count");
  var empty = document.getElementById("var-empty");
  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-text") || "";
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown.toLocaleString("en-GB") + (shown === 1 ? " variable" : " variables");
    empty.hidden = shown !== 0;
    var query = search.value.trim();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?q=" + encodeURIComponent(query) : ""));
    } catch (ignored) { /* some file: URLs refuse; the view still filters */ }
  }
  search.value = new URLSearchParams(window.location.search).get("q") || "";
  search.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.hidden = false;
  apply();
})();
