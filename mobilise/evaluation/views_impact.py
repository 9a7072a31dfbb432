"""The impact evidence log (claims with corroborating evidence) and the learning log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mobilise.core.uploads import serve_private

from . import access, services
from .forms import ClaimForm, EvidenceEditForm, EvidenceForm, LearningForm
from .views import EDIT, _context


@login_required
def impact(request, pk):
    project = access.get_project(request.user, pk)
    return render(
        request,
        "evaluation/impact.html",
        _context(request, project, claims=access.claims(project)[:200], learning=access.learning(project)[:200]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_form(request, pk, claim_pk=None):
    project = access.get_project(request.user, pk, EDIT)
    claim = access.get_claim(project, claim_pk) if claim_pk else None
    form = ClaimForm(request.POST or None, instance=claim, project=project)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and claim:
            services.delete_claim(claim=claim)
            messages.success(request, "Claim deleted, with its evidence.")
            return redirect("evaluation:impact", pk=project.pk)
        if form.is_valid():
            saved = services.save_claim(project=project, claim=claim, **form.cleaned_data)
            messages.success(request, "Claim saved." if claim else "Claim saved. Now add the evidence for it.")
            return redirect("evaluation:claim", pk=project.pk, claim_pk=saved.pk)
    return render(request, "evaluation/claim_form.html", _context(request, project, form=form, claim=claim))


@login_required
@require_http_methods(["GET", "POST"])
def claim_detail(request, pk, claim_pk):
    writing = request.method == "POST"
    project = access.get_project(request.user, pk, EDIT if writing else "projects.view_project")
    claim = access.get_claim(project, claim_pk)
    form = EvidenceForm(request.POST or None, request.FILES or None, prefix="e")
    if writing:
        if request.POST.get("delete", "").isdigit():
            services.delete_evidence(evidence=access.get_evidence(project, request.POST["delete"]))
            messages.success(request, "Evidence removed.")
            return redirect("evaluation:claim", pk=project.pk, claim_pk=claim.pk)
        if form.is_valid():
            data = form.cleaned_data
            services.add_evidence(
                claim=claim,
                by=request.user,
                kind=data["kind"],
                title=data["title"],
                url=data["url"],
                text=data["text"],
                source=data["source"],
                consent=data["consent"],
                upload=data.get("file"),
                content_type=data.get("content_type", ""),
            )
            messages.success(request, "Evidence added.")
            return redirect(reverse("evaluation:claim", args=[project.pk, claim.pk]) + "#evidence")
    return render(
        request,
        "evaluation/claim.html",
        _context(request, project, claim=claim, evidence_form=form, form=form if writing else None),
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_edit(request, pk, evidence_pk):
    project = access.get_project(request.user, pk, EDIT)
    evidence = access.get_evidence(project, evidence_pk)
    form = EvidenceEditForm(request.POST or None, evidence=evidence, prefix="e")
    back = reverse("evaluation:claim", args=[project.pk, evidence.claim_id]) + "#evidence"
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            services.delete_evidence(evidence=evidence)
            messages.success(request, "Evidence removed.")
            return redirect(back)
        if form.is_valid():
            services.save_evidence(evidence=evidence, **form.cleaned_data)
            messages.success(request, "Evidence saved.")
            return redirect(back)
    return render(
        request,
        "evaluation/evidence_form.html",
        _context(request, project, form=form, evidence=evidence, claim=evidence.claim),
    )


@login_required
def evidence_file(request, pk, evidence_pk):
    """A file, only through the project's access check: outsiders get 404 like everywhere else."""
    project = access.get_project(request.user, pk)
    evidence = access.get_evidence(project, evidence_pk)
    return serve_private(evidence.file, name=evidence.file_name, content_type=evidence.content_type)


@login_required
@require_http_methods(["GET", "POST"])
def learning_form(request, pk, entry_pk=None):
    project = access.get_project(request.user, pk, EDIT)
    entry = access.get_learning(project, entry_pk) if entry_pk else None
    form = LearningForm(request.POST or None, instance=entry, project=project)
    if request.method == "POST" and form.is_valid():
        services.save_learning(project=project, entry=entry, **form.cleaned_data)
        messages.success(request, "Learning saved.")
        return redirect(reverse("evaluation:impact", args=[project.pk]) + "#learning")
    return render(request, "evaluation/learning_form.html", _context(request, project, form=form, entry=entry))
