"""Support cases: the advice log with time spent and next steps, the project a case leads to, and closing it."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mobilise.core.paging import paginate
from mobilise.evaluation import access as evaluation

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


def _case_form(request, pk, form_class, name, save, done):
    """A form posted from the case's page: saved, then back to the page; or the page again with the form refused."""
    case = access.get_case(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _page(request, case, 400, **{name: form})
    save(case, form.cleaned_data)
    messages.success(request, done)
    return redirect("support:case", pk=pk)


@login_required
@require_POST
def add_advice(request, pk):
    def log(case, data):
        services.log_advice(case=case, by=request.user, **data)

    return _case_form(request, pk, AdviceForm, "advice_form", log, "Advice logged.")


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
    if request.POST.get("action") != "start":
        link = partial(LinkProjectForm, user=request.user)
        return _case_form(request, pk, link, "link_form", _link_project, "Project linked.")
    case = access.get_case(request.user, pk)
    form = StartProjectForm(request.POST)
    try:
        started = records.start_project(form, partial(services.start_project, case=case, by=request.user))
    except services.Erased:
        form.refuse("The person's details have been erased, so a project cannot be started for them.")
        started = None
    if started is None:
        return _page(request, case, 400, start_form=form)
    if getattr(case.source, "gap_id", None):
        messages.success(request, "Project started, with the people who raised the evidence gap on its map.")
    else:
        messages.success(request, f"Project started. {case.source.name} is invited to lead it.")
    return redirect("support:case", pk=pk)


def _link_project(case, data):
    services.link_project(case=case, project=data["project"])


def _close_case(case, data):
    services.close_case(case=case, **data)


@login_required
@require_POST
def close(request, pk):
    return _case_form(request, pk, CloseCaseForm, "close_form", _close_case, "Case closed.")
