"""What could meet a system priority, a support request or an idea: findings, projects, case studies and people;
and, for a priority, the introduction an adviser brokers between a project and one of those people."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mobilise.directory import access as directory_access
from mobilise.projects import access as project_access
from mobilise.projects.access import EDIT

from .. import access, matching, services_priorities
from ..forms_priorities import IntroductionForm
from ..models import Idea, Priority, SupportRequest

# kind: (how to read one for the user, its page, how it is named)
SOURCES: dict[str, tuple[Callable[[Any, int], Priority | SupportRequest | Idea], str, str]] = {
    "priority": (access.get_priority, "support:priority", "System priority"),
    "request": (access.get_request, "support:request", "Support request"),
    "idea": (access.get_idea, "support:idea", "Idea"),
}


@login_required
@require_http_methods(["GET", "POST"])
def could_meet(request, pk, kind):
    get, page, named = SOURCES[kind]
    source = get(request.user, pk)
    matches = matching.could_meet(request.user, matching.query_text(source))
    form = None
    if isinstance(source, Priority) and matches.projects and matches.people:
        data = request.POST if request.method == "POST" else None
        initial = {"date": timezone.localdate()}
        form = IntroductionForm(data, projects=matches.projects, people=matches.people, initial=initial)
        if form.is_valid():
            values = form.cleaned_data
            try:
                services_priorities.broker_introduction(
                    priority=source,
                    project=project_access.get_project(request.user, values["project"], EDIT),
                    person=directory_access.get_person(request.user, values["person"]),
                    date=values["date"],
                    why=values["why"],
                    by=request.user,
                )
            except services_priorities.IntroductionError as problem:
                form.add_error(None, str(problem))
            else:
                messages.success(request, "Introduction recorded. It is in the project’s engagement log too.")
                return redirect("support:priority", pk=source.pk)
    elif request.method == "POST":
        return redirect(request.path)
    context = {
        "source": source,
        "title": matching.title_of(source),
        "named": named,
        "back": {"href": reverse(page, args=[source.pk]), "text": f"Back to the {named.lower()}"},
        "matches": matches,
        "form": form,
        "nav": "support",
    }
    return render(request, "support/could_meet.html", context, status=400 if form and form.is_bound else 200)
