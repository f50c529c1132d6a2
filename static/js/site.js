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

// The form answered with its mistakes (or the rate limit) is the answer to a POST: its
// place in the history becomes the form's plain address, so that Back from the thank-you
// page, or a reload, asks for the page again (which then says the request was sent)
// instead of showing the browser's "Confirm form resubmission".
function forgetThePost() {
  if (document.querySelector("form.inquiry-form") && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.href);
  }
}

document.addEventListener("DOMContentLoaded", forgetThePost);

// "Print this page" (templates/articles/_page_tools.html): shown only where it works, and
// the printed page's date (templates/includes/_print_header.html) is the day of printing,
// written here because a stored page cannot know it.
function initPrinting() {
  var printed = document.querySelector("[data-printed]");
  function writeDate() {
    if (!printed) return;
    var language = document.documentElement.lang || undefined;
    printed.querySelector("[data-printed-on]").textContent = new Date().toLocaleDateString(
      language, { day: "numeric", month: "long", year: "numeric" }
    );
    printed.hidden = false;
  }
  writeDate();
  window.addEventListener("beforeprint", writeDate);
  document.querySelectorAll("[data-print-page]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
}

document.addEventListener("DOMContentLoaded", initPrinting);

// From a reference (or a glossary entry) back to the text: the place followed from becomes
// the page's address in the history, so Back returns there and the link takes focus again.
function initReturnToText() {
  var made = 0;
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".article__body a[href^='#ref-'], .article__body a[href^='#glossary-']");
    if (!link || !window.history.replaceState) return;
    if (!link.id) link.id = "followed-" + (made += 1);
    window.history.replaceState(null, "", "#" + link.id);
  });
  window.addEventListener("hashchange", function () {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && target.matches(".article__body a")) target.focus();
  });
}

document.addEventListener("DOMContentLoaded", initReturnToText);
