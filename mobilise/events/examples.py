"""The project examples on an event's page, with the published case studies about each project.

The case-study library sits above events, so it fills this hook rather than being imported:

    CASE_STUDIES = hooks.declare("events.case_studies", ...)

A provider is called `provider(project_ids: list[int]) -> dict[int, list[tuple[str, str]]]`: for each project id,
the published case studies about it as (title, public URL). It must use at most one query, whatever the number
of ids, and return only what the public may see."""

from mobilise.core import hooks

CASE_STUDIES = hooks.declare(
    "events.case_studies",
    "provider(project_ids: list[int]) -> dict[int, list[tuple[str, str]]]: each project's published case "
    "studies as (title, public URL). Database queries: at most one, whatever the number of ids.",
)


def case_studies(project_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Every provider's case studies for these projects, merged (no query at all without projects)."""
    found: dict[int, list[tuple[str, str]]] = {}
    if not project_ids:
        return found
    for provider in CASE_STUDIES.providers:
        for project_id, studies in provider(list(project_ids)).items():
            found.setdefault(project_id, []).extend(studies)
    return found
