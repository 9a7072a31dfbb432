"""Support cases: the advice log with time spent and next steps, the project a case leads to, and closing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mobilise.core.paging import paginate
from mobilise.evaluation import access as evaluation
from mobilise.projects.services import TeamError

from .. import access, services
from ..forms import AdviceForm, CloseCaseForm, LinkProjectForm, StartProjectForm
from . import records

ADVICE_PER_PAGE = 20  # the advice log, newest first


@login_required
def cases(request):
    queryset = access.cases_for(request.user).order_by("closed", "-opened", "-pk")
    page, querystring = paginate(request, queryset, 25, "page")
    return render(request, "support/cases.html", {"page": page, "querystring": querystring, "nav": "support"})


def _page(request, case, status=200, **forms):
    advice, querystring = paginate(request, access.advice_of(case), ADVICE_PER_PAGE, "advice")
    entries, minutes = access.advice_totals(case)
    context = {
        "case": case,
        "source": case.source,
        "advice": advice,
        "advice_querystring": querystring,
        "entries": entries,
        "minutes": minutes,
        "advice_form": AdviceForm(),
        "link_form": LinkProjectForm(user=request.user),
        "start_form": StartProjectForm(),
        "close_form": CloseCaseForm(),
        "surveys": evaluation.owned_forms(case),
    }
    return records.with_forms(request, "support/case.html", context, status, **forms)


@login_required
def case_detail(request, pk):
    return _page(request, access.get_case(request.user, pk))


@login_required
@require_POST
def add_advice(request, pk):
    case = access.get_case(request.user, pk)
    form = AdviceForm(request.POST)
    if not form.is_valid():
        return _page(request, case, 400, advice_form=form)
    services.log_advice(case=case, by=request.user, **form.cleaned_data)
    messages.success(request, "Advice logged.")
    return redirect("support:case", pk=pk)


@login_required
@require_POST
def step_done(request, pk, entry_pk):
    case = access.get_case(request.user, pk)
    entry = access.advice_of(case).filter(pk=entry_pk).first()
    if entry is not None:
        services.finish_next_step(entry=entry)
    return redirect("support:case", pk=pk)


@login_required
@require_POST
def project(request, pk):
    """Link an existing project to the case, or start one from the request and invite the requester to lead it."""
    case = access.get_case(request.user, pk)
    if request.POST.get("action") == "start":
        form = StartProjectForm(request.POST)
        if not form.is_valid():
            return _page(request, case, 400, start_form=form)
        try:
            services.start_project(case=case, by=request.user, short_title=form.cleaned_data["short_title"])
        except TeamError as error:
            form.refuse(str(error))
            return _page(request, case, 400, start_form=form)
        except services.Erased:
            form.refuse("The person's details have been erased, so a project cannot be started for them.")
            return _page(request, case, 400, start_form=form)
        if getattr(case.source, "gap_id", None):
            messages.success(request, "Project started, with the people who raised the evidence gap on its map.")
        else:
            messages.success(request, f"Project started. {case.source.name} is invited to lead it.")
    else:
        link = LinkProjectForm(request.POST, user=request.user)
        if not link.is_valid():
            return _page(request, case, 400, link_form=link)
        services.link_project(case=case, project=link.cleaned_data["project"])
        messages.success(request, "Project linked.")
    return redirect("support:case", pk=pk)


@login_required
@require_POST
def close(request, pk):
    case = access.get_case(request.user, pk)
    form = CloseCaseForm(request.POST)
    if not form.is_valid():
        return _page(request, case, 400, close_form=form)
    services.close_case(case=case, **form.cleaned_data)
    messages.success(request, "Case closed.")
    return redirect("support:case", pk=pk)
