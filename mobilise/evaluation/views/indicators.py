from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.forms import is_id
from mobilise.core.tables import TableError, read_table
from mobilise.documents.progress_chart import progress_svg
from mobilise.projects import access as project_access
from mobilise.projects.access import EDIT, page_context, project_view

from .. import access, progress, services, services_import
from ..forms import ActualsForm, GeneratePeriodsForm, ImportForm, IndicatorForm, PeriodForm, QuestionForm


@project_view()
def home(request, project):
    indicators = [progress.summarise(i) for i in access.indicator_totals(project)]
    return render(
        request,
        "evaluation/home.html",
        page_context(
            request,
            project,
            questions=access.questions(project),
            indicators=indicators,
            forms=access.feedback_forms(project)[:50],
            claim_count=access.claims(project).count(),
            learning_count=access.learning(project).count(),
            number=progress.number,
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def question_form(request, project, question_pk=None):
    question = access.get_question(project, question_pk) if question_pk else None
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and question:
            services.delete_question(question=question)
            messages.success(request, "Question deleted.")
            return redirect(reverse("evaluation:home", args=[project.pk]) + "#questions")
        if form.is_valid():
            services.save_question(project=project, question=question, **form.cleaned_data)
            messages.success(request, "Evaluation question saved.")
            return redirect(reverse("evaluation:home", args=[project.pk]) + "#questions")
    return render(
        request, "evaluation/question_form.html", page_context(request, project, form=form, question=question)
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def indicator_form(request, project, indicator_pk=None):
    indicator = access.get_indicator(project, indicator_pk) if indicator_pk else None
    initial = {}
    if indicator is None and is_id(request.GET.get("element", "")):
        initial["element"] = request.GET["element"]
    form = IndicatorForm(request.POST or None, instance=indicator, project=project, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and indicator:
            services.delete_indicator(indicator=indicator)
            messages.success(request, "Indicator deleted.")
            return redirect(reverse("evaluation:home", args=[project.pk]) + "#indicators")
        if form.is_valid():
            saved = services.save_indicator(project=project, indicator=indicator, **form.values())
            messages.success(
                request,
                "Indicator saved." if indicator else "Indicator saved. Now add its reporting periods and targets.",
            )
            return redirect("evaluation:indicator", pk=project.pk, indicator_pk=saved.pk)
    return render(
        request, "evaluation/indicator_form.html", page_context(request, project, form=form, indicator=indicator)
    )


@project_view()
def indicator_detail(request, project, indicator_pk):
    indicator = access.get_indicator(project, indicator_pk)
    summary = progress.summarise(indicator)
    rows = summary["rows"]
    chart = (
        progress_svg(
            title=f"{indicator.name}: actual against target by period",
            unit=indicator.unit,
            labels=[r["label"] for r in rows],
            actuals=[r["actual"] for r in rows],
            targets=[r["target"] for r in rows],
            baseline=indicator.baseline_value,
        )
        if rows
        else ""
    )
    can_edit = project_access.can(request.user, EDIT, project)
    return render(
        request,
        "evaluation/indicator.html",
        page_context(
            request,
            project,
            **summary,
            chart=mark_safe(chart),  # noqa: S308 - every text in it is escaped
            breakdowns=progress.breakdown_tables(indicator, summary["periods"]),
            number=progress.number,
            period_form=PeriodForm(unit=indicator.unit) if can_edit else None,
            actuals_form=ActualsForm(indicator=indicator) if can_edit and summary["periods"] else None,
            import_form=ImportForm() if can_edit and summary["periods"] else None,
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def generate_periods(request, project):
    """Reporting periods for chosen indicators between two dates, all at once, with targets across them."""
    chosen = request.GET.get("indicator", "")
    form = GeneratePeriodsForm(
        request.POST or None, indicators=list(access.indicator_names(project)), initial={"indicators": [chosen]}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.generate_periods(
                indicators=data["indicator_list"],
                spans=data["spans"],
                target_mode=data["target_mode"],
                target=data["target"],
            )
        except services.PeriodClash as clash:
            for message in clash.messages:
                form.add_error("indicators", f"{message}: delete them or choose other dates")
        except services.EvaluationError as error:
            form.add_error("ends", str(error))
        else:
            spans, count = data["spans"], len(data["indicator_list"])
            messages.success(
                request,
                f"{len(spans)} period{'s' if len(spans) != 1 else ''} ({spans[0].label} to {spans[-1].label}) added to "
                f"{count} indicator{'s' if count != 1 else ''}: {len(created)} in all.",
            )
            return redirect(reverse("evaluation:home", args=[project.pk]) + "#indicators")
    return render(request, "evaluation/generate_periods.html", page_context(request, project, form=form))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def period_form(request, project, indicator_pk, period_pk=None):
    indicator = access.get_indicator(project, indicator_pk)
    period = access.get_period(indicator, period_pk) if period_pk else None
    initial = (
        {"label": period.label, "ends": period.ends, "target": progress.number(period.target).replace(",", "")}
        if period
        else {}
    )
    form = PeriodForm(request.POST or None, unit=indicator.unit, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and period:
            services.delete_period(period=period)
            messages.success(request, f"Period {period.label} deleted, with its values.")
            return redirect("evaluation:indicator", pk=project.pk, indicator_pk=indicator.pk)
        if form.is_valid():
            try:
                services.save_period(indicator=indicator, period=period, **form.cleaned_data)
            except services.EvaluationError as error:
                form.add_error("label", str(error))
            else:
                messages.success(request, "Period saved.")
                return redirect(reverse("evaluation:indicator", args=[project.pk, indicator.pk]) + "#periods")
    return render(
        request,
        "evaluation/period_form.html",
        page_context(request, project, form=form, indicator=indicator, period=period),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def actuals_form(request, project, indicator_pk):
    indicator = access.get_indicator(project, indicator_pk)
    chosen = request.GET.get("period", "")
    period = next((p for p in indicator.periods.all() if str(p.pk) == chosen), None)
    form = ActualsForm(request.POST or None, indicator=indicator, period=period)
    if request.method == "POST" and form.is_valid():
        period = form.period()
        services.set_actuals(period=period, values=form.cleaned_data["values"])
        messages.success(request, f"Values for {period.label} saved.")
        return redirect(reverse("evaluation:indicator", args=[project.pk, indicator.pk]) + "#progress")
    return render(
        request, "evaluation/actuals_form.html", page_context(request, project, form=form, indicator=indicator)
    )


@project_view(EDIT)
@require_POST
def import_actuals(request, project, indicator_pk):
    indicator = access.get_indicator(project, indicator_pk)
    form = ImportForm(request.POST, request.FILES)
    problems = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            headers, rows = read_table(upload.name, upload.read(), noun="values")
            count = services_import.import_actuals(indicator=indicator, headers=headers, rows=rows)
        except TableError as error:
            form.add_error("file", error.message)
            problems = error.problems
        else:
            messages.success(request, f"{count} value{'s' if count != 1 else ''} imported.")
            return redirect(reverse("evaluation:indicator", args=[project.pk, indicator.pk]) + "#progress")
    return render(
        request,
        "evaluation/import.html",
        page_context(request, project, form=form, indicator=indicator, problems=problems),
        status=400,
    )
