"""A project's plans: the list with the plan health check, a new plan, the plan page (the team's text beside the
live data), a section's editor, live count and earlier versions, costed resources, status and exports refused over
a limit."""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST
from markupsafe import Markup

from mobilise.core import reviews
from mobilise.core import views as core_views
from mobilise.core.versioning import StaleEdit, refuse_stale
from mobilise.documents import diff, output_doc
from mobilise.projects import generations
from mobilise.projects.access import EDIT, VIEW, page_context, project_view

from .. import access, fingerprints, health, limits, services, sources
from ..forms import MAX_TEXT, CostForm, PlanForm, ReviewRequestForm, SectionForm, StatusForm
from ..shapes import BUILT_IN

FORMATS = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@project_view()
def home(request, project):
    return render(
        request,
        "plans/home.html",
        page_context(
            request,
            project,
            plans=access.plans(project),
            health=health.for_project(project, request.user),
            can_define=request.user.is_adviser,
            shapes=BUILT_IN,
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def plan_new(request, project):
    form = PlanForm(request.POST or None, templates=access.templates())
    if request.method == "POST" and form.is_valid():
        plan = services.create_plan(project=project, by=request.user, title=form.cleaned_data["title"], **form.choice())
        messages.success(request, "Plan drafted from the project's data. Make each section your own.")
        return redirect("plans:plan", pk=project.pk, plan_pk=plan.pk)
    return render(request, "plans/plan_new.html", page_context(request, project, form=form))


def _body(project, plan, shape, can_edit):
    """The plan's downloads line, its sections beside their live data and the timeline, rendered once for each data
    generation of the project (projects/generations.py): all they show is the project's data, and what else they
    depend on (the plan's shape, whether the reader may edit) is in the key."""

    def work():
        live = sources.Live(project, plan)
        views = access.section_views(plan, shape, access.sections(plan), live.suggestion)
        context = {"project": project, "plan": plan, "sections": views, "over": access.over_limit(views)}
        return render_to_string("plans/_body.html", {**context, "can_edit": can_edit, **sources.timeline_figure(live)})

    part = f"{plan.pk}:{can_edit}:{fingerprints.digest(repr(shape))}"
    return Markup(generations.cached_one("plan-page", project.pk, work, part=part))


def _plan_page(request, project, plan, status=200, refused=()):
    shape = access.shape_of(plan)
    context = page_context(
        request,
        project,
        plan=plan,
        shape=shape,
        refused=refused,
        costs=access.costs(plan),
        cost_form=CostForm(),
        status_form=StatusForm(initial={"status": plan.status}),
        review=reviews.latest(plan),
        # The checks only: each job's status is on the plans page and the project's home.
        health=health.checks_for(project, request.user),
    )
    context["body"] = _body(project, plan, shape, context["can_edit"])
    return render(request, "plans/plan.html", context, status=status)


@project_view()
def plan_detail(request, project, plan_pk):
    return _plan_page(request, project, access.get_plan(project, plan_pk))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def section_edit(request, project, plan_pk, key):
    plan = access.get_plan(project, plan_pk)
    section = access.get_section(plan, key)
    shape = next((s for s in access.shape_of(plan).sections if s.key == key), None)
    if shape is None:
        raise Http404
    live = sources.Live(project, plan).suggestion(shape.source)
    form = SectionForm(request.POST or None, initial={"text": section.text, "version": section.version})
    if request.method == "POST" and request.POST.get("action") == "refill" and live is not None:
        services.refill_section(section=section, by=request.user)
        messages.success(request, f"“{section.heading}” started again from the live data.")
        return redirect("plans:section", pk=project.pk, plan_pk=plan.pk, key=key)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_section(
                section=section,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except StaleEdit as stale:
            refuse_stale(
                form,
                stale,
                "Someone saved this section after you opened it. Your text is not saved yet: "
                "copy it, reload the page to see theirs, then save again.",
            )
        else:
            check = limits.check(shape, form.cleaned_data["text"])
            note = f" It is over the limit ({check['message']}): cut it before exporting." if check["over"] else ""
            messages.success(request, f"“{section.heading}” saved.{note}")
            return redirect("plans:plan", pk=project.pk, plan_pk=plan.pk)
    text = form.data.get("text", section.text) if form.is_bound else section.text
    return render(
        request,
        "plans/section.html",
        page_context(
            request,
            project,
            plan=plan,
            section=section,
            shape=shape,
            form=form,
            live=live,
            changes=fingerprints.changes(section.basis, live.fingerprint) if live else [],
            check=limits.check(shape, text),
        ),
    )


@project_view()
def section_versions(request, project, plan_pk, key):
    """The section's earlier texts, and what changed between two of them (the newest change until two are chosen)."""
    plan = access.get_plan(project, plan_pk)
    section = access.get_section(plan, key)
    versions = access.section_versions(section)
    by_number = {str(v.number): v for v in versions}
    newest = versions[0] if versions else None
    a = by_number.get(request.GET.get("a", ""), versions[1] if len(versions) > 1 else newest)
    b = by_number.get(request.GET.get("b", ""), newest)
    return render(
        request,
        "plans/section_versions.html",
        page_context(
            request,
            project,
            plan=plan,
            section=section,
            versions=versions,
            a=a,
            b=b,
            changes=diff.blocks(a.text, b.text) if a and b else [],
        ),
    )


@project_view(EDIT)
@require_POST
def section_count(request, project, plan_pk, key):
    """The count of one section as it is being written (htmx posts the text after a pause in typing)."""
    plan = access.get_plan(project, plan_pk)
    shape = next((s for s in access.shape_of(plan).sections if s.key == key), None)
    if shape is None:
        raise Http404
    check = limits.check(shape, request.POST.get("text", "")[:MAX_TEXT])
    return render(request, "plans/_count.html", {"check": check})


@project_view(EDIT)
@require_POST
def cost_add(request, project, plan_pk):
    plan = access.get_plan(project, plan_pk)
    form = CostForm(request.POST)
    if form.is_valid():
        services.add_cost(plan=plan, item=form.cleaned_data["item"], cost=form.cleaned_data["cost"])
        messages.success(request, "Cost added.")
        return redirect(reverse("plans:plan", args=[project.pk, plan.pk]) + "#costs")
    return render(request, "plans/cost_form.html", page_context(request, project, plan=plan, form=form), status=400)


@project_view(EDIT)
@require_POST
def cost_remove(request, project, plan_pk, cost_pk):
    plan = access.get_plan(project, plan_pk)
    cost = access.get_cost(plan, cost_pk)
    services.remove_cost(cost=cost)
    messages.success(request, f"“{cost.item}” removed.")
    return redirect("plans:plan", pk=project.pk, plan_pk=plan.pk)


@project_view(EDIT)
@require_POST
def plan_status(request, project, plan_pk):
    plan = access.get_plan(project, plan_pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_status(plan=plan, status=form.cleaned_data["status"], by=request.user)
        messages.success(request, f"Plan marked {plan.get_status_display().lower()}.")
    return redirect("plans:plan", pk=project.pk, plan_pk=plan.pk)


@project_view(VIEW)
def plan_export(request, project, plan_pk, fmt):
    """Refused (409), naming every section over its limit, until the plan fits; else the PDF or DOCX."""
    if fmt not in FORMATS:
        raise Http404
    plan = access.get_plan(project, plan_pk)
    views = access.section_views(
        plan, access.shape_of(plan), access.sections(plan), sources.Live(project, plan).suggestion
    )
    over = access.over_limit(views)
    if over:
        return _plan_page(request, project, plan, status=409, refused=over)
    data = access.document(plan, views, timezone.localdate().strftime("%d %B %Y").lstrip("0"))
    content = output_doc.output_pdf(data) if fmt == "pdf" else output_doc.output_docx(data)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slugify(plan.title)[:60] or "plan"}.{fmt}"'
    return response


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def review_request(request, project, plan_pk):
    """Send for review: the sender names reviewers from the team; each is emailed a link to the review page."""
    plan = access.get_plan(project, plan_pk)
    send = partial(services.send_for_review, plan=plan, by=request.user)
    form, sent = core_views.send_for_review(request, plan, ReviewRequestForm, send, services.PlanError)
    if sent:
        return redirect("plans:plan", pk=project.pk, plan_pk=plan.pk)
    return render(request, "plans/review_request.html", page_context(request, project, plan=plan, form=form))
