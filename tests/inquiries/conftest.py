import pytest

from clinic.models import SiteSettings


@pytest.fixture
def clinic_phone(db):
    """The clinic's phone number set in the site settings: (303) 555-0142."""
    site = SiteSettings.load()
    site.phone = "(303) 555-0142"
    site.save()
    return site.phone
