"""The advisers' side of the library: the list of entries, writing one (blank or from a project's case-study
output), sending it to a second adviser for review, publishing, unpublishing, archiving and marking it reviewed.
Advisers and administrators only; everyone else gets 404."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core import reviews
from mobilise.core import views as core_views
from mobilise.core.paging import paginate
from mobilise.core.versioning import StaleEdit

from .. import access, presenting, services
from ..forms import ArchiveForm, CaseStudyForm, FromOutputForm, ReviewRequestForm
from ..models import Status

NAV = "library"


_form_page = partial(core_views.form_page, nav=NAV)  # a staff page of one form, under the library in the header


@login_required
def case_studies(request):
    queryset = access.staff_case_studies(request.user)
    page, querystring = paginate(request, queryset, 25, "page")
    shown = [entry.pk for entry in page.object_list]
    due = set(access.due_for_review(timezone.localdate()).filter(pk__in=shown).values_list("pk", flat=True))
    context = {"page": page, "querystring": querystring, "due": due, "nav": NAV}
    return render(request, "library/staff_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    access.require_staff(request.user)
    form = CaseStudyForm(request.POST if request.method == "POST" else None, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        case_study = services.create_case_study(
            by=request.user, fields=form.service_fields(), themes=form.cleaned_data["themes"]
        )
        messages.success(request, "Case study saved as a draft.")
        return redirect("library:manage", pk=case_study.pk)
    return _form_page(request, "library/form.html", form)


@login_required
@require_http_methods(["GET", "POST"])
def from_output(request):
    access.require_staff(request.user)
    form = FromOutputForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case_study = services.create_from_output(output=form.cleaned_data["output"], by=request.user)
        except services.LibraryError as error:
            form.refuse(str(error))
        else:
            messages.success(request, "Case study started from the project's case study. Check it, then save.")
            return redirect("library:edit", pk=case_study.pk)
    return _form_page(request, "library/from_output.html", form)


@login_required
def manage(request, pk):
    case_study = access.get_staff_case_study(request.user, pk)
    rounds = reviews.reviews_of(case_study)
    context = {
        "case_study": case_study,
        "review": rounds[0] if rounds else None,
        "approved": reviews.is_approved(case_study),
        "lacks_consent": services.lacks_consent(case_study),
        "testimonial": presenting.testimonial(case_study),
        "facets": presenting.facets(case_study),
        "claims": presenting.claims(case_study),
        "due": access.due_for_review(timezone.localdate()).filter(pk=case_study.pk).exists(),
        "archive_form": ArchiveForm(),
        "nav": NAV,
    }
    return render(request, "library/manage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    case_study = access.get_staff_case_study(request.user, pk)
    form = CaseStudyForm(request.POST if request.method == "POST" else None, instance=case_study)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_case_study(
                case_study=case_study,
                expected_version=form.cleaned_data["version"] or 0,
                by=request.user,
                fields=form.service_fields(),
                themes=form.cleaned_data["themes"],
                claims=form.cleaned_data.get("claims", case_study.claims.all()),
                change_note=form.cleaned_data.get("change_note", ""),
            )
        except StaleEdit:
            form.refuse("Someone else saved this case study while you were editing it. Reload the page to see it.")
        except services.LibraryError as error:
            form.refuse(str(error))
        else:
            messages.success(request, "Case study saved.")
            return redirect("library:manage", pk=pk)
    return _form_page(request, "library/form.html", form, case_study=case_study)


@login_required
@require_http_methods(["GET", "POST"])
def send_for_review(request, pk):
    case_study = access.get_staff_case_study(request.user, pk)
    send = partial(services.send_for_review, case_study=case_study, by=request.user)
    form, sent = core_views.send_for_review(request, case_study, ReviewRequestForm, send, services.LibraryError)
    if sent:
        return redirect("library:manage", pk=pk)
    return _form_page(request, "library/review_request.html", form, case_study=case_study)


# action: (service, what the adviser is told)
ACTIONS = {
    "publish": (services.publish, "Published. It is now in the public library."),
    "unpublish": (services.unpublish, "Unpublished: it is a draft again and its public page has gone."),
    "reviewed": (services.mark_reviewed, "Marked as reviewed today."),
}


@login_required
@require_POST
def act(request, pk, action):
    case_study = access.get_staff_case_study(request.user, pk)
    if action not in ACTIONS:
        return redirect("library:manage", pk=pk)
    service, done = ACTIONS[action]
    try:
        service(case_study=case_study, by=request.user)
        messages.success(request, done)
    except services.LibraryError as error:
        messages.error(request, str(error))
    return redirect("library:manage", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def archive(request, pk):
    case_study = access.get_staff_case_study(request.user, pk)
    form = ArchiveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.archive(case_study=case_study, by=request.user, notice=form.cleaned_data["notice"])
        except services.LibraryError as error:
            form.refuse(str(error))
        else:
            messages.success(request, "Archived. Its page stays, with your notice at the top.")
            return redirect("library:manage", pk=pk)
    if case_study.status != Status.PUBLISHED and not form.is_bound:
        messages.info(request, "Only a published case study can be archived.")
        return redirect("library:manage", pk=pk)
    return _form_page(request, "library/archive.html", form, case_study=case_study)
