"""Admin widgets the article form uses as a screen reader needs them."""

from django.contrib.admin.widgets import AutocompleteSelectMultiple


class AutocompleteSelectMultipleWithoutClearAll(AutocompleteSelectMultiple):
    """Each chosen item keeps its own remove button; without "Remove all items", which
    Select2 draws as a bare span inside its list (not a list item), the list is valid."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        return {**super().build_attrs(base_attrs, extra_attrs), "data-allow-clear": "false"}
