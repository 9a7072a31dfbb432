"""Scoped reads of evaluation questions, indicators, feedback forms, impact evidence and learning."""

from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import mark_safe

from mobilise.documents.progress_chart import bar_svg
from mobilise.engagement.feedback import WorkshopFeedback
from mobilise.planning import access as planning_access
from mobilise.planning.models import OUTCOMES, Column
from mobilise.planning.references import Reference

from . import progress
from .models import (
    Actual,
    CaseStudy,
    Evidence,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
    Focus,
    ImpactClaim,
    Indicator,
    Learning,
    Period,
    Question,
    QuestionKind,
)


def questions(project):
    return Question.objects.filter(project=project)


def get_question(project, pk):
    return get_object_or_404(questions(project), pk=pk)


def measurable_elements(project):
    """The outputs and outcomes of the project's logic model, which indicators measure."""
    return planning_access.project_elements(project, [Column.OUTPUTS, *OUTCOMES])


def outcome_elements(project):
    return planning_access.project_elements(project, OUTCOMES)


def snapshots(project):
    return planning_access.project_snapshots(project)


def _periods(**actuals):
    return Prefetch(
        "periods",
        queryset=Period.objects.prefetch_related(
            Prefetch("actuals", queryset=Actual.objects.filter(**actuals).order_by("dimension", "category"))
        ),
    )


def indicators(project):
    """Indicators with their element, periods and actuals, in a fixed number of queries."""
    return Indicator.objects.filter(project=project).select_related("element").prefetch_related(_periods())


def indicator_series(project):
    """Indicators with their element and periods (period_list), for reading whole series: with_values() gives the
    periods of a page of them their actuals."""
    return (
        Indicator.objects.filter(project=project)
        .select_related("element")
        .prefetch_related(Prefetch("periods", to_attr="period_list"))
    )


def with_values(indicators):
    """Give each period of these indicators (from indicator_series) its actuals as `values`, plain rows of dimension,
    category and value, in one query: a page of series holds thousands, and model instances cost ten times as much."""
    periods = [period for indicator in indicators for period in indicator.period_list]
    rows = defaultdict(list)
    found = Actual.objects.filter(period__in=[p.pk for p in periods]).order_by("dimension", "category")
    for period_id, dimension, category, value in found.values_list("period_id", "dimension", "category", "value"):
        rows[period_id].append({"dimension": dimension, "category": category, "value": value})
    for period in periods:
        period.values = rows[period.pk]
    return indicators


def get_indicator_series(project, pk):
    """One indicator as indicator_series and with_values read it; 404 if it is not the project's."""
    return with_values([get_object_or_404(indicator_series(project), pk=pk)])[0]


def indicator_names(project):
    """The project's indicators, only their names: for choosing some."""
    return Indicator.objects.filter(project=project).only("pk", "name", "project_id")


def indicator_totals(project):
    """Indicators with their periods and only the totals of their actuals: what lists and summaries show,
    without the breakdowns, which are most of the rows."""
    return Indicator.objects.filter(project=project).select_related("element").prefetch_related(_periods(dimension=""))


def get_indicator(project, pk):
    return get_object_or_404(indicators(project), pk=pk)


def get_period(indicator, pk):
    return get_object_or_404(Period.objects.filter(indicator=indicator), pk=pk)


def indicator_element_keys(model):
    """Keys of the model's elements that have an indicator (for the planning.indicators hook)."""
    return {str(k) for k in Indicator.objects.filter(element__model=model).values_list("element__key", flat=True)}


def evidenced_element_keys(model):
    """Keys of the model's elements shown by a claim with evidence (for the planning.indicators hook)."""
    claims = ImpactClaim.objects.filter(outcome__model=model, evidence__isnull=False)
    return {str(k) for k in claims.order_by().values_list("outcome__key", flat=True).distinct()}


def chain_url(project):
    return reverse("evaluation:chain", args=[project.pk])


def element_references(element_pks):
    """Indicators and impact claims pointing at these logic-model elements (for the planning.references hook)."""
    for pk, element_pk, name in Indicator.objects.filter(element_id__in=element_pks).values_list(
        "pk", "element_id", "name"
    ):
        yield Reference(element_pk, "Indicator", name, f"indicator:{pk}")
    for pk, element_pk, title in ImpactClaim.objects.filter(outcome_id__in=element_pks).values_list(
        "pk", "outcome_id", "title"
    ):
        yield Reference(element_pk, "Impact claim", title, f"claim:{pk}")


