(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("datasets");
  if (!form || !list) { return; }
  var cards = Array.prototype.slice.call(list.querySelectorAll(".card"));
  var count = document.getElementById("count");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = selects.every(function (s) {
        return !s.value || (card.getAttribute("data-" + s.dataset.facet) || "").split(" ").indexOf(s.value) !== -1;
      });
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + (shown === 1 ? " dataset" : " datasets");
  }
  var params = new URLSearchParams(window.location.search);
  selects.forEach(function (s) {
    if (params.has(s.name)) { s.value = params.get(s.name); }
    s.addEventListener("change", apply);
  });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
