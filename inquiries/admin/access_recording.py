"""Recording each look at patients' requests in the access log (models/access.py): the
AccessLogMixin of the requests' screens, and the task results' screen (a request's emails,
their errors) with it."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .. import access_log
from ..models import AccessAction

# The list's own parameters: ordering and page number, not a search or a filter.
LIST_NAVIGATION_PARAMETERS = {"o", "p"}


class AccessLogMixin:
    """For a ModelAdmin whose pages show patients' requests: opening a record and showing
    the list each append an access event, naming the requests shown."""

    access_log_view_action = AccessAction.VIEWED

    def access_log_request_ids(self, objects):
        """The ids of the requests that ``objects`` (the records shown) reveal."""
        return [obj.pk for obj in objects]

    def access_log_list_action(self, request):
        searched = set(request.GET) - LIST_NAVIGATION_PARAMETERS
        return AccessAction.SEARCHED if searched else AccessAction.LISTED

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # A TemplateResponse is the page itself (a missing record redirects instead).
        if isinstance(response, TemplateResponse) and response.context_data.get("original"):
            access_log.record(
                request=request,
                action=self.access_log_view_action,
                inquiry_ids=self.access_log_request_ids([response.context_data["original"]]),
            )
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if isinstance(response, TemplateResponse) and changelist is not None:
            access_log.record(
                request=request,
                action=self.access_log_list_action(request),
                inquiry_ids=self.access_log_request_ids(changelist.result_list),
                query=request.GET.urlencode(),
            )
        return response


def inquiry_id_of_task(result):
    """The request a task result is about (the inquiries' emails), or None."""
    if not result.task_path.startswith("inquiries.tasks."):
        return None
    args, kwargs = result.args_kwargs.get("args") or [], result.args_kwargs.get("kwargs") or {}
    inquiry_id = args[0] if args else kwargs.get("inquiry_id")
    return inquiry_id if isinstance(inquiry_id, int) else None


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(AccessLogMixin, DBTaskResultAdmin):
    """django-tasks-db's screen, recorded: a request's email task shows its address in
    its error."""

    access_log_view_action = AccessAction.TASK_RESULTS

    def access_log_request_ids(self, objects):
        return sorted({pk for pk in map(inquiry_id_of_task, objects) if pk is not None})

    def access_log_list_action(self, request):
        return AccessAction.TASK_RESULTS
