"""The clinic's opening hours as a clock: when a promise made in business hours falls due.

Pure functions over aware datetimes (no database, no settings): ``OpeningHours`` holds
the open weekdays, the daily opening and closing times and the time zone. Arithmetic
is done in UTC on the instants at which each day's window opens and closes in the
clinic's zone, so a daylight-saving change over a weekend moves neither the opening
time nor the promise: 8:00 stays 8:00 local time.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# No schedule leaves a clinic closed for longer than this; a guard against endless walks.
MAX_DAYS_WALKED = 3660


def parse_days(names):
    """["mon", "tue", ...] or ["mon-fri"] -> frozenset of weekday numbers (Monday = 0)."""
    days = set()
    for name in names:
        name = name.strip().lower()
        first, _, last = name.partition("-")
        try:
            start = WEEKDAYS.index(first[:3])
            end = WEEKDAYS.index(last[:3]) if last else start
        except ValueError:
            raise ValueError(f"Not a weekday (mon..sun): {name!r}") from None
        days.update(range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)])
    if not days:
        raise ValueError("The clinic must open on at least one day")
    return frozenset(days)


def parse_hours(text):
    """'08:00-17:00' -> (time(8, 0), time(17, 0))."""
    try:
        opening, closing = (datetime.time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError:
        raise ValueError(f"Opening hours must look like 08:00-17:00, not {text!r}") from None
    if opening >= closing:
        raise ValueError(f"The clinic must open before it closes: {text!r}")
    return opening, closing


@dataclass(frozen=True)
class OpeningHours:
    days: frozenset  # weekday numbers, Monday = 0
    opening: datetime.time
    closing: datetime.time
    zone: ZoneInfo

    @classmethod
    def from_strings(cls, *, days, hours, time_zone):
        opening, closing = parse_hours(hours)
        return cls(parse_days(days), opening, closing, ZoneInfo(time_zone))

    def _window(self, day):
        """The UTC instants at which ``day`` (a local date) opens and closes, or None."""
        if day.weekday() not in self.days:
            return None
        opens = datetime.datetime.combine(day, self.opening, tzinfo=self.zone)
        closes = datetime.datetime.combine(day, self.closing, tzinfo=self.zone)
        return opens.astimezone(datetime.UTC), closes.astimezone(datetime.UTC)

    def _windows(self, moment, step):
        day = moment.astimezone(self.zone).date()
        for _ in range(MAX_DAYS_WALKED):
            window = self._window(day)
            if window:
                yield window
            day += datetime.timedelta(days=step)
        raise ValueError("No opening hours found")  # pragma: no cover (parse_days forbids it)

    def add(self, start, hours):
        """When ``hours`` business hours after ``start`` have passed (the promise's due time).

        Friday 16:00 plus 8 hours, open Monday to Friday 8:00-17:00: Monday 15:00.
        A start outside opening hours counts from the next opening.
        """
        cursor = start.astimezone(datetime.UTC)
        remaining = datetime.timedelta(hours=hours)
        for opens, closes in self._windows(cursor, +1):
            begin = max(cursor, opens)
            if begin > closes:
                continue
            if remaining <= closes - begin:
                return (begin + remaining).astimezone(self.zone)
            remaining -= closes - begin
        raise AssertionError("unreachable")  # pragma: no cover

    def subtract(self, end, hours):
        """The latest moment from which ``hours`` business hours had passed by ``end``.

        ``received <= subtract(now, h)`` exactly when ``add(received, h) <= now``, so the
        requests past the promise are one indexed range query (``created_at__lte``).
        """
        cursor = end.astimezone(datetime.UTC)
        remaining = datetime.timedelta(hours=hours)
        for opens, closes in self._windows(cursor, -1):
            finish = min(cursor, closes)
            if finish < opens:
                continue
            if remaining <= finish - opens:
                return (finish - remaining).astimezone(self.zone)
            remaining -= finish - opens
        raise AssertionError("unreachable")  # pragma: no cover
