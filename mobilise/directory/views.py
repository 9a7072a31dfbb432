from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.functions import Lower
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mobilise.core.audit import history_page
from mobilise.core.forms import model_values
from mobilise.core.paging import paginate

from . import access, record, services
from .forms import OrganisationFilterForm, OrganisationForm, PersonFilterForm, PersonForm
from .models import Sector


def _list_page(request, template, filters, rows, name, **context):
    """A directory list: the rows the user may see, through the search and filter form, a page at a time, by
    their `name` field whatever its case (read through the index on it, not sorted whole)."""
    page, querystring = paginate(request, filters.filter_qs(rows).order_by(Lower(name), "pk"))
    context.update(page=page, querystring=querystring, q=filters.values["q"], nav="directory")
    return render(request, template, context)


def _add_or_change(request, kind, form, record, add, change, name):
    """The form that adds a record of this kind to the directory (`record` None) or changes one, saved through the
    service (`add(by=..., **values)` or `change(**values)`), then the record's page `directory:<kind>`. As in
    Django's generic editing views, the template is `directory/<kind>_form.html`; it finds the record as `name`."""
    if request.method == "POST" and form.is_valid():
        if record is None:
            record = add(by=request.user, **model_values(form))
            messages.success(request, f"{record} added to the directory.")
        else:
            change(**model_values(form))
            messages.success(request, "Changes saved.")
        return redirect(f"directory:{kind}", pk=record.pk)
    return render(request, f"directory/{kind}_form.html", {"form": form, name: record, "nav": "directory"})


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
    change = partial(services.update_organisation, organisation=org)
    return _add_or_change(request, "organisation", form, org, services.create_organisation, change, name="org")


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
    change = partial(services.update_person, person=person)
    return _add_or_change(request, "person", form, person, services.create_person, change, name="person")


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
