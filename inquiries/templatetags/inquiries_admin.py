from django import template

from inquiries.models import Inquiry

register = template.Library()


@register.simple_tag(takes_context=True)
def new_unassigned_inquiry_count(context):
    """How many requests nobody has picked up; None for users who may not see requests."""
    if not context["request"].user.has_perm("inquiries.view_inquiry"):
        return None
    return Inquiry.objects.new_and_unassigned().count()
