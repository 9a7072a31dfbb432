"""Drawing large logic-model exports on the task queue, so that no request waits on them."""

from django_tasks import task

from . import access, services_export
from .models import DiagramExport


@task()
def draw_export(*, export_id: int) -> None:
    """Draw a queued export of the project's model as it is now (time- and memory-limited: services_export)."""
    export = DiagramExport.objects.select_related("project").filter(pk=export_id).first()
    if export is None or export.state != DiagramExport.State.QUEUED:
        return  # the project was deleted, or the task was delivered twice
    model = access.model_of(export.project)
    services_export.draw(export, access.document(export.project, access.data(model)))
