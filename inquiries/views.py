from django.shortcuts import render
from django.views.decorators.http import require_safe


def contact(request):
    return render(request, "inquiries/contact.html", {})


@require_safe
def privacy(request):
    return render(request, "inquiries/privacy.html")
