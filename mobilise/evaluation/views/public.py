"""The pages anyone may open without signing in: a feedback form answered through its shared link."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from mobilise.core import ratelimit

from .. import access, services
from ..forms_feedback import ResponseForm

# A browser may answer a handful of forms an hour; a whole room on one network (a workshop's Wi-Fi) may answer
# together, but a flood from one address stops at the ceiling.
THROTTLE = ratelimit.Throttle("feedback", per_browser=10, per_address=300)
COOKIE_SALT = "mobilise.feedback"


def _cookie(feedback):
    return f"fb{feedback.pk}"


def _answered(request, feedback):
    return request.get_signed_cookie(_cookie(feedback), default=None, salt=COOKIE_SALT) == feedback.token


@require_http_methods(["GET", "POST"])
def feedback(request, token):
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
        if form.is_bot():
            # Looks accepted, so an automated sender learns nothing; nothing is stored.
            return render(request, "evaluation/public_thanks.html", context)
        # A response to be stored takes its place within the limits; one with errors only checks them.
        if not (THROTTLE.take(request) if form.is_valid() else THROTTLE.allows(request)):
            form.refuse("Too many responses have come from your network in the last hour. Try again later.")
            return render(request, "evaluation/public.html", {**context, "form": form}, status=429)
        if form.is_valid():
            services.record_response(form=feedback, answers=form.answers())
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
    response = render(
        request, "evaluation/public.html", {**context, "form": form}, status=400 if form.is_bound else 200
    )
    return ratelimit.remember_browser(request, response)
