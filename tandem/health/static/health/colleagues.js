// Suggests colleagues while a mentor types into an input with data-colleague-search="<url>":
// the people app's search answers <option>s, put into the input's <datalist>.
(function () {
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      if (input.value.trim().length < 2) return;
      timer = setTimeout(function () {
        var url = input.dataset.colleagueSearch + "?q=" + encodeURIComponent(input.value.trim());
        fetch(url, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : ""; })
          .then(function (options) { list.innerHTML = options; });
      }, 300);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-colleague-search]").forEach(attach);
  });
})();
