"""The impact evidence log (claims with corroborating evidence) and the learning log."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mobilise.core.forms import is_id
from mobilise.core.uploads import serve_private
from mobilise.projects.access import EDIT, VIEW, page_context, project_view

from .. import access, activities, services
from ..forms import ClaimForm, EvidenceEditForm, EvidenceForm, LearningForm


@project_view()
def impact(request, project):
    return render(
        request,
        "evaluation/impact.html",
        page_context(request, project, claims=access.claims(project)[:200], learning=access.learning(project)[:200]),
    )


@project_view()
def chain(request, project):
    chains = activities.chains(project, access.outcome_elements(project))
    return render(request, "evaluation/chain.html", page_context(request, project, chains=chains))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def claim_form(request, project, claim_pk=None):
    claim = access.get_claim(project, claim_pk) if claim_pk else None
    outcome = request.GET.get("outcome", "")
    initial = {"outcome": int(outcome)} if is_id(outcome) and not claim else None
    form = ClaimForm(request.POST or None, instance=claim, project=project, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and claim:
            services.delete_claim(claim=claim)
            messages.success(request, "Claim deleted, with its evidence.")
            return redirect("evaluation:impact", pk=project.pk)
        if form.is_valid():
            values, linked = form.values()
            saved = services.save_claim(project=project, claim=claim, activities=linked, **values)
            messages.success(request, "Claim saved." if claim else "Claim saved. Now add the evidence for it.")
            return redirect("evaluation:claim", pk=project.pk, claim_pk=saved.pk)
    return render(request, "evaluation/claim_form.html", page_context(request, project, form=form, claim=claim))


@project_view(VIEW, post=EDIT)
@require_http_methods(["GET", "POST"])
def claim_detail(request, project, claim_pk):
    writing = request.method == "POST"
    claim = access.get_claim(project, claim_pk)
    form = EvidenceForm(request.POST or None, request.FILES or None, prefix="e")
    if writing:
        if is_id(request.POST.get("delete", "")):
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
        page_context(
            request,
            project,
            claim=claim,
            produced=activities.linked([claim.pk]).get(claim.pk, []),
            evidence_form=form,
            form=form if writing else None,
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def evidence_edit(request, project, evidence_pk):
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
        page_context(request, project, form=form, evidence=evidence, claim=evidence.claim),
    )


@project_view()
def evidence_file(request, project, evidence_pk):
    """A file, only through the project's access check: outsiders get 404 like everywhere else."""
    evidence = access.get_evidence(project, evidence_pk)
    return serve_private(evidence.file, name=evidence.file_name, content_type=evidence.content_type)


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def learning_form(request, project, entry_pk=None):
    entry = access.get_learning(project, entry_pk) if entry_pk else None
    form = LearningForm(request.POST or None, instance=entry, project=project)
    if request.method == "POST" and form.is_valid():
        services.save_learning(project=project, entry=entry, **form.cleaned_data)
        messages.success(request, "Learning saved.")
        return redirect(reverse("evaluation:impact", args=[project.pk]) + "#learning")
    return render(request, "evaluation/learning_form.html", page_context(request, project, form=form, entry=entry))
