"""The pages opened without signing in: the personal link in an invitation to join a project's team.

Kept apart from the signed-in pages in views.py. The link (core/links.py) is checked and throttled before the
view runs; a GET only shows the page, the POST acts.
"""

import time

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from mobilise.core import links
from mobilise.core.services import must_enrol
from mobilise.core.views import PENDING_AT, PENDING_USER

from .. import access, services
from ..forms import AcceptInvitationForm

WHAT_TO_DO = "Ask the person who invited you to send a new invitation: you can reply to their email."


@links.link_view(services.INVITATION, what_to_do=WHAT_TO_DO)
def invitation(request, resolution):
    invitation = resolution.obj
    account = access.account_for(invitation.email)
    if account is not None and not account.is_active:
        return _closed_account(request)
    if account is not None:
        return _join_with_account(request, invitation)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        return _accept(request, invitation, full_name=data["full_name"], password=data["password1"])
    context = {
        "invitation": invitation,
        "role_means": services.ROLE_MEANS[invitation.role],
        "form": form,
    }
    return render(request, "projects/invitation.html", context, status=400 if form.is_bound else 200)


def _join_with_account(request, invitation):
    """An account with the address was made after the invitation was sent: one button adds it to the team."""
    if request.method == "POST":
        return _accept(request, invitation)
    project = invitation.project
    return links.button_page(
        request,
        title=f"Join the team of {project.short_title}",
        paragraphs=[
            f"You are invited to join “{project.title}” as a {invitation.get_role_display().lower()}. "
            + services.ROLE_MEANS[invitation.role],
            f"You already have an account with {invitation.email}. After you join, sign in with it as usual.",
        ],
        button="Join the team",
    )


def _accept(request, invitation, **fields):
    try:
        accepted = services.accept_invitation(invitation=invitation, **fields)
    except services.LinkRefused as refused:  # used or cancelled since the page was opened
        return links.problem_page(request, refused.problem, what_to_do=WHAT_TO_DO)
    except services.TeamError:
        return _closed_account(request)
    if accepted.new_account:
        return _sign_in(request, accepted.membership)
    return _ask_to_sign_in(request, accepted.membership)


def _closed_account(request):
    context = {
        "heading": "Your account is switched off",
        "explanation": "An account with your email address exists but has been switched off.",
        "what_to_do": "Ask the person who invited you to have an administrator switch it back on.",
    }
    return render(request, "core/link_problem.html", context, status=403)


def _sign_in(request, membership):
    """Sign the new person in; where their role requires two-factor authentication, set it up first."""
    user, target = membership.user, reverse("project", args=[membership.project_id])
    welcome = f"Welcome. You are on the team of {membership.project.short_title} as a "
    messages.success(request, welcome + f"{membership.get_role_display().lower()}.")
    if must_enrol(user):
        request.session.cycle_key()
        request.session[PENDING_USER] = user.pk
        request.session[PENDING_AT] = time.time()
        request.session["pending_next"] = target
        return redirect("login-enrol")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(target)


def _ask_to_sign_in(request, membership):
    messages.success(request, f"You are on the team of {membership.project.short_title}. Sign in to see it.")
    target = reverse("project", args=[membership.project_id])
    return redirect(reverse("login") + "?" + urlencode({"next": target}))
