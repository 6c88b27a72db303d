// The printable report: every chart's table is shown (on screen and on paper), and the Print
// button prints. No inline script: the site's Content Security Policy allows none.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details.chart-table").forEach(function (details) {
      details.open = true;
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
