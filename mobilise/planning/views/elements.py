"""Adding, changing, moving and deleting elements and the causal links between them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.versioning import StaleEdit, refuse_stale
from mobilise.projects.access import EDIT, page_context, project_view

from .. import access, services
from ..forms import AddElementForm, ElementForm, LinkForm, NoteForm, RationaleForm
from ..models import NOTES, Column
from .common import board_url, confirm_page, link_rows, stale_message


@project_view(EDIT)
@require_POST
def element_add(request, project):
    model = access.model_of(project)
    column = request.POST.get("column") or next((c for c in Column.values if f"{c}-column" in request.POST), None)
    if column in NOTES:
        elements, links = access.contents(model)
        form = NoteForm(request.POST, prefix=column, elements=elements, links=links)
    else:
        form = AddElementForm(request.POST, prefix=column)
    if column in Column.values and form.is_valid():
        about_element, about_link = form.attachment() if column in NOTES else (None, None)
        try:
            element = services.add_element(
                project=project,
                column=form.cleaned_data["column"],
                text=form.cleaned_data["text"].strip(),
                about_element=about_element,
                about_link=about_link,
            )
        except services.PlanningError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Added “{element.text}” to {Column(element.column).label.lower()}.")
        return redirect(board_url(project, f"col-{column}"))
    messages.error(request, "Enter the text of the element to add it.")
    return redirect(board_url(project, f"col-{column}" if column in Column.values else ""))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def element_edit(request, project, element_pk):
    model = access.model_of(project)
    element = access.get_element(model, element_pk)
    elements, links = access.contents(model)
    form = ElementForm(
        request.POST or None, element=element, elements=[e for e in elements if e.pk != element.pk], links=links
    )
    if request.method == "POST" and form.is_valid():
        about_element, about_link = form.attachment() if element.is_note else (None, None)
        try:
            services.update_element(
                element=element,
                expected_version=form.cleaned_data["version"],
                text=form.cleaned_data["text"],
                description=form.cleaned_data["description"],
                column=form.cleaned_data["column"],
                about_element=about_element,
                about_link=about_link,
            )
        except StaleEdit as stale:
            refuse_stale(form, stale, stale_message(stale, "this element") + f" It now reads “{stale.current.text}”.")
        except services.PlanningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Element saved.")
            return redirect(board_url(project, f"el-{element.pk}"))
    outgoing = [row for row in link_rows(elements, links) if row.link.source_id == element.pk]
    link_form = LinkForm(source=element, elements=elements) if not element.is_note else None
    return render(
        request,
        "planning/element_form.html",
        page_context(
            request,
            project,
            element=element,
            form=form,
            outgoing=outgoing,
            link_form=link_form,
        ),
    )


@project_view(EDIT)
@require_POST
def element_move(request, project, element_pk):
    model = access.model_of(project)
    element = access.get_element(model, element_pk)
    try:
        element = services.move_element(element=element, direction=request.POST.get("direction"))
    except services.PlanningError as error:
        messages.error(request, str(error))
    return redirect(board_url(project, f"el-{element.pk}"))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def element_delete(request, project, element_pk):
    model = access.model_of(project)
    element = access.get_element(model, element_pk)
    if request.method == "POST":
        services.delete_element(element=element)
        messages.success(request, f"Deleted “{element.text}” and its links.")
        return redirect(board_url(project, f"col-{element.column}"))
    return confirm_page(
        request,
        project,
        title=f"Delete “{element.text}”?",
        body="Its links are deleted too. Assumptions attached to it stay, attached to nothing.",
        unlinked=[element],
        confirm_text="Delete element",
        cancel=board_url(project, f"el-{element.pk}"),
    )


@project_view(EDIT)
@require_POST
def link_add(request, project, element_pk):
    model = access.model_of(project)
    source = access.get_element(model, element_pk)
    elements, links = access.contents(model)
    form = LinkForm(request.POST, source=source, elements=elements)
    if form.is_valid():
        try:
            services.add_link(
                source=source,
                target=form.targets[form.cleaned_data["target"]],
                rationale=form.cleaned_data["rationale"],
            )
        except services.PlanningError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Link added.")
    else:
        messages.error(request, " ".join(e["text"] for e in form.error_list()))
    return redirect(reverse("planning:element", args=[project.pk, source.pk]))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def link_edit(request, project, link_pk):
    model = access.model_of(project)
    link = access.get_link(model, link_pk)
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.delete_link(link=link)
        messages.success(request, f"Deleted the link {link}.")
        return redirect(reverse("planning:element", args=[project.pk, link.source_id]))
    form = RationaleForm(request.POST or None, initial={"rationale": link.rationale})
    if request.method == "POST" and form.is_valid():
        services.update_link(link=link, rationale=form.cleaned_data["rationale"])
        messages.success(request, "Rationale saved.")
        return redirect(reverse("planning:element", args=[project.pk, link.source_id]))
    return render(
        request,
        "planning/link_form.html",
        page_context(
            request,
            project,
            link=link,
            form=form,
        ),
    )
