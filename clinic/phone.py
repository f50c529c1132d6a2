"""Phone numbers as links."""


def tel_href(number):
    """A ``tel:`` link for ``number`` as people write it: ``+1 (720) 338-4491`` becomes
    ``tel:+17203384491`` (digits and a leading plus only, as phones dial them)."""
    dialled = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"tel:{dialled}"
