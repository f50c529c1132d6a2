"""The response-time promise in business hours: weekends, after hours, daylight saving."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inquiries.business_hours import OpeningHours, parse_days, parse_hours

DENVER = ZoneInfo("America/Denver")
CLINIC = OpeningHours.from_strings(
    days=["mon-fri"], hours="08:00-17:00", time_zone="America/Denver"
)


def local(*args):
    return datetime.datetime(*args, tzinfo=DENVER)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Friday 16:00: one hour on Friday, seven on Monday.
        (local(2025, 6, 13, 16, 0), local(2025, 6, 16, 15, 0)),
        # Within one day.
        (local(2025, 6, 10, 8, 0), local(2025, 6, 10, 16, 0)),
        # After hours: counted from the next opening.
        (local(2025, 6, 10, 20, 30), local(2025, 6, 11, 16, 0)),
        (local(2025, 6, 11, 6, 0), local(2025, 6, 11, 16, 0)),
        # The weekend: Monday's opening.
        (local(2025, 6, 14, 11, 0), local(2025, 6, 16, 16, 0)),
        (local(2025, 6, 15, 23, 59), local(2025, 6, 16, 16, 0)),
        # Exactly at closing: the next day.
        (local(2025, 6, 10, 17, 0), local(2025, 6, 11, 16, 0)),
    ],
)
def test_eight_business_hours_fall_due_in_opening_hours(received, due):
    assert CLINIC.add(received, 8) == due


def test_the_promise_keeps_local_opening_hours_across_daylight_saving():
    # Clocks went forward on Sunday 9 March 2025 and back on Sunday 2 November 2025.
    spring = CLINIC.add(local(2025, 3, 7, 16, 0), 8)
    assert spring == local(2025, 3, 10, 15, 0)
    assert spring.utcoffset() == datetime.timedelta(hours=-6)
    autumn = CLINIC.add(local(2025, 10, 31, 16, 0), 8)
    assert autumn == local(2025, 11, 3, 15, 0)
    assert autumn.utcoffset() == datetime.timedelta(hours=-7)
    assert CLINIC.subtract(local(2025, 3, 10, 15, 0), 8) == local(2025, 3, 7, 16, 0)


def test_a_promise_of_several_days_skips_the_weekend():
    assert CLINIC.add(local(2025, 6, 12, 9, 0), 18) == local(2025, 6, 16, 9, 0)


def test_walking_back_from_monday_afternoon_reaches_friday():
    assert CLINIC.subtract(local(2025, 6, 16, 15, 0), 8) == local(2025, 6, 13, 16, 0)
    # From the weekend, the clock stands still at Friday's closing time.
    assert CLINIC.subtract(local(2025, 6, 14, 12, 0), 8) == local(2025, 6, 13, 9, 0)


def test_what_came_in_while_closed_is_due_together():
    # Monday 16:00 minus 8 hours is Monday's opening; a request from the weekend is due
    # at Monday 16:00 too, and a request received at or before the cutoff is due by now.
    monday_afternoon = local(2025, 6, 16, 16, 0)
    assert CLINIC.subtract(monday_afternoon, 8) == local(2025, 6, 16, 8, 0)
    assert CLINIC.add(local(2025, 6, 14, 10, 0), 8) == monday_afternoon


def test_hours_and_days_are_parsed_from_settings():
    assert parse_days(["mon-fri"]) == frozenset(range(5))
    assert parse_days(["Mon", "wed", "saturday"]) == frozenset({0, 2, 5})
    assert parse_days(["fri-mon"]) == frozenset({4, 5, 6, 0})
    assert parse_hours("08:00-17:30") == (datetime.time(8), datetime.time(17, 30))
    for bad in ["8-5", "17:00-08:00", "noon"]:
        with pytest.raises(ValueError, match=r"Opening hours|open before"):
            parse_hours(bad)
    for bad in [["funday"], []]:
        with pytest.raises(ValueError, match=r"weekday|at least one"):
            parse_days(bad)


# Real instants (drawn in UTC), seen in the clinic's zone: no wall-clock time skipped by
# daylight saving, which Python would compare by its wall time.
moments = st.datetimes(
    min_value=datetime.datetime(2024, 1, 1),
    max_value=datetime.datetime(2026, 12, 31),
    timezones=st.just(datetime.UTC),
).map(lambda moment: moment.astimezone(DENVER))
schedules = st.builds(
    lambda days, opening, length: OpeningHours.from_strings(
        days=sorted(days),
        hours=f"{opening:02d}:00-{opening + length:02d}:00",
        time_zone="America/Denver",
    ),
    st.sets(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=1),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=1, max_value=11),
)


@settings(max_examples=300, deadline=None)
@given(schedule=schedules, received=moments, now=moments, hours=st.integers(0, 40))
def test_received_before_the_cutoff_is_exactly_due_before_now(schedule, received, now, hours):
    """The overdue filter's query (received <= cutoff) agrees with the promise, row by row."""
    cutoff = schedule.subtract(now, hours)
    assert (received <= cutoff) == (schedule.add(received, hours) <= now)
