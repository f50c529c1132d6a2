// The article form for keyboard and screen-reader users: a new article opens on its title
// (not the Save button at the top), and the controls the autocomplete (Select2) draws
// carry the name of the field they stand for.
"use strict";

function fieldName(select) {
  const label = document.querySelector(`label[for="${select.id}"]`);
  if (label) {
    return label.textContent.replace(/:\s*$/, "").trim();
  }
  // A table row of an inline: the column's heading, and the row's number.
  const cell = select.closest("td");
  const row = select.closest("tr");
  if (cell && row) {
    const column = Array.from(row.children).indexOf(cell);
    const heading = row.closest("table").querySelectorAll("thead th")[column];
    const rows = Array.from(row.parentElement.querySelectorAll("tr.form-row:not(.empty-form)"));
    return `${heading.textContent.trim()} of reference row ${rows.indexOf(row) + 1}`;
  }
  return select.name;
}

function nameAutocompletes(root) {
  for (const select of root.querySelectorAll("select.admin-autocomplete")) {
    const widget = select.nextElementSibling;
    if (select.name.includes("__prefix__") || !widget || !widget.classList.contains("select2")) {
      continue;
    }
    const name = fieldName(select);
    const search = widget.querySelector(".select2-search__field");
    if (search) {
      search.setAttribute("aria-label", name);
    }
    const single = widget.querySelector(".select2-selection--single");
    if (single) {
      // Read before the choice (empty on a new row): "Citation of reference row 6, …".
      let label = document.getElementById(`${select.id}-name`);
      if (!label) {
        label = document.createElement("span");
        label.id = `${select.id}-name`;
        label.hidden = true;
        label.textContent = name;
        widget.append(label);
      }
      const shown = single.querySelector(".select2-selection__rendered");
      single.setAttribute("aria-labelledby", `${label.id} ${shown.id}`);
      // The choice shown is part of the combobox's name, not a nameless text box of its own.
      shown.removeAttribute("role");
      shown.removeAttribute("aria-readonly");
    }
  }
}

// Django's change_form.js (loaded async, so it may run after DOMContentLoaded, never after
// "load") focuses the first control: with the buttons at the top too, that is Save. On a new
// article, the first field is the place to start (unless the person has moved on already).
window.addEventListener("load", () => {
  const adding = document.getElementById("django-admin-form-add-constants");
  const active = document.activeElement;
  const untouched = !active || active === document.body || active.type === "submit";
  if (adding && adding.dataset.modelName && untouched) {
    const first =
      document.getElementById("id_title") ||
      document.querySelector(
        "#content-main form fieldset input:not([type=hidden]), #content-main form fieldset select, #content-main form fieldset textarea",
      );
    if (first) {
      first.focus();
    }
  }
});

// Select2 starts in a jQuery ready handler, which jQuery 3 runs from a timer: it may come
// after "load". A ready handler added at "load" is queued after the admin's, so it runs
// once every autocomplete has its Select2.
window.addEventListener("load", () => {
  if (window.django && django.jQuery) {
    django.jQuery(() => nameAutocompletes(document));
  } else {
    nameAutocompletes(document);
  }
});
document.addEventListener("formset:added", (event) => {
  // After the admin's own handler, which starts Select2 on the added row.
  setTimeout(() => nameAutocompletes(event.target), 0);
});
