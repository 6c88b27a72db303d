// Draws every <canvas data-chart="config-id"> with the Chart.js configuration in the JSON
// <script id="config-id"> beside it (see tandem/charts.py); again after htmx swaps content in.
(function () {
  function draw(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      var source = document.getElementById(canvas.dataset.chart);
      if (!source || typeof Chart === "undefined") return;
      new Chart(canvas, JSON.parse(source.textContent));
      canvas.dataset.drawn = "yes";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
