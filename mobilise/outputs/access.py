"""Scoped reads of findings, audiences and outputs, through the project's roles."""

from collections.abc import Iterable

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from mobilise.core.forms import is_id
from mobilise.projects import access as project_access
from mobilise.projects.models import Project
from mobilise.stakeholders import timeline
from mobilise.stakeholders.models import Stakeholder

from .models import Audience, Dissemination, Finding, GlossaryTerm, Output, Status, Version

SENT_HOUR = 12  # sendings carry a date; their timeline entries sit at noon


def may_approve(user, project):
    """May publish (after a named reviewer approved) and start a new draft of a published output."""
    return project_access.can(user, "projects.manage_team", project)


def findings(project):
    return Finding.objects.filter(project=project)


# A finding's words: what rankers match on (outputs/hearing.py, support/matching.py).
FINDING_TEXT = ("statement", "plain_statement", "for_practice", "for_commissioning", "for_policy")


def finding_text(finding: Finding) -> str:
    return "\n".join(getattr(finding, name) for name in FINDING_TEXT)


def visible_findings(user):
    """Findings on every project the user may see: what could meet a system priority (support/matching.py)."""
    return project_access.in_visible_projects(Finding.objects.all(), user)


def audiences(project):
    return Audience.objects.filter(project=project).annotate(stakeholder_count=Count("stakeholders"))


def outputs(project):
    return Output.objects.filter(project=project).select_related("audience")


def get_finding(project, pk):
    return get_object_or_404(findings(project), pk=pk)


def get_audience(project, pk):
    return get_object_or_404(Audience.objects.filter(project=project).prefetch_related("stakeholders"), pk=pk)


def get_output(project, pk):
    return get_object_or_404(
        outputs(project)
        .select_related("created_by")
        .prefetch_related(
            "sections",
            "findings",
            Prefetch(
                "sendings",
                queryset=Dissemination.objects.prefetch_related("stakeholders__organisation", "stakeholders__person"),
            ),
        ),
        pk=pk,
    )


def document(project, output) -> dict:
    """The output as the documents module renders it (PDF, DOCX, HTML): plain data, the quote only with consent."""
    return {
        "title": output.title,
        "kind": output.get_kind_display(),
        "audience": output.audience.name,
        "project": f"{project.short_title}: {project.title}",
        "date": date_format(timezone.localdate(), "j F Y"),
        "sections": [{"heading": s.heading, "body": s.body} for s in output.sections.all()],
        "testimonial": {"quote": output.testimonial, "by": output.testimonial_by}
        if output.testimonial and output.testimonial_consent
        else None,
    }


def versions(output):
    return Version.objects.filter(output=output).select_related("created_by").defer("data")


def get_version(output, number):
    return Version.objects.filter(output=output, number=number).first() if is_id(str(number)) else None


def glossary():
    return list(GlossaryTerm.objects.values_list("term", "plain"))


def glossary_terms():
    return GlossaryTerm.objects.all()


def timeline_entries(project, stakeholder=None, before=None, limit=50):
    """Outputs sent, for the stakeholder timelines (the stakeholders.timeline hook, filled in OutputsConfig.ready)."""
    sendings = Dissemination.objects.filter(output__project=project).select_related("output")
    if stakeholder is not None:
        sendings = sendings.filter(stakeholders=stakeholder)
    sendings = sendings.filter(timeline.older(before, "output", "sent_on", hour=SENT_HOUR))
    entries = []
    for s in sendings.order_by("-sent_on", "-pk")[:limit]:
        entries.append(
            timeline.Entry(
                when=timeline.at_hour(s.sent_on, SENT_HOUR),
                kind="output",
                pk=s.pk,
                title=f"Sent “{s.output.title}”",
                url=reverse("outputs:output", args=[project.pk, s.output_id]),
                detail=", ".join(filter(None, [s.output.get_kind_display(), s.channel, s.note])),
            )
        )
    return entries


MOST_NAMED = 20  # recipients named for each sending in a report; the rest are counted


def sendings(project: Project) -> list[Dissemination]:
    """The project's outputs sent, newest first, each with its output, `recipients` (the names of the first
    MOST_NAMED stakeholders it went to, by name) and `recipient_count` (all of them), in two queries whatever
    their number: the impact report."""
    sent = list(
        Dissemination.objects.filter(output__project=project).select_related("output").order_by("-sent_on", "-pk")
    )
    name = Coalesce("stakeholder__person__full_name", "stakeholder__organisation__name", "stakeholder__group_name")
    by_sending = F("dissemination_id")
    rows = (
        Dissemination.stakeholders.through.objects.filter(
            dissemination__output__project=project, stakeholder__in=Stakeholder.objects.all()
        )
        .annotate(
            name=name,
            rank=Window(RowNumber(), partition_by=by_sending, order_by=[name.asc(), F("stakeholder_id").asc()]),
            total=Window(Count("pk"), partition_by=by_sending),
        )
        .filter(rank__lte=MOST_NAMED)
        .order_by("dissemination_id", "rank")
        .values_list("dissemination_id", "name", "total")
    )
    names: dict[int, list[str]] = {}
    totals: dict[int, int] = {}
    for sending, recipient, total in rows:
        names.setdefault(sending, []).append(recipient)
        totals[sending] = total
    for sending in sent:
        sending.recipients = names.get(sending.pk, [])
        sending.recipient_count = totals.get(sending.pk, 0)
    return sent


def awaiting_review():
    """A count, for annotating projects (`OuterRef("pk")`), of the project's outputs in review: for the adviser's
    programme view."""
    waiting = Output.objects.filter(project=OuterRef("pk"), status=Status.IN_REVIEW)
    return Coalesce(Subquery(waiting.order_by().values("project").annotate(n=Count("pk")).values("n")[:1]), 0)


def audience_coverage(project_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Per project, for the plan health check over a page of projects, in one query: its audiences, and those
    with no output planned for them."""
    rows = (
        Audience.objects.filter(project_id__in=project_ids)
        .values("project_id")
        .annotate(total=Count("pk", distinct=True), without=Count("pk", filter=Q(outputs__isnull=True), distinct=True))
        .order_by()
    )
    return {row.pop("project_id"): row for row in rows}
