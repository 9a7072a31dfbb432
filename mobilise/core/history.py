"""Each model's change history (django-simple-history), kept one way for every model that has one."""

import functools

from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        # simple_history builds this class afresh, looking through every method of the queryset, each time a
        # model's `history` is read, which every save does: once per queryset class is enough.
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(models.HistoricalRecords):
    """A model's history. A save of excluded fields alone (a sign-in's last_login, say) changes nothing the history
    shows, so it writes no row."""

    def __init__(self, *args, history_manager=HistoryManager, **kwargs):
        super().__init__(*args, history_manager=history_manager, **kwargs)

    def post_save(self, instance, created, using=None, **kwargs):
        saved = kwargs.get("update_fields")
        if not created and saved and set(saved) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)
