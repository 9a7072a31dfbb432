from django.contrib import messages
from django.db.models import F, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.forms import model_values
from mobilise.core.paging import paginate
from mobilise.core.versioning import StaleEdit, refuse_stale
from mobilise.directory import access as directory_access
from mobilise.directory.models import Sector
from mobilise.documents import charts
from mobilise.documents.text import clean_text
from mobilise.projects import access as project_access
from mobilise.projects import generations
from mobilise.projects.access import EDIT, page_context, project_view

from .. import access, analysis, services
from ..forms import NewStakeholderForm, ProfileForm, RelationshipForm, ScoreForm, StakeholderFilterForm
from ..models import Role

SECTORS = dict(Sector.choices)


def _filtered(request, project):
    """The project's stakeholders narrowed by the register and grid filters, and the filters for the template."""
    form = StakeholderFilterForm(request.GET)
    return form.filter_qs(access.stakeholders(project)), form.values


def context(request, project, **extra):
    return page_context(
        request, project, roles=Role.choices, sectors=Sector.choices, strategies=analysis.STRATEGIES, **extra
    )


@project_view()
def register(request, project):
    queryset, filters = _filtered(request, project)
    # Most influential first; those not yet scored last, on every database.
    order = [F("influence").desc(nulls_last=True), F("interest").desc(nulls_last=True), "pk"]
    page, querystring = paginate(request, queryset.order_by(*order))
    return render(
        request,
        "stakeholders/register.html",
        context(
            request,
            project,
            page=page,
            querystring=querystring,
            filters=filters,
            quadrant_of=analysis.quadrant,
            unscored=analysis.UNSCORED,
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def add(request, project):
    """Find someone in the directory to add, or create a group, organisation or person on the fly."""
    q = clean_text(request.GET.get("q", "")).strip()  # a NUL would break the search on PostgreSQL
    found_orgs = found_people = []
    if q and directory_access.can_use_directory(request.user):
        found_orgs = list(directory_access.organisations_for(request.user).filter(name__icontains=q)[:10])
        found_people = list(directory_access.people_for(request.user).filter(full_name__icontains=q)[:10])
    form = NewStakeholderForm(request.POST or None)
    if request.method == "POST":
        try:
            stakeholder = _add_from_post(request, project, form)
        except services.StakeholderError as error:
            messages.error(request, str(error))
            return redirect(reverse("stakeholders:add", args=[project.pk]) + (f"?q={q}" if q else ""))
        if stakeholder is not None:
            messages.success(request, f"{stakeholder.name} added. Now score their influence, interest and impact.")
            return redirect("stakeholders:rescore", pk=project.pk, stakeholder_pk=stakeholder.pk)
    return render(
        request,
        "stakeholders/add.html",
        context(
            request,
            project,
            q=q,
            found_orgs=found_orgs,
            found_people=found_people,
            form=form,
            can_search=directory_access.can_use_directory(request.user),
        ),
    )


def _add_from_post(request, project, form):
    organisation_id, person_id = request.POST.get("organisation"), request.POST.get("person")
    if organisation_id or person_id:
        if person_id:
            person = directory_access.get_person(request.user, _int(person_id))
            return services.add_stakeholder(
                project=project, by=request.user, person=person, organisation=person.organisation
            )
        organisation = directory_access.get_organisation(request.user, _int(organisation_id))
        return services.add_stakeholder(project=project, by=request.user, organisation=organisation)
    if not form.is_valid():
        return None
    kind, name = form.cleaned_data["kind"], form.cleaned_data["name"]
    if kind == "group":
        return services.add_stakeholder(
            project=project, by=request.user, group_name=name, group_sector=form.cleaned_data["sector"]
        )
    organisation, person = services.create_in_directory(
        by=request.user,
        organisation_name=name if kind == "organisation" else "",
        sector=form.cleaned_data["sector"],
        person_name=name if kind == "person" else "",
        job_title=form.cleaned_data["job_title"],
        email=form.cleaned_data["email"],
        lawful_basis=form.cleaned_data["lawful_basis"],
        consent_date=form.cleaned_data["consent_date"],
    )
    return services.add_stakeholder(project=project, by=request.user, organisation=organisation, person=person)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _others(project, stakeholder):
    """Who a relationship can be recorded with: (pk, name) of everyone else on the map, by name."""
    return access.names(access.stakeholders(project).exclude(pk=stakeholder.pk))


@project_view()
def detail(request, project, stakeholder_pk):
    stakeholder = access.get_stakeholder(project, stakeholder_pk)
    relationships = list(
        access.relationships(project)
        .filter(Q(source=stakeholder) | Q(target=stakeholder))
        .select_related("source__organisation", "source__person", "target__organisation", "target__person")
    )
    history = access.score_history(stakeholder)
    stakeholder_quadrant = analysis.quadrant(stakeholder.influence, stakeholder.interest)
    can_edit = project_access.can(request.user, EDIT, project)
    others = _others(project, stakeholder) if can_edit else []
    return render(
        request,
        "stakeholders/detail.html",
        context(
            request,
            project,
            s=stakeholder,
            relationships=relationships,
            history=history,
            quadrant=analysis.STRATEGIES[stakeholder_quadrant] if stakeholder_quadrant else None,
            relationship_form=RelationshipForm(others=others) if can_edit else None,
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def edit(request, project, stakeholder_pk):
    stakeholder = access.get_stakeholder(project, stakeholder_pk)
    team = project_access.team_users(project)
    form = ProfileForm(
        request.POST or None,
        instance=stakeholder,
        team=team,
        suggestion=analysis.suggested_approach(stakeholder.influence, stakeholder.interest),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                stakeholder=stakeholder,
                expected_version=form.cleaned_data["version"],
                roles=form.cleaned_data["roles"],
                **model_values(form),
            )
        except services.StakeholderError as error:
            form.add_error("group_name" if "group_name" in form.fields else None, str(error))
        except StaleEdit as stale:
            refuse_stale(
                form,
                stale,
                "Someone else saved changes to this stakeholder after you opened this page. "
                "Your changes are not saved yet: check the current details, then save again.",
            )
        else:
            messages.success(request, "Stakeholder saved.")
            return redirect("stakeholders:detail", pk=project.pk, stakeholder_pk=stakeholder.pk)
    return render(request, "stakeholders/edit.html", context(request, project, s=stakeholder, form=form))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def rescore(request, project, stakeholder_pk):
    stakeholder = access.get_stakeholder(project, stakeholder_pk)
    form = ScoreForm(
        request.POST or None,
        initial={
            "influence": stakeholder.influence,
            "interest": stakeholder.interest,
            "impact": stakeholder.impact,
            "attitude": stakeholder.attitude,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.rescore(stakeholder=stakeholder, by=request.user, **form.cleaned_data)
        if not stakeholder.scored:
            # The first scoring finishes adding them: the approach the grid now suggests comes next.
            messages.success(request, "Scores saved. Now set their roles, profile and engagement approach.")
            return redirect("stakeholders:edit", pk=project.pk, stakeholder_pk=stakeholder.pk)
        messages.success(request, "Scores saved.")
        return redirect("stakeholders:detail", pk=project.pk, stakeholder_pk=stakeholder.pk)
    return render(request, "stakeholders/rescore.html", context(request, project, s=stakeholder, form=form))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def remove(request, project, stakeholder_pk):
    stakeholder = access.get_stakeholder(project, stakeholder_pk)
    if request.method == "POST":
        services.remove_stakeholder(stakeholder=stakeholder)
        messages.success(request, f"{stakeholder.name} removed from the stakeholder map.")
        return redirect("stakeholders:register", pk=project.pk)
    return render(request, "stakeholders/remove.html", context(request, project, s=stakeholder))


@project_view(EDIT)
@require_POST
def relationship_add(request, project, stakeholder_pk):
    stakeholder = access.get_stakeholder(project, stakeholder_pk)
    form = RelationshipForm(request.POST, others=_others(project, stakeholder))
    if form.is_valid():
        try:
            services.add_relationship(
                source=stakeholder,
                target=access.get_stakeholder(project, form.cleaned_data["other"]),
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, "Relationship recorded.")
        except services.StakeholderError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(item["text"] for item in form.error_list()))
    return redirect(reverse("stakeholders:detail", args=[project.pk, stakeholder.pk]) + "#relationships")


@project_view(EDIT)
@require_POST
def relationship_remove(request, project, relationship_pk):
    relationship = access.get_relationship(project, relationship_pk)
    services.remove_relationship(relationship=relationship)
    messages.success(request, f"Removed: {relationship}.")
    back = (
        request.POST.get("from")
        if request.POST.get("from") in (str(relationship.source_id), str(relationship.target_id))
        else relationship.source_id
    )
    return redirect(reverse("stakeholders:detail", args=[project.pk, back]) + "#relationships")


@project_view()
def grid(request, project):
    queryset, filters = _filtered(request, project)
    # Those not yet scored have no place on the grid: they are listed beside it, each linked to its scores.
    scores_link = "scores/" if project_access.can(request.user, EDIT, project) else ""
    if any(filters.values()):
        figures = _grid(project, queryset, scores_link)
    else:  # the whole map, as most visits ask: worked out once for each data generation
        figures = generations.cached_one(
            "stakeholder-grid", project.pk, lambda: _grid(project, queryset, scores_link), part=scores_link
        )
    return render(
        request,
        "stakeholders/grid.html",
        context(request, project, filters=filters, unscored_key=analysis.UNSCORED, **figures),
    )


def _grid(project, queryset, scores_link):
    """The grid's picture, and its stakeholders by quadrant and unscored, as (name, link, do not contact)."""
    base = reverse("stakeholders:register", args=[project.pk])
    cells, unscored = {}, []
    for s in access.entries(queryset.order_by(F("impact").desc(nulls_last=True), "pk")):
        if s.influence is None or s.interest is None:
            unscored.append((s.name, f"{base}{s.pk}/{scores_link}", s.do_not_contact))
            continue
        cells.setdefault((s.influence, s.interest), []).append((s.name, f"{base}{s.pk}/", s.do_not_contact))
    svg = charts.grid_svg(
        cells,
        {k: v[0] for k, v in analysis.STRATEGIES.items()},
        quadrant_of=analysis.quadrant,
        title=f"Power/interest grid of {project.short_title}'s stakeholders",
        more_href=lambda influence, interest: f"{base}?influence={influence}&interest={interest}",
    )
    by_quadrant = {key: [] for key in analysis.STRATEGIES}
    for (influence, interest), names in cells.items():
        by_quadrant[analysis.quadrant(influence, interest)].extend(names)
    return {
        "svg": svg,
        "by_quadrant": by_quadrant,
        "total": sum(len(v) for v in cells.values()),
        "unscored": unscored,
    }


@project_view()
def equity(request, project):
    figures = generations.cached_one("equity-check", project.pk, lambda: _equity(project))
    return render(request, "stakeholders/equity.html", context(request, project, **figures))


def _equity(project):
    """The equity check's gaps (each stakeholder as its pk and name) and counts."""
    stakeholders = access.entries(access.stakeholders(project))
    gaps = [
        {**gap, "stakeholder": gap["stakeholder"] and {"pk": gap["stakeholder"].pk, "name": gap["stakeholder"].name}}
        for gap in analysis.equity_gaps(project, stakeholders, access.links(project))
    ]
    counts = {
        "underserved": sum(s.underserved for s in stakeholders),
        "beneficiaries": sum(Role.BENEFICIARY in s.role_set for s in stakeholders),
    }
    return {"gaps": gaps, "counts": counts}
