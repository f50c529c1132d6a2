"""The coordinators' dashboard figures: requests a week by language and by topic, time to
first contact against the clinic's promise, open and overdue counts. Plain numbers and
chart geometry: the template draws them as SVG (no script) and as tables."""

import datetime
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Inquiry
from .models.querysets import response_due

WEEKS = 8
TOP_TOPICS = 5
# Chart geometry, in SVG user units (the drawing scales to the page's width).
CHART_WIDTH = 640
CHART_HEIGHT = 200
BAR_GAP = 12
# Fill colours with 3:1 contrast or better against white (WCAG 1.4.11), one per series.
SERIES_COLOURS = ["#1f5f8b", "#b35900", "#2e7d32", "#7b3294", "#a61b1b", "#555555"]


@dataclass
class Series:
    label: str
    colour: str
    counts: list


def week_starts(today):
    monday = today - datetime.timedelta(days=today.weekday())
    return [monday - datetime.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def weekly_series(rows, weeks, labels):
    """One Series per label (in ``labels`` order), counts per week from (week, key) rows."""
    series = []
    for index, (value, label) in enumerate(labels):
        counts = [sum(1 for w, k in rows if w == week and k == value) for week in weeks]
        series.append(Series(label, SERIES_COLOURS[index % len(SERIES_COLOURS)], counts))
    return series


def stacked_bars(weeks, series):
    """Bars for each week, one segment per series: [(week, total, [(x, y, w, h, colour)])]."""
    totals = [sum(s.counts[i] for s in series) for i in range(len(weeks))]
    scale = CHART_HEIGHT / max([*totals, 1])
    width = (CHART_WIDTH - BAR_GAP * len(weeks)) / len(weeks)
    bars = []
    for i, week in enumerate(weeks):
        x = BAR_GAP / 2 + i * (width + BAR_GAP)
        y = CHART_HEIGHT
        segments = []
        for s in series:
            height = s.counts[i] * scale
            y -= height
            if height:
                segments.append(
                    (round(x, 1), round(y, 1), round(width, 1), round(height, 1), s.colour)
                )
        bars.append(
            {
                "week": week,
                "total": totals[i],
                "counts": [s.counts[i] for s in series],
                "segments": segments,
                "x": round(x + width / 2, 1),
                "top": round(y, 1),
            }
        )
    return bars


def figures(*, now=None):
    now = now or timezone.now()
    weeks = week_starts(timezone.localdate(now))
    since = timezone.make_aware(datetime.datetime.combine(weeks[0], datetime.time.min))
    recent = list(
        Inquiry.objects.filter(created_at__gte=since)
        .exclude(status=Inquiry.Status.SPAM)
        .annotate(first_contact=Min("contact_attempts__at"))
        .select_related("article")
        .only("created_at", "language", "article__title")
    )

    def week_of(inquiry):
        day = timezone.localdate(inquiry.created_at)
        return day - datetime.timedelta(days=day.weekday())

    by_language = weekly_series(
        [(week_of(i), i.language) for i in recent], weeks, Inquiry.Language.choices
    )
    topic_totals = {}
    for inquiry in recent:
        title = inquiry.article.title if inquiry.article else _("Not given")
        topic_totals[title] = topic_totals.get(title, 0) + 1
    top = sorted(topic_totals, key=lambda t: (-topic_totals[t], t))[:TOP_TOPICS]
    topic_rows = [
        (week_of(i), t if (t := (i.article.title if i.article else _("Not given"))) in top else "")
        for i in recent
    ]
    by_topic = weekly_series(topic_rows, weeks, [*((t, t) for t in top), ("", _("Other topics"))])
    by_topic = [s for s in by_topic if any(s.counts)]

    contacted = [i for i in recent if i.first_contact]
    waits = [(i.first_contact - i.created_at).total_seconds() / 3600 for i in contacted]
    kept = sum(1 for i in contacted if i.first_contact <= response_due(i.created_at))
    return {
        "weeks": weeks,
        "by_language": by_language,
        "language_bars": stacked_bars(weeks, by_language),
        "by_topic": by_topic,
        "topic_bars": stacked_bars(weeks, by_topic),
        "chart_width": CHART_WIDTH,
        "chart_height": CHART_HEIGHT,
        "median_hours": round(statistics.median(waits), 1) if waits else None,
        "contacted": len(contacted),
        "within_promise": kept,
        "within_promise_percent": round(100 * kept / len(contacted)) if contacted else None,
        "promise_hours": settings.INQUIRY_RESPONSE_BUSINESS_HOURS,
        "open_count": Inquiry.objects.open().count(),
        "overdue_count": Inquiry.objects.overdue(now=now).count(),
    }
