from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mobilise.core.audit import history_page
from mobilise.core.forms import model_values
from mobilise.core.paging import paginate

from . import access, record, services
from .forms import OrganisationFilterForm, OrganisationForm, PersonFilterForm, PersonForm
from .models import Sector


def _list_page(request, template, filters, rows, order, **context):
    """A directory list: the rows the user may see, through the search and filter form, a page at a time."""
    page, querystring = paginate(request, filters.filter_qs(rows).order_by(order))
    context.update(page=page, querystring=querystring, q=filters.values["q"], nav="directory")
    return render(request, template, context)


@login_required
def organisations(request):
    filters = OrganisationFilterForm(request.GET)
    rows = access.organisations_for(request.user)
    extra = {"sector": filters.values["sector"], "sectors": Sector.choices}
    return _list_page(request, "directory/organisations.html", filters, rows, "name", **extra)


@login_required
def organisation(request, pk):
    org = access.get_organisation(request.user, pk)
    people = org.people.order_by("full_name")[:200]
    return render(request, "directory/organisation.html", {"org": org, "people": people, "nav": "directory"})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_form(request, pk=None):
    org = access.get_organisation(request.user, pk) if pk else None
    if org is None:
        access.organisations_for(request.user)  # 404 for those who may not use the directory
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        if org is None:
            org = services.create_organisation(by=request.user, **model_values(form))
            messages.success(request, f"{org.name} added to the directory.")
        else:
            services.update_organisation(organisation=org, **model_values(form))
            messages.success(request, "Changes saved.")
        return redirect("directory:organisation", pk=org.pk)
    return render(request, "directory/organisation_form.html", {"form": form, "org": org, "nav": "directory"})


@login_required
def people(request):
    filters = PersonFilterForm(request.GET)
    return _list_page(request, "directory/people.html", filters, access.people_for(request.user), "full_name")


@login_required
def person(request, pk):
    person = access.get_person(request.user, pk)
    return render(
        request,
        "directory/person.html",
        {
            "person": person,
            "can_change": access.can_change_person(request.user, person),
            "record": record.sections(person, request.user),
            "nav": "directory",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_form(request, pk=None):
    person = access.get_person_to_change(request.user, pk) if pk else None
    if person is None:
        access.people_for(request.user)
    initial = {"organisation": request.GET.get("organisation")} if person is None else None
    form = PersonForm(request.POST or None, instance=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        if person is None:
            person = services.create_person(by=request.user, **model_values(form))
            messages.success(request, f"{person.full_name} added to the directory.")
        else:
            services.update_person(person=person, **model_values(form))
            messages.success(request, "Changes saved.")
        return redirect("directory:person", pk=person.pk)
    return render(request, "directory/person_form.html", {"form": form, "person": person, "nav": "directory"})


@login_required
def history(request, kind, pk):
    obj = access.get_organisation(request.user, pk) if kind == "organisations" else access.get_person(request.user, pk)
    page, entries = history_page(request, obj)
    return render(
        request,
        "directory/history.html",
        {
            "obj": obj,
            "kind": kind,
            "page": page,
            "entries": entries,
            "nav": "directory",
        },
    )