def add_indicator_url(project, element):
    return reverse("evaluation:indicator-new", args=[project.pk]) + f"?element={element.pk}"


def workshop_forms(workshop) -> list[WorkshopFeedback]:
    """The feedback forms handed out at a workshop (the engagement app's FEEDBACK hook), in one query."""
    return [
        WorkshopFeedback(
            title=f.title,
            url=reverse("evaluation:form", args=[workshop.project_id, f.pk]),
            public_path=reverse("feedback", args=[f.token]),
            is_open=f.is_open,
        )
        for f in FeedbackForm.objects.filter(project_id=workshop.project_id, workshop=workshop).order_by("pk")
    ]


def add_workshop_form_url(workshop) -> str:
    return reverse("evaluation:form-new", args=[workshop.project_id]) + f"?workshop={workshop.pk}"


def feedback_forms(project):
    return FeedbackForm.objects.filter(project=project).annotate(response_count=Count("responses"))


def report_feedback_forms(project):
    return FeedbackForm.objects.filter(project=project).prefetch_related("questions")


def answer_sets(forms) -> dict[int, list[dict]]:
    """The answers of each form's responses, by form pk, in the order they came, in one query: all a summary
    reads, without building an object for each of thousands of responses."""
    found: dict[int, list[dict]] = {form.pk: [] for form in forms}
    for form_id, answers in FeedbackResponse.objects.filter(form__in=list(found)).values_list("form_id", "answers"):
        found[form_id].append(answers)
    return found


def get_feedback_form(project, pk):
    return get_object_or_404(FeedbackForm.objects.filter(project=project).prefetch_related("questions"), pk=pk)


def summarise(form, questions, answer_sets):
    """Per question: counts for each option (with percentages) or the free-text answers, from each response's
    answers (as answer_sets reads them)."""
    out = []
    total = len(answer_sets)
    for q in questions:
        answers = [given.get(str(q.pk)) for given in answer_sets]
        answers = [a for a in answers if a not in (None, "", [])]
        item = {"question": q, "answered": len(answers), "total": total}
        if q.kind == QuestionKind.TEXT:
            item["texts"] = answers
        else:
            counts = {o: 0 for o in q.options}
            for a in answers:
                for choice in a if isinstance(a, list) else [a]:
                    if choice in counts:
                        counts[choice] += 1
            item["counts"] = [(o, n, round(100 * n / len(answers)) if answers else 0) for o, n in counts.items()]
            if q.kind in (QuestionKind.RATING, QuestionKind.LIKERT):
                scores = [q.options.index(a) + 1 for a in answers if isinstance(a, str) and a in q.options]
                item["mean"] = round(sum(scores) / len(scores), 1) if scores else None
        out.append(item)
    return out


def charted_summary(form, questions, answer_sets):
    """summarise, with a bar chart of each question's answers (its data table is drawn beside it)."""
    summary = summarise(form, questions, answer_sets)
    for item in summary:
        if "counts" in item:
            item["chart"] = mark_safe(
                bar_svg(  # noqa: S308 - every text in it is escaped
                    title=f"Answers to “{item['question'].text}”", items=[(o, n) for o, n, _ in item["counts"]]
                )
            )
    return summary


def owned_forms(owner) -> list[FeedbackForm]:
    """The surveys that belong to another app's object (see services.start_survey), each with `summary` (per
    question, as summarise gives it) and `response_count`, in three queries."""
    forms = list(
        FeedbackForm.objects.filter(
            owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk
        ).prefetch_related("questions")
    )
    answers = answer_sets(forms)
    for form in forms:
        form.response_count = len(answers[form.pk])
        form.summary = charted_summary(form, list(form.questions.all()), answers[form.pk])
    return forms


def get_feedback_question(form, pk):
    return get_object_or_404(FeedbackQuestion.objects.filter(form=form), pk=pk)


def get_public_form(token):
    """The form behind a shared link; 404 for an unknown token. Closed forms are found, to say so."""
    if not token or len(token) > 64:
        from django.http import Http404

        raise Http404
    return get_object_or_404(FeedbackForm.objects.prefetch_related("questions"), token=token)


