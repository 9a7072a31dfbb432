"""The impact report (PDF, DOCX) and the impact case study: edit with live word counts, export within limits."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.forms import model_values
from mobilise.documents import impact_report, output_doc
from mobilise.projects.access import EDIT, VIEW, page_context, project_view

from .. import access, casestudy, report, services
from ..forms import CaseStudyForm
from ..models import CaseStudy

FORMATS = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _download(content, fmt, name):
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)[:60] or "report"}.{fmt}"'
    return response


@project_view()
def report_export(request, project, fmt):
    if fmt not in FORMATS:
        raise Http404
    data = report.impact_report(project)
    render_to = impact_report.pdf if fmt == "pdf" else impact_report.docx
    return _download(render_to(data), fmt, f"{project.short_title} impact report")


def _page(request, project, study, form, status=200):
    values = form.data if form.is_bound else study
    checks = casestudy.checks(values)
    claims = list(access.claims(project)[:100])
    return render(
        request,
        "evaluation/case_study.html",
        page_context(
            request,
            project,
            study=study,
            form=form,
            checks=checks,
            over=[c for c in checks.values() if c["over"]],
            # Downloads follow what is saved, as the export does, not a form still being written.
            export_blocked=casestudy.over_limit(study),
            claims=claims,
            # Filling writes only empty sections, so it is offered while one of them is empty and there are claims.
            can_fill=bool(claims) and not (study.details.strip() and study.sources.strip()),
        ),
        status=status,
    )


@project_view(VIEW, post=EDIT)
@require_http_methods(["GET", "POST"])
def case_study(request, project):
    writing = request.method == "POST"
    if writing and request.POST.get("action") == "fill":
        filled = services.fill_case_study_from_log(project=project)
        _say_filled(request, access.case_study(project), filled)
        return redirect("evaluation:case-study", pk=project.pk)
    study = access.case_study(project)
    form = CaseStudyForm(request.POST or None, instance=study)
    if writing and form.is_valid():
        saved = services.save_case_study(project=project, **model_values(form))
        over = casestudy.over_limit(saved)
        if over:
            some = len(over) > 1
            messages.success(
                request,
                f"Saved as a draft. {len(over)} section{'s are' if some else ' is'} over the "
                f"limit: cut {'them' if some else 'it'} before exporting.",
            )
        else:
            messages.success(request, "Case study saved. Every section is within its limit.")
        return redirect("evaluation:case-study", pk=project.pk)
    return _page(request, project, study, form)


def _label(name):
    return CaseStudy._meta.get_field(name).verbose_name


def _say_filled(request, study, filled):
    """What filling sections 4 and 5 did, and why a section was left as it was."""
    left = [name for name in ("details", "sources") if name not in filled]
    if not filled:
        full = all(getattr(study, name).strip() for name in left)
        why = (
            "sections 4 and 5 already hold text"
            if full
            else "the impact log has nothing to fill the empty sections with yet"
        )
        messages.info(request, f"Nothing was changed: {why}.")
        return
    message = f"Filled {' and '.join(_label(name) for name in filled)} from the impact log."
    for name in left:
        label = _label(name).capitalize()
        if getattr(study, name).strip():
            message += f" {label} already held text, so it was left as it was."
        else:
            message += f" {label} is still empty: no evidence is recorded for the claims yet."
    messages.success(request, message + " Check the wording, and cut anything over the limit before exporting.")


@project_view(EDIT)
@require_POST
def case_study_count(request, project, name):
    """The count of one section as it is being written (htmx posts the form after a pause in typing)."""
    if name not in casestudy.LIMITED:
        raise Http404
    return render(
        request, "evaluation/_word_count.html", {"check": casestudy.check(name, request.POST.get(name, "")[:100_000])}
    )


def refusal(check):
    label = CaseStudy._meta.get_field(check["name"]).verbose_name
    return (
        f"{label[:1].upper()}{label[1:]} has {check['count']:,} {check['noun']}, over the limit of "
        f"{check['limit']:,}: cut it before exporting"
    )


@project_view()
def case_study_export(request, project, fmt):
    """Refused, with every section over its limit named and linked, until the case study fits."""
    if fmt not in FORMATS:
        raise Http404
    study = access.case_study(project)
    over = casestudy.over_limit(study)
    if over:
        form = CaseStudyForm({name: getattr(study, name) for name in CaseStudyForm._meta.fields}, instance=study)
        form.is_valid()
        for check in over:
            form.add_error(check["name"], refusal(check))
        return _page(request, project, study, form, status=409)
    data = report.case_study(project, study)
    render_to = output_doc.output_pdf if fmt == "pdf" else output_doc.output_docx
    return _download(render_to(data), fmt, data["title"])
