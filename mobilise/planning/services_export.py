"""Exports of the logic model too large to draw while the user waits: asked for here, drawn by planning/tasks.py.

A small model's PDF or PNG is drawn in the request; past ``QUEUED_FROM`` elements (or links) the drawing takes
seconds and hundreds of megabytes, so it runs on the task queue in a child process with a time and a memory limit
(documents/bounded.py), and the user waits on a page that refreshes itself until the file is ready to download.
"""

import hashlib
import json

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mobilise.core.tasks import enqueue_on_commit
from mobilise.documents import bounded
from mobilise.projects.models import Project

from .models import DiagramExport

QUEUED_FORMATS = ("pdf", "png")  # SVG and DOCX of the largest model take well under a second
QUEUED_FROM = 200  # elements, or twice as many links
TIME_LIMIT = 300  # seconds: the largest PDF takes 15 s on an idle machine, several times that on a busy one
MEMORY_LIMIT = 4000  # MB of address space for the drawing process (the largest PDF peaks at 1 GB resident)
CONTENT_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def queued(fmt: str, doc: dict) -> bool:
    """Whether this export is drawn by the task queue rather than in the request."""
    elements, links = len(doc.get("elements") or []), len(doc.get("links") or [])
    return fmt in QUEUED_FORMATS and (elements > QUEUED_FROM or links > 2 * QUEUED_FROM)


def digest(doc: dict) -> str:
    return hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest()


@transaction.atomic
def request_export(*, project: Project, fmt: str, doc: dict, by) -> DiagramExport:
    """The export of this model's contents in ``fmt``: one already drawn or being drawn, else a new one queued."""
    key = digest(doc)
    existing = (
        DiagramExport.objects.filter(project=project, fmt=fmt, digest=key)
        .exclude(state=DiagramExport.State.FAILED)
        .first()
    )
    if existing is not None and (existing.state != DiagramExport.State.DONE or existing.file):
        return existing
    export = DiagramExport.objects.create(project=project, fmt=fmt, digest=key, created_by=by)
    from .tasks import draw_export  # tasks import this module

    enqueue_on_commit(draw_export, export_id=export.pk)
    return export


def draw(export: DiagramExport, doc: dict) -> None:
    """Draw the export within the limits and keep the file; a failure is kept on the export for the user to see."""
    DiagramExport.objects.filter(pk=export.pk).update(state=DiagramExport.State.RUNNING)
    try:
        content = bounded.render(
            export.fmt,
            doc,
            seconds=TIME_LIMIT,
            memory_mb=MEMORY_LIMIT,
            time_zone=timezone.get_current_timezone_name(),
        )
    except bounded.ExportFailed as failure:
        export.state, export.error = DiagramExport.State.FAILED, f"The {export.fmt.upper()} {failure}."
    else:
        export.file.save(f"logic-model.{export.fmt}", ContentFile(content), save=False)
        export.state = DiagramExport.State.DONE
    export.finished = timezone.now()
    export.save(update_fields=["state", "error", "file", "finished"])