def claims(project):
    return (
        ImpactClaim.objects.filter(project=project)
        .select_related("outcome")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.defer("text")))
    )


def get_claim(project, pk):
    return get_object_or_404(
        ImpactClaim.objects.filter(project=project).select_related("outcome").prefetch_related("evidence"), pk=pk
    )


def get_evidence(project, pk):
    return get_object_or_404(Evidence.objects.filter(claim__project=project).select_related("claim"), pk=pk)


def learning(project):
    return Learning.objects.filter(project=project).select_related("snapshot")


def get_learning(project, pk):
    return get_object_or_404(learning(project), pk=pk)


def case_study(project):
    return CaseStudy.objects.filter(project=project).first() or CaseStudy(project=project)


def claims_by_project(project_ids, since):
    """{project pk: {claim type: count}} of the claims dated on or after `since`, for the given projects, in one
    query: the adviser's programme view."""
    counts = {}
    rows = ImpactClaim.objects.filter(project__in=project_ids, date__gte=since).order_by()
    for project, kind, n in rows.values_list("project", "kind").annotate(n=Count("pk")):
        counts.setdefault(project, {})[kind] = n
    return counts


def behind_target(project_ids):
    """{project pk: how many of its indicators are behind target} (progress.status, the one rule), for the given
    projects, in one query whatever their number: the adviser's programme view. Each period comes as a plain row
    with its total (no breakdown), so no model is built."""
    total = Actual.objects.filter(period=OuterRef("pk"), dimension="").order_by("category").values("value")[:1]
    periods = (
        Period.objects.filter(indicator__project__in=project_ids)
        .annotate(actual=Subquery(total))
        .order_by("indicator_id", "ends", "pk")
        .values_list(
            "indicator_id",
            "indicator__project_id",
            "indicator__direction",
            "indicator__baseline_value",
            "ends",
            "target",
            "actual",
        )
    )
    behind = {}
    for (_, project, direction, baseline), rows in groupby(periods, key=lambda row: row[:4]):
        series = [{"ends": ends, "target": target, "actual": actual} for *_, ends, target, actual in rows]
        if progress.status(direction, series, baseline)["code"] == "behind":
            behind[project] = behind.get(project, 0) + 1
    return behind


def claims_between(start, end):
    """{claim type: count} of the impact claims dated in the period, on every project: the programme report."""
    claims = ImpactClaim.objects.filter(date__gte=start, date__lte=end).order_by()
    return dict(claims.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))


NO_PLAN_HEALTH_COUNTS: dict[str, Any] = {"measured": 0, "questions": 0, "outcome_questions": 0, "latest_claim": None}


def plan_health_counts(project_ids: Iterable[int], columns: Iterable[str]) -> dict[int, dict[str, Any]]:
    """Per project with any, for the plan health check over a page of projects, in three queries (the rest have
    NO_PLAN_HEALTH_COUNTS): how many of its logic-model elements in `columns` an indicator measures (`measured`),
    its evaluation questions and those on outcomes (what works, for whom), and the date of its latest impact claim
    (None without one). `project_ids`: pks, or a query of them."""
    result: dict[int, dict[str, Any]] = {}

    def counts(pk: int) -> dict[str, Any]:
        return result.setdefault(pk, dict(NO_PLAN_HEALTH_COUNTS))

    measured = (
        Indicator.objects.filter(project_id__in=project_ids, element__column__in=list(columns))
        .values("project_id")
        .annotate(n=Count("element", distinct=True))
        .order_by()
    )
    for project_id, n in measured.values_list("project_id", "n"):
        counts(project_id)["measured"] = n
    questions = (
        Question.objects.filter(project_id__in=project_ids)
        .values("project_id")
        .annotate(total=Count("pk"), outcomes=Count("pk", filter=Q(focus__in=[Focus.WHAT, Focus.WHOM])))
        .order_by()
    )
    for row in questions:
        counts(row["project_id"]).update(questions=row["total"], outcome_questions=row["outcomes"])
    claims = ImpactClaim.objects.filter(project_id__in=project_ids).values("project_id").order_by()
    for row in claims.annotate(latest=Max("date")):
        counts(row["project_id"])["latest_claim"] = row["latest"]
    return result
