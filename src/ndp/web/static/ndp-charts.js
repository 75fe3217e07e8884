// Draws the dashboard's charts in the browser. Each <div class="ndp-chart"
// data-spec-url="..." data-alt="..."> names a same-origin URL serving one of the report's own
// Vega-Lite specs; this fetches it and renders it as SVG with vega-embed, using Vega's
// expression interpreter so that a CSP without 'unsafe-eval' holds. The chart is decoration
// over the page's table and text alternative, which are always there: a chart that cannot be
// fetched or drawn leaves them as they are and adds nothing. Load it after vega-bundle.min.js
// (both with `defer`).
(function () {
  "use strict";

  function embedOptions() {
    return {
      ast: true,
      expr: window.vegaInterpreter.expressionInterpreter,
      defaultStyle: false,
      tooltip: false,
      actions: false,
      renderer: "svg",
    };
  }

  // the spec's URL, only when it is on the page's own origin
  function specUrl(el) {
    var given = el.getAttribute("data-spec-url");
    if (!given) return null;
    var url = new URL(given, document.baseURI);
    return url.origin === window.location.origin ? url : null;
  }

  // what assistive technology is told: the page's text alternative once, or nothing (the
  // table and text beside the chart already say what it shows). Set on a wrapper: Vega puts
  // its own ARIA roles on the element it draws into, and role="img" makes those presentational
  function label(canvas, alt) {
    if (alt) {
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", alt);
    } else {
      canvas.setAttribute("aria-hidden", "true");
    }
  }

  function draw(el) {
    var url = specUrl(el);
    if (!url || typeof window.vegaEmbed !== "function" || !window.vegaInterpreter) {
      return Promise.resolve();
    }
    var canvas = document.createElement("div");
    canvas.className = "ndp-chart__canvas";
    label(canvas, el.getAttribute("data-alt"));
    // Vega gives its SVG and marks ARIA graphics roles of their own; hidden, they never reach
    // assistive technology as unlabelled images beside the canvas's one label
    var drawing = document.createElement("div");
    drawing.setAttribute("aria-hidden", "true");
    canvas.appendChild(drawing);
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(url + ": HTTP " + response.status);
        return response.json();
      })
      .then(function (spec) {
        el.appendChild(canvas);
        return window.vegaEmbed(drawing, spec, embedOptions());
      })
      .then(function () {
        el.classList.add("ndp-chart--drawn");
      })
      .catch(function (error) {
        if (canvas.parentNode) canvas.parentNode.removeChild(canvas);
        el.classList.add("ndp-chart--failed");
        if (window.console) window.console.warn("ndp-charts:", error);
      });
  }

  function drawAll() {
    var charts = document.querySelectorAll("div.ndp-chart[data-spec-url]");
    return Promise.all(Array.prototype.map.call(charts, draw));
  }

  window.ndpCharts = { drawAll: drawAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
