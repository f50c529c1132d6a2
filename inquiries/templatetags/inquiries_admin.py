from django import template
from django.db.models import Count, Q
from django.urls import reverse

from inquiries.models import Inquiry

register = template.Library()


@register.simple_tag(takes_context=True)
def coordinator_counts(context):
    """The day's work for the admin index, each with a link to the filtered list: new,
    unassigned, overdue, follow-ups due and mine (open requests only; one query).
    None for users who may not see requests."""
    user = context["request"].user
    if not user.has_perm("inquiries.view_inquiry"):
        return None
    counts = Inquiry.objects.open().aggregate(
        new=Count("pk", filter=Q(status=Inquiry.Status.NEW)),
        unassigned=Count("pk", filter=Q(assigned_to__isnull=True)),
        overdue=Count("pk", filter=Inquiry.objects.overdue_condition()),
        follow_up=Count("pk", filter=Inquiry.objects.follow_up_condition()),
        mine=Count("pk", filter=Q(assigned_to=user)),
    )
    changelist = reverse("admin:inquiries_inquiry_changelist")
    rows = [
        ("new", "New", "status=new"),
        ("overdue", "Overdue", "due=overdue"),
        ("follow_up", "Follow-ups due today", "due=follow_up"),
        ("mine", "Mine", "assigned=me"),
        ("unassigned", "Unassigned", "assigned=nobody"),
    ]
    return [
        {"key": key, "label": label, "count": counts[key], "url": f"{changelist}?{query}"}
        for key, label, query in rows
    ]
