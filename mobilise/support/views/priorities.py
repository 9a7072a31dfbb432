"""The register of the health and care system's priorities and challenges, kept by advisers: the list with its
filters, one priority, and recording one by hand or from the support request or idea that raised it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mobilise.core.forms import is_id
from mobilise.core.paging import paginate
from mobilise.projects import access as project_access

from .. import access, services_priorities
from ..forms_priorities import OutcomeForm, PriorityFilterForm, PriorityForm


@login_required
def priorities(request):
    filters = PriorityFilterForm(request.GET)
    page, querystring = paginate(request, filters.filter_qs(access.priorities_for(request.user)), 25, "page")
    themes = project_access.theme_choices()
    context = {"page": page, "querystring": querystring, "filters": filters, "values": filters.values}
    return render(request, "support/priorities.html", {**context, "themes": themes, "nav": "support"})


@login_required
@require_http_methods(["GET", "POST"])
def priority(request, pk):
    """A priority, the introductions brokered for it, and what came of each (posted here, one at a time)."""
    priority = access.get_priority(request.user, pk)
    introductions = list(access.introductions(priority))
    forms = {i.pk: OutcomeForm(prefix=f"introduction-{i.pk}", initial={"outcome": i.outcome}) for i in introductions}
    bound = None
    chosen = request.POST.get("introduction", "")
    if request.method == "POST" and is_id(chosen) and int(chosen) in forms:
        introduction = next(i for i in introductions if i.pk == int(chosen))
        bound = forms[introduction.pk] = OutcomeForm(request.POST, prefix=f"introduction-{introduction.pk}")
        if bound.is_valid():
            services_priorities.record_outcome(introduction=introduction, outcome=bound.cleaned_data["outcome"])
            messages.success(request, "What came of the introduction is recorded, on the project’s log too.")
            return redirect("support:priority", pk=priority.pk)
    context = {"priority": priority, "introductions": [(i, forms[i.pk]) for i in introductions], "form": bound}
    return render(request, "support/priority.html", {**context, "nav": "support"}, status=400 if bound else 200)


def _source(request):
    """The request or idea a new priority comes from, named in the query string (?request=<pk> or ?idea=<pk>)."""
    for name, get in (("request", access.get_request), ("idea", access.get_idea)):
        value = request.GET.get(name, "")
        if is_id(value):
            return get(request.user, int(value))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def priority_form(request, pk=None):
    priority = access.get_priority(request.user, pk) if pk else None
    source = None
    initial = None
    if priority is None:
        access.require_staff(request.user)
        source = _source(request)
        initial = services_priorities.drafted_from(source) if source else None
    form = PriorityForm(request.POST if request.method == "POST" else None, instance=priority, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services_priorities.save_priority(
            priority=priority, by=request.user, source=source, **form.service_values()
        )
        messages.success(request, "Priority recorded." if priority is None else "Changes saved.")
        return redirect("support:priority", pk=saved.pk)
    context = {"form": form, "priority": priority, "source": source, "nav": "support"}
    return render(request, "support/priority_form.html", context, status=400 if form.is_bound else 200)
