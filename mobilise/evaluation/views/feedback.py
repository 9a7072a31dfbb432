"""Feedback forms as the team builds and reads them; views/public.py is where they are answered."""

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from mobilise.core.forms import is_id
from mobilise.core.tables import safe_cell
from mobilise.engagement import access as engagement_access
from mobilise.projects.access import EDIT, VIEW, page_context, project_view

from .. import access, services
from ..forms_feedback import FeedbackFormForm, FeedbackQuestionForm


def public_url(request, form):
    return request.build_absolute_uri(reverse("feedback", args=[form.token]))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def form_edit(request, project, form_pk=None):
    feedback = access.get_feedback_form(project, form_pk) if form_pk else None
    workshops = engagement_access.workshops(project)
    # Built from a workshop's page: that workshop is chosen already.
    chosen = workshops.filter(pk=request.GET["workshop"]).first() if is_id(request.GET.get("workshop", "")) else None
    form = FeedbackFormForm(
        request.POST or None, instance=feedback, workshops=workshops, initial={"workshop": chosen} if chosen else None
    )
    if request.method == "POST" and form.is_valid():
        saved = services.save_feedback_form(project=project, form=feedback, **form.cleaned_data)
        messages.success(request, "Form saved." if feedback else "Form created. Now add its questions.")
        return redirect("evaluation:form", pk=project.pk, form_pk=saved.pk)
    return render(
        request, "evaluation/feedback_form_edit.html", page_context(request, project, form=form, feedback=feedback)
    )


@project_view(VIEW, post=EDIT)
@require_http_methods(["GET", "POST"])
def form_detail(request, project, form_pk):
    """The form's questions (with a form to add one), its link, and its responses summarised."""
    can_write = request.method == "POST"
    feedback = access.get_feedback_form(project, form_pk)
    question_form = FeedbackQuestionForm(request.POST or None, prefix="q")
    if can_write:
        if is_id(request.POST.get("delete", "")):
            services.delete_feedback_question(question=access.get_feedback_question(feedback, request.POST["delete"]))
            messages.success(request, "Question removed.")
            return redirect("evaluation:form", pk=project.pk, form_pk=feedback.pk)
        if question_form.is_valid():
            services.save_feedback_question(form=feedback, **question_form.cleaned_data)
            messages.success(request, "Question added.")
            return redirect(reverse("evaluation:form", args=[project.pk, feedback.pk]) + "#questions")
    questions = list(feedback.questions.all())
    answers = access.answer_sets([feedback])[feedback.pk]
    summary = access.charted_summary(feedback, questions, answers)
    return render(
        request,
        "evaluation/feedback_form.html",
        page_context(
            request,
            project,
            feedback=feedback,
            questions=questions,
            summary=summary,
            response_count=len(answers),
            link=public_url(request, feedback),
            form=question_form if can_write else None,
            question_form=question_form,
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def question_edit(request, project, form_pk, question_pk):
    feedback = access.get_feedback_form(project, form_pk)
    question = access.get_feedback_question(feedback, question_pk)
    form = FeedbackQuestionForm(
        request.POST or None,
        initial={name: getattr(question, name) for name in ("kind", "text", "choices", "required")},
    )
    back = reverse("evaluation:form", args=[project.pk, feedback.pk]) + "#questions"
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            services.delete_feedback_question(question=question)
            messages.success(request, "Question removed.")
            return redirect(back)
        if form.is_valid():
            try:
                services.save_feedback_question(form=feedback, question=question, **form.cleaned_data)
            except services.EvaluationError as error:
                form.add_error("kind", str(error))
            else:
                messages.success(request, "Question saved.")
                return redirect(back)
    return render(
        request,
        "evaluation/feedback_question_form.html",
        page_context(
            request, project, form=form, feedback=feedback, question=question, response_count=feedback.responses.count()
        ),
    )


@project_view()
def responses_csv(request, project, form_pk):
    feedback = access.get_feedback_form(project, form_pk)
    questions = list(feedback.questions.all())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Response", "Received"] + [safe_cell(q.text) for q in questions])
    for number, r in enumerate(feedback.responses.all(), start=1):
        row = [number, r.created.isoformat(timespec="seconds")]
        for q in questions:
            answer = r.answers.get(str(q.pk), "")
            row.append(safe_cell("; ".join(answer) if isinstance(answer, list) else answer))
        writer.writerow(row)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(feedback.title)[:60] or "feedback"}.csv"'
    return response
