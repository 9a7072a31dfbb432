"""Templates advisers define for the teams they support: sections, guidance and limits. Advisers only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import access, services
from ..forms import TemplateForm


def _adviser(request):
    if not request.user.is_adviser:
        raise Http404


@login_required
def templates(request):
    _adviser(request)
    return render(request, "plans/templates.html", {"templates": access.templates(), "nav": "projects"})


@login_required
@require_http_methods(["GET", "POST"])
def template_new(request):
    _adviser(request)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.create_template(
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                sections=form.cleaned_data["sections"],
                by=request.user,
            )
        except services.PlanError as error:
            for problem in error.problems:
                form.add_error("name" if "already exists" in problem else "sections", problem)
        else:
            messages.success(request, f"Template “{template.name}” saved: teams can now start a plan from it.")
            return redirect("plan_templates:list")
    return render(
        request, "plans/template_form.html", {"form": form, "nav": "projects"}, status=400 if form.errors else 200
    )
