"""``watch()``: which writes end which pages' versions (model signals, on commit).

Change detection uses model signals: it is cache bookkeeping, not business logic, and must
follow every write, including the admin's many-to-many changes. Each app says which of its
models the pages show, and which pages show a row, in its ``AppConfig.ready()``.
"""

from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from .versions import CONTENT, SITE, changed, page_version_name


def _names_for(pages, instances):
    """The versions a change of ``instances`` ends: every page's when ``pages`` is None,
    else the lists' and those of the item pages ``pages(instance)`` names."""
    if pages is None:
        return {SITE}
    names = {CONTENT} if pages.lists else set()
    for instance in instances:
        names.update(page_version_name(path) for path in pages(instance))
    return names


class _Pages:
    """``pages(instance)``: the paths of the item pages showing a row; ``lists``: whether
    the list pages show it too."""

    def __init__(self, pages, lists):
        self.pages, self.lists = pages, lists

    def __call__(self, instance):
        return self.pages(instance) if instance.pk is not None else ()


def watch(*models, pages=None, lists=True, many_to_many=()):
    """End the versions of the pages that show a row of ``models`` when one is saved or
    deleted, or a relation in ``many_to_many`` (``Model.field.through``) changes, on commit.

    ``pages(instance)`` gives the paths of the item pages that show the row, read from the
    database: it is asked before a change (the pages it was on) and after (the pages it is
    on now). Without it every page is stale (the site settings). ``lists``: the list pages
    show these rows too (home, lists, feeds, sitemap, search results).
    """
    shown_on = _Pages(pages, lists) if pages is not None else None

    def before_or_after_write(sender, instance, using, **kwargs):
        changed(_names_for(shown_on, [instance]), using=using)

    def relation_changed(sender, instance, action, model, pk_set, using, **kwargs):
        rows = [instance]
        if shown_on is not None and pk_set:
            rows += list(model._default_manager.using(using).filter(pk__in=pk_set))
        changed(_names_for(shown_on, rows), using=using)

    for model in models:
        uid = model._meta.label
        pre_save.connect(
            before_or_after_write, sender=model, weak=False, dispatch_uid=f"pagecache-pre-{uid}"
        )
        post_save.connect(
            before_or_after_write, sender=model, weak=False, dispatch_uid=f"pagecache-save-{uid}"
        )
        pre_delete.connect(
            before_or_after_write, sender=model, weak=False, dispatch_uid=f"pagecache-del-{uid}"
        )
    for through in many_to_many:
        uid = through._meta.label
        m2m_changed.connect(
            relation_changed, sender=through, weak=False, dispatch_uid=f"pagecache-m2m-{uid}"
        )
