// Small improvements on top of pages that work without JavaScript.
// Loaded from a file (no inline scripts): the Content-Security-Policy allows only 'self'.
"use strict";

// Error summary (GOV.UK / NHS pattern): move focus to it when the form comes back with
// errors, so screen readers announce it; its links then focus the field itself, with the
// field's label scrolled into view above it.
function initErrorSummary() {
  var summary = document.querySelector(".error-summary");
  if (!summary) return;
  if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
  summary.focus();

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    var label = document.querySelector("label[for='" + CSS.escape(field.id) + "']");
    var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    (label || legend || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
}

document.addEventListener("DOMContentLoaded", initErrorSummary);
