"""What the library gives other apps' pages through their hooks. Not registered here: the lead wires
`case_studies_for_projects` to the events app's `events.case_studies` hook (events/examples.py) at merge."""

from collections import defaultdict

from .models import CaseStudy, Status
from .presenting import public_url


def case_studies_for_projects(project_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """{project id: [(title, public URL)]} of the published case studies of these projects, newest first, in one
    query; a project without one is left out."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    rows = (
        CaseStudy.objects.filter(status=Status.PUBLISHED, project_id__in=project_ids)
        .order_by("-first_published", "-pk")
        .only("pk", "title", "slug", "project_id")
    )
    for entry in rows:
        assert entry.project_id is not None
        found[entry.project_id].append((entry.title, public_url(entry)))
    return dict(found)
