from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core import reviews
from mobilise.core import views as core_views
from mobilise.core.forms import is_id
from mobilise.core.paging import paginate
from mobilise.core.versioning import StaleEdit, refuse_stale
from mobilise.documents import diff, output_doc
from mobilise.documents.text import blocks, lower_first
from mobilise.engagement import access as engagement_access
from mobilise.engagement import services as engagement_services
from mobilise.projects.access import EDIT, page_context, project_view, sees_every_project
from mobilise.projects.models import Role
from mobilise.stakeholders import access as stakeholder_access

from . import access, hearing, readability, services
from .forms import AudienceForm, EditorForm, FindingForm, HearingForm, NewOutputForm, ReviewRequestForm, SendForm
from .models import Status
from .reviewing import section_key


@project_view()
def home(request, project):
    return render(
        request,
        "outputs/home.html",
        page_context(
            request,
            project,
            findings=access.findings(project),
            audiences=access.audiences(project),
            outputs=access.outputs(project)[:100],
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def finding_form(request, project, finding_pk=None):
    finding = access.get_finding(project, finding_pk) if finding_pk else None
    form = FindingForm(request.POST or None, instance=finding)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and finding:
            services.delete_finding(finding=finding)
            messages.success(request, "Finding deleted.")
            return redirect("outputs:home", pk=project.pk)
        if form.is_valid():
            services.save_finding(project=project, finding=finding, **form.cleaned_data)
            messages.success(request, "Finding saved.")
            return redirect(reverse("outputs:home", args=[project.pk]) + "#findings")
    return render(request, "outputs/finding_form.html", page_context(request, project, form=form, finding=finding))


@project_view(post=EDIT)
@require_http_methods(["GET", "POST"])
def hear(request, project, finding_pk):
    """Who should hear a finding, ranked with why; those chosen join an audience, a workshop or a send list."""
    finding = access.get_finding(project, finding_pk)
    found = hearing.hearing(project, finding)
    shown, querystring = paginate(request, found.suggested, hearing.SHOWN)  # type: ignore[arg-type]
    form = HearingForm(request.POST or None, suggestions=shown, places=hearing.places(project, finding))
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["chosen"]
        kind, _, pk = form.cleaned_data["to"].partition("-")
        if kind == "output":
            query = urlencode([("stakeholders", person) for person in chosen])
            messages.success(request, "Check who it goes to, when and how, then record the sending.")
            return redirect(reverse("outputs:send", args=[project.pk, int(pk)]) + f"?{query}")
        people = list(stakeholder_access.named_stakeholders(project).filter(pk__in=chosen))
        if kind == "audience":
            audience = access.get_audience(project, int(pk))
            added = services.add_to_audience(audience=audience, stakeholders=people)
            messages.success(request, f"{added} added to the audience “{audience.name}”.")
        else:
            workshop = engagement_access.get_workshop(project, int(pk))
            before = workshop.invitations.count()
            skipped = engagement_services.invite(workshop=workshop, stakeholders=people)
            left = "".join(f" {s.name} was left out: {reason}." for s, reason in skipped)
            added = workshop.invitations.count() - before  # those already invited are not counted again
            messages.success(request, f"{added} invited to “{workshop.title}”.{left}")
        return redirect(request.get_full_path())
    # Advisers see the whole programme: who raised the finding's topic as an evidence gap on other projects.
    adviser = sees_every_project(request.user)
    query = access.finding_text(finding)
    elsewhere = engagement_access.raised_elsewhere(request.user, query, project) if adviser else None
    context = page_context(
        request, project, finding=finding, found=found, shown=shown, querystring=querystring, form=form
    )
    context["elsewhere"] = elsewhere
    return render(request, "outputs/hearing.html", context)


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def audience_form(request, project, audience_pk=None):
    audience = access.get_audience(project, audience_pk) if audience_pk else None
    form = AudienceForm(request.POST or None, instance=audience, project=project)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        services.save_audience(project=project, audience=audience, stakeholders=values.pop("stakeholders"), **values)
        messages.success(request, "Audience saved.")
        return redirect(reverse("outputs:home", args=[project.pk]) + "#audiences")
    return render(request, "outputs/audience_form.html", page_context(request, project, form=form, audience=audience))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def output_new(request, project):
    form = NewOutputForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        lead = project.memberships.filter(role=Role.LEAD).select_related("user").first()
        output = services.create_output(
            project=project, by=request.user, lead=lead.user if lead else None, **form.cleaned_data
        )
        messages.success(request, f"Draft started from the {lower_first(output.get_kind_display())} template.")
        return redirect("outputs:edit", pk=project.pk, output_pk=output.pk)
    return render(request, "outputs/output_new.html", page_context(request, project, form=form))


def _analysis(output, sections):
    """The readability report over [(section, heading, body)]: figures, and the sentences to fix by section."""
    return readability.analyse_sections(
        [(s.pk, heading, body) for s, heading, body in sections],
        target_grade=output.audience.target_grade,
        glossary=access.glossary(),
    )


@project_view()
def output_detail(request, project, output_pk):
    output = access.get_output(project, output_pk)
    sections = list(output.sections.all())
    rounds = reviews.reviews_of(output)
    return render(
        request,
        "outputs/output.html",
        page_context(
            request,
            project,
            output=output,
            sections=[(s, blocks(s.body)) for s in sections],
            report=_analysis(output, [(s, s.heading, s.body) for s in sections]),
            may_approve=access.may_approve(request.user, project),
            review=rounds[0] if rounds else None,
            comments=_review_comments(rounds, sections),
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def output_edit(request, project, output_pk):
    output = access.get_output(project, output_pk)
    if output.status == Status.PUBLISHED:
        messages.error(request, "A published output cannot change. Start a new draft to revise it.")
        return redirect("outputs:output", pk=project.pk, output_pk=output.pk)
    sections = list(output.sections.all())
    form = EditorForm(request.POST or None, output=output, sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            _, changed = services.save_output(
                output=output,
                expected_version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
                bodies=form.bodies(),
                testimonial=form.testimonial(),
                by=request.user,
            )
        except StaleEdit as stale:
            refuse_stale(
                form,
                stale,
                f"Someone saved version {stale.current.version} after you opened this page. "
                "Your text is not saved yet: open the output in a new tab, compare, then save "
                "again here to keep yours.",
            )
        else:
            messages.success(request, "Saved as a new version." if changed else "No changes to save.")
            if request.POST.get("then") == "view":
                return redirect("outputs:output", pk=project.pk, output_pk=output.pk)
            return redirect("outputs:edit", pk=project.pk, output_pk=output.pk)
    texts = [
        (s, form.data.get(f"h{s.pk}", s.heading), form.data.get(f"b{s.pk}", s.body))
        if form.is_bound
        else (s, s.heading, s.body)
        for s in sections
    ]
    return render(
        request,
        "outputs/editor.html",
        page_context(
            request,
            project,
            output=output,
            form=form,
            sections=sections,
            report=_analysis(output, texts),
        ),
    )


@project_view(EDIT)
@require_POST
def readability_check(request, project, output_pk):
    """The readability panel for text being written (htmx posts the editor form as it changes)."""
    output = access.get_output(project, output_pk)
    texts = [
        (s, request.POST.get(f"h{s.pk}", s.heading)[:200], request.POST.get(f"b{s.pk}", "")[:100_000])
        for s in output.sections.all()
    ]
    return render(request, "outputs/_readability.html", {"report": _analysis(output, texts), "output": output})


def _review_comments(rounds, sections):
    """Every review comment on the output, oldest first, each with the heading of the section it is about."""
    headings = {section_key(s): s.heading for s in sections}
    found = [c for r in rounds for c in r.comments.all()]
    return [(c, headings.get(c.section, "")) for c in sorted(found, key=lambda c: (c.created, c.pk))]


@project_view(EDIT)
@require_POST
def output_action(request, project, output_pk):
    output = access.get_output(project, output_pk)
    try:
        output = services.transition(
            output=output,
            action=request.POST.get("action"),
            by=request.user,
            may_approve=access.may_approve(request.user, project),
        )
        messages.success(request, f"The output is now {output.get_status_display().lower()}.")
    except services.OutputError as error:
        messages.error(request, str(error))
    return redirect("outputs:output", pk=project.pk, output_pk=output.pk)


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def review_request(request, project, output_pk):
    """Send for review: the sender names reviewers from the team; each is emailed a link to the review page."""
    output = access.get_output(project, output_pk)
    send = partial(services.send_for_review, output=output, by=request.user)
    form, sent = core_views.send_for_review(request, output, ReviewRequestForm, send, services.OutputError)
    if sent:
        return redirect("outputs:output", pk=project.pk, output_pk=output.pk)
    return render(request, "outputs/review_request.html", page_context(request, project, output=output, form=form))


@project_view()
def versions(request, project, output_pk):
    output = access.get_output(project, output_pk)
    items = list(access.versions(output)[:200])
    a = access.get_version(output, request.GET.get("a", ""))
    b = access.get_version(output, request.GET.get("b", ""))
    return render(
        request,
        "outputs/versions.html",
        page_context(
            request,
            project,
            output=output,
            versions=items,
            a=a,
            b=b,
            changes=_compare(a.data, b.data) if a and b else None,
        ),
    )


def _compare(old, new):
    pairs = []
    sections_old, sections_new = old["sections"], new["sections"]
    for index in range(max(len(sections_old), len(sections_new))):
        before = sections_old[index] if index < len(sections_old) else {"heading": "", "body": ""}
        after = sections_new[index] if index < len(sections_new) else {"heading": "", "body": ""}
        pairs.append(
            {
                "heading": after["heading"] or before["heading"],
                "changed": before != after,
                "diff": diff.words(before["body"], after["body"]),
                "blocks": diff.blocks(before["body"], after["body"]),
            }
        )
    return {"title": diff.words(old["title"], new["title"]), "sections": pairs}


EXPORTS = {
    "pdf": ("application/pdf", output_doc.output_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", output_doc.output_docx),
    "html": ("text/html; charset=utf-8", lambda d: output_doc.output_html(d).encode()),
}


@project_view()
def export(request, project, output_pk, fmt):
    output = access.get_output(project, output_pk)
    if fmt not in EXPORTS:
        raise Http404
    content_type, render_to = EXPORTS[fmt]
    response = HttpResponse(render_to(access.document(project, output)), content_type=content_type)
    name = f"{slugify(output.title)[:60] or 'output'}.{fmt}"
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    if fmt == "html":
        # The page is the user's text: no scripts may run in it, even if some slipped through.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def send(request, project, output_pk):
    output = access.get_output(project, output_pk)
    # Those chosen on the ranking of who should hear a finding arrive ticked.
    ticked = [pk for pk in request.GET.getlist("stakeholders") if is_id(pk)]
    initial = {"sent_on": timezone.localdate(), "stakeholders": ticked}
    form = SendForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_sending(output=output, by=request.user, **form.cleaned_data)
        messages.success(request, "Recorded. It now shows on those stakeholders' timelines.")
        return redirect("outputs:output", pk=project.pk, output_pk=output.pk)
    return render(request, "outputs/send.html", page_context(request, project, output=output, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def glossary(request):
    """The jargon list every readability check uses: anyone signed in reads it; advisers and staff keep it."""
    can_edit = request.user.is_adviser or request.user.is_staff
    error = None
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if is_id(request.POST.get("delete", "")):
            services.delete_glossary_term(pk=int(request.POST["delete"]))
            return redirect("glossary")
        try:
            added = services.add_glossary_term(term=request.POST.get("term", ""), plain=request.POST.get("plain", ""))
        except services.OutputError as problem:
            error = str(problem)
        else:
            messages.success(request, f"“{added.term}” added.")
            return redirect("glossary")
    return render(
        request,
        "outputs/glossary.html",
        {
            "terms": access.glossary_terms(),
            "can_edit": can_edit,
            "error": error,
            "nav": "projects",
        },
    )
