"""Background work for the health library, run by the task worker (``manage.py db_worker``);
enqueued nightly by ``manage.py enqueue_periodic_tasks nightly`` (settings.PERIODIC_TASKS)."""

from django_tasks import task

from .review_reminders import send_review_reminder


@task()
def remind_editors_of_reviews():
    """The editors' daily email of the pages whose medical review is due (review_reminders.py).

    Run twice in a day, it sends the same list twice: a repeat costs an email, not a mistake.
    """
    return send_review_reminder()
