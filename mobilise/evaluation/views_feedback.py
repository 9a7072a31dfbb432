"""Feedback forms: built by the team, answered through a shared link without signing in."""

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from mobilise.core import ratelimit
from mobilise.core.tables import safe_cell
from mobilise.documents.progress_chart import bar_svg

from . import access, services
from .forms import FeedbackFormForm, FeedbackQuestionForm, ResponseForm
from .views import EDIT, _context

RATE_SCOPE = "feedback"
RATE_LIMIT = 20  # responses from one address an hour, across all forms
COOKIE_SALT = "mobilise.feedback"


def public_url(request, form):
    return request.build_absolute_uri(reverse("feedback", args=[form.token]))


@login_required
@require_http_methods(["GET", "POST"])
def form_edit(request, pk, form_pk=None):
    project = access.get_project(request.user, pk, EDIT)
    feedback = access.get_feedback_form(project, form_pk) if form_pk else None
    form = FeedbackFormForm(request.POST or None, instance=feedback)
    if request.method == "POST" and form.is_valid():
        saved = services.save_feedback_form(project=project, form=feedback, **form.cleaned_data)
        messages.success(request, "Form saved." if feedback else "Form created. Now add its questions.")
        return redirect("evaluation:form", pk=project.pk, form_pk=saved.pk)
    return render(
        request, "evaluation/feedback_form_edit.html", _context(request, project, form=form, feedback=feedback)
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_detail(request, pk, form_pk):
    """The form's questions (with a form to add one), its link, and its responses summarised."""
    can_write = request.method == "POST"
    project = access.get_project(request.user, pk, EDIT if can_write else "projects.view_project")
    feedback = access.get_feedback_form(project, form_pk)
    question_form = FeedbackQuestionForm(request.POST or None, prefix="q")
    if can_write:
        if request.POST.get("delete", "").isdigit():
            services.delete_feedback_question(question=access.get_feedback_question(feedback, request.POST["delete"]))
            messages.success(request, "Question removed.")
            return redirect("evaluation:form", pk=project.pk, form_pk=feedback.pk)
        if question_form.is_valid():
            services.save_feedback_question(form=feedback, **question_form.cleaned_data)
            messages.success(request, "Question added.")
            return redirect(reverse("evaluation:form", args=[project.pk, feedback.pk]) + "#questions")
    questions = list(feedback.questions.all())
    responses = list(feedback.responses.all())
    summary = services.summarise(feedback, questions, responses)
    for item in summary:
        if "counts" in item:
            item["chart"] = mark_safe(
                bar_svg(  # noqa: S308 - every text in it is escaped
                    title=f"Answers to “{item['question'].text}”", items=[(o, n) for o, n, _ in item["counts"]]
                )
            )
    return render(
        request,
        "evaluation/feedback_form.html",
        _context(
            request,
            project,
            feedback=feedback,
            questions=questions,
            summary=summary,
            response_count=len(responses),
            link=public_url(request, feedback),
            form=question_form if can_write else None,
            question_form=question_form,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk, form_pk, question_pk):
    project = access.get_project(request.user, pk, EDIT)
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
        _context(
            request, project, form=form, feedback=feedback, question=question, response_count=feedback.responses.count()
        ),
    )


@login_required
def responses_csv(request, pk, form_pk):
    project = access.get_project(request.user, pk)
    feedback = access.get_feedback_form(project, form_pk)
    questions = list(feedback.questions.all())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Response", "Received"] + [q.text for q in questions])
    for number, r in enumerate(feedback.responses.all(), start=1):
        row = [number, r.created.isoformat(timespec="seconds")]
        for q in questions:
            answer = r.answers.get(str(q.pk), "")
            row.append(safe_cell("; ".join(answer) if isinstance(answer, list) else answer))
        writer.writerow(row)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(feedback.title)[:60] or "feedback"}.csv"'
    return response


def _cookie(feedback):
    return f"fb{feedback.pk}"


def _answered(request, feedback):
    return request.get_signed_cookie(_cookie(feedback), default=None, salt=COOKIE_SALT) == feedback.token


@require_http_methods(["GET", "POST"])
def public(request, token):
    """The shared link: no sign-in; only this form is shown. Flooding is held back per address."""
    feedback = access.get_public_form(token)
    questions = list(feedback.questions.all())
    context = {"feedback": feedback, "nav": None, "public": True}
    if not feedback.is_open:
        return render(request, "evaluation/public_closed.html", context, status=410)
    if feedback.one_per_browser and _answered(request, feedback):
        return render(request, "evaluation/public_thanks.html", {**context, "again": True})
    form = ResponseForm(request.POST or None, questions=questions)
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        if ratelimit.exceeded(RATE_SCOPE, ip, limit=RATE_LIMIT, minutes=60):
            form.refuse("Too many responses have come from your network in the last hour. Try again later.")
            return render(request, "evaluation/public.html", {**context, "form": form}, status=429)
        if form.is_bot():
            # Looks accepted, so an automated sender learns nothing; nothing is stored.
            return render(request, "evaluation/public_thanks.html", context)
        if form.is_valid():
            services.record_response(form=feedback, answers=form.answers())
            ratelimit.record(RATE_SCOPE, ip)
            response = render(request, "evaluation/public_thanks.html", context)
            if feedback.one_per_browser:
                response.set_signed_cookie(
                    _cookie(feedback),
                    feedback.token,
                    salt=COOKIE_SALT,
                    max_age=365 * 24 * 3600,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
    return render(request, "evaluation/public.html", {**context, "form": form}, status=400 if form.is_bound else 200)
