// The article form's references: a row added with "Add another reference" takes the number
// after the highest on the page, is named for its row, and takes the focus. The server
// numbers the rows it sends (articles/admin/article.py); every added row is a copy of one
// template row, so without this two added rows would share a number.
"use strict";

document.addEventListener("formset:added", (event) => {
  if (event.detail.formsetName !== "article_citations") {
    return;
  }
  const added = event.target.querySelector('input[name$="-order"]');
  const numbers = Array.from(
    document.querySelectorAll('#article_citations-group input[name$="-order"]'),
  )
    .filter((input) => input !== added && !input.name.includes("__prefix__"))
    .map((input) => Number.parseInt(input.value, 10))
    .filter(Number.isFinite);
  if (added) {
    added.value = String(Math.max(0, ...numbers) + 1);
    const rows = event.target.parentElement.querySelectorAll("tr.form-row:not(.empty-form)");
    const row = Array.from(rows).indexOf(event.target) + 1;
    added.setAttribute("aria-label", `Order of reference row ${row}`);
    added.focus();
  }
});
