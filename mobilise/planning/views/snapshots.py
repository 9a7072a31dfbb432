"""Named snapshots of the model: take, view, compare, restore."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mobilise.core.paging import paginate
from mobilise.projects.access import EDIT, page_context, project_view

from .. import access, modeldata, services
from ..forms import SnapshotForm
from .common import board_url, confirm_page, diagram, document_data


@project_view(post=EDIT)
@require_http_methods(["GET", "POST"])
def snapshots(request, project):
    model = access.model_of(project)
    form = SnapshotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.take_snapshot(project=project, name=form.cleaned_data["name"], by=request.user)
        messages.success(request, f"Snapshot “{form.cleaned_data['name']}” taken.")
        return redirect("planning:snapshots", pk=project.pk)
    page, _ = paginate(request, access.snapshots(model))
    return render(
        request,
        "planning/snapshots.html",
        page_context(
            request,
            project,
            page=page,
            form=form,
        ),
    )


@project_view()
def snapshot(request, project, snapshot_pk):
    model = access.model_of(project)
    snap = access.get_snapshot(model, snapshot_pk)
    doc = document_data(project, snap.data)
    return render(
        request,
        "planning/snapshot.html",
        page_context(
            request,
            project,
            snapshot=snap,
            doc=doc,
            svg=diagram(doc),
            findings=modeldata.review(snap.data),
        ),
    )


@project_view()
def compare(request, project):
    model = access.model_of(project)
    if model.pk is None:
        raise Http404
    options = list(access.snapshots(model)[:200])

    def pick(value):
        if value == "current":
            return "The model now", access.data(model)
        snap = access.find_snapshot(model, value)
        return (snap.name, snap.data) if snap else (None, None)

    (old_name, old), (new_name, new) = pick(request.GET.get("a", "")), pick(request.GET.get("b", "current"))
    changes = modeldata.diff(old, new) if old is not None and new is not None else None
    return render(
        request,
        "planning/compare.html",
        page_context(
            request,
            project,
            options=options,
            a=request.GET.get("a", ""),
            b=request.GET.get("b", "current"),
            old_name=old_name,
            new_name=new_name,
            changes=changes,
            labels=modeldata.LABELS,
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def restore(request, project, snapshot_pk):
    model = access.model_of(project)
    snap = access.get_snapshot(model, snapshot_pk)
    if request.method == "POST":
        kept = services.restore_snapshot(snapshot=snap, by=request.user)
        messages.success(
            request, f"Restored “{snap.name}”." + (" The model as it was is kept as a snapshot." if kept else "")
        )
        return redirect(board_url(project))
    removed = access.removed_by(model, snap.data)
    return confirm_page(
        request,
        project,
        title=f"Restore “{snap.name}”?",
        body="The model will be replaced by this snapshot. The model as it is now is kept as a new snapshot, "
        "so you can go back.",
        removed=removed,
        confirm_text="Restore snapshot",
        cancel=reverse("planning:snapshot", args=[project.pk, snap.pk]),
    )
