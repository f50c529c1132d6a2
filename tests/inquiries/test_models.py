import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inquiries.models import Inquiry, validate_phone
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "phone", ["720 338 4491", "+1 (720) 338-4491", "1234567", "+44 20 7946 0958", "1" * 20]
)
def test_phone_numbers_people_write_are_accepted(phone):
    validate_phone(phone)


@pytest.mark.parametrize(
    "phone", ["123456", "1" * 21, "720.338.4491", "call me", "720 338 4491 ext 2", "٧٢٠٣٣٨٤٤٩١"]
)
def test_phone_numbers_out_of_shape_are_refused(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)


def test_database_refuses_an_unknown_status():
    inquiry = InquiryFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Inquiry.objects.filter(pk=inquiry.pk).update(status="lost")


def test_database_refuses_phone_preference_without_a_phone_number():
    with pytest.raises(IntegrityError), transaction.atomic():
        InquiryFactory(preferred_contact="phone", phone="")


def test_model_validation_matches_the_phone_constraint():
    inquiry = InquiryFactory.build(preferred_contact="phone", phone="")
    with pytest.raises(ValidationError) as error:
        inquiry.full_clean()
    assert "phone" in error.value.message_dict


def test_an_inquiry_names_itself_without_patient_details():
    inquiry = InquiryFactory(name="Ada Byron")
    assert str(inquiry) == f"Request #{inquiry.pk}"


def test_new_and_unassigned_are_the_requests_nobody_picked_up(django_user_model):
    waiting = InquiryFactory()
    InquiryFactory(status="in_progress")
    InquiryFactory(assigned_to=django_user_model.objects.create(username="c", is_staff=True))
    assert list(Inquiry.objects.new_and_unassigned()) == [waiting]
