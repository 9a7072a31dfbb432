"""The page an invitee opens without signing in: the personal link in a workshop invitation, to reply, tell us
about access needs and see how to join. The link (core/links.py) is checked and throttled before the view runs;
a GET only shows the page, the POST acts."""

from django.contrib import messages
from django.shortcuts import redirect, render

from mobilise.core import links

from .. import services_workshops as services
from ..forms_workshops import WorkshopReplyForm
from ..models import Reply

WHAT_TO_DO = "Reply to the invitation email to ask for a new link."


@links.link_view(services.WORKSHOP_REPLY, what_to_do=WHAT_TO_DO)
def reply(request, resolution):
    invitation = resolution.obj
    workshop = invitation.workshop
    answered = invitation.reply in services.ANSWERS
    initial = {"answer": invitation.reply if answered else None, "access_needs": invitation.access_needs}
    form = WorkshopReplyForm(request.POST or None, initial=initial)
    if request.method == "POST" and not workshop.held and form.is_valid():
        try:
            services.reply(
                invitation=invitation,
                link=resolution.link,
                answer=form.cleaned_data["answer"],
                access_needs=form.cleaned_data["access_needs"],
            )
        except services.LinkRefused as refused:  # withdrawn or cancelled since the page was opened
            return links.problem_page(request, refused.problem, what_to_do=WHAT_TO_DO)
        messages.success(request, "Thank you. Your reply has been saved. You can change it here at any time.")
        return redirect(request.path)
    context = {
        "invitation": invitation,
        "w": workshop,
        "form": form,
        "answered": answered,
        "reply_label": dict(Reply.choices).get(invitation.reply, ""),
        "owner": workshop.owner,
    }
    return render(request, "engagement/reply.html", context, status=400 if form.is_bound else 200)
