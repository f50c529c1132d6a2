"""Phone numbers as links, and as the digits that say which number it is."""

# The clinic's country calling code (North America): "+1 303 555 1031" and "(303) 555-1031"
# are one number, so a national number's eleven digits starting with it lose the "1".
HOME_COUNTRY_CODE = "1"
NATIONAL_NUMBER_DIGITS = 10


def tel_href(number):
    """A ``tel:`` link for ``number`` as people write it: ``+1 (720) 338-4491`` becomes
    ``tel:+17203384491`` (digits and a leading plus only, as phones dial them)."""
    dialled = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    return f"tel:{dialled}"


def phone_digits(number):
    """The digits that identify ``number`` however it was written: ``3035551031``,
    ``(303) 555-1031`` and ``+1 303 555 1031`` all give ``3035551031``. Other countries'
    numbers keep their country code (written with + or 00, the 00 dropped)."""
    digits = "".join(ch for ch in number if ch in "0123456789")
    if digits.startswith("00"):
        digits = digits[2:]
    home = HOME_COUNTRY_CODE
    if len(digits) == len(home) + NATIONAL_NUMBER_DIGITS and digits.startswith(home):
        digits = digits[len(home) :]
    return digits
