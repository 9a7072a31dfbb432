"""Who sees support requests, and the reads every support page goes through.

Requests hold personal data and are the support organisation's own business: only advisers and administrators
see them; everyone else gets 404. A requester reaches their own request only through their personal link."""

from typing import Any

import rules
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from mobilise.projects.rules import is_active

from .models import SupportRequest

TRIAGE = "support.triage"


@rules.predicate
def is_support_staff(user: Any) -> bool:
    return is_active(user) and bool(user.is_adviser or user.is_staff)


rules.add_perm(TRIAGE, is_support_staff)


def require_staff(user: Any) -> None:
    if not rules.has_perm(TRIAGE, user):
        raise Http404


def requests_for(user: Any) -> QuerySet[SupportRequest]:
    require_staff(user)
    return SupportRequest.objects.select_related("organisation")


def get_request(user: Any, pk: int) -> SupportRequest:
    return get_object_or_404(requests_for(user).prefetch_related("themes", "events__by"), pk=pk)


def history(support_request: SupportRequest) -> QuerySet:
    return support_request.events.select_related("by")
