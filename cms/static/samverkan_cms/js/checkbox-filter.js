// The search box of a SearchableCheckboxSelectMultiple (cms/widgets.py):
// hides the choices whose label does not contain what is typed. Without
// this script the box stays hidden and the whole list shows.
(function () {
  function setUp(root) {
    var input = root.querySelector("[data-checkbox-filter-input]");
    if (!input || input.dataset.ready) return;
    input.dataset.ready = "1";
    input.hidden = false;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLocaleLowerCase("sv");
      root.querySelectorAll("label").forEach(function (label) {
        if (!label.querySelector("input[type=checkbox]")) return;
        var item = label.closest("div") === root ? label : label.parentElement;
        var text = label.textContent.toLocaleLowerCase("sv");
        item.hidden = query !== "" && text.indexOf(query) === -1;
      });
    });
  }
  function all() {
    document.querySelectorAll("[data-checkbox-filter]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", all);
  } else {
    all();
  }
})();
