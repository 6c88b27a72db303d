// Tandem's few behaviours, as one static file: the Content Security Policy allows no inline
// script, no inline event handler and no eval (see CONTENT_SECURITY_POLICY in settings.py).
(function () {
  // <form data-confirm="Question?">: ask before submitting. Capturing at the document runs
  // before htmx's own listener on the form, so a refusal stops htmx forms too.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // <button data-remove-row>: mark a formset row deleted and hide it (skills on the profile).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-row]");
    if (!button) return;
    var row = button.closest("tr");
    row.querySelector("input[name$=DELETE]").checked = true;
    row.hidden = true;
  });

  // Keep each formset's TOTAL_FORMS equal to its rows after htmx adds one
  // (<tbody data-formset-rows="skills"> holds the rows of the formset with prefix "skills").
  document.addEventListener("htmx:afterSwap", function () {
    document.querySelectorAll("[data-formset-rows]").forEach(function (body) {
      var total = document.getElementById("id_" + body.dataset.formsetRows + "-TOTAL_FORMS");
      if (total) total.value = body.querySelectorAll("tr").length;
    });
  });
})();
