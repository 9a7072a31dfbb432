"""Outputs as reviewable objects: the adapter core/reviews.py asks about an output (registered in OutputsConfig)."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from mobilise.core.models import Review, ReviewState, User
from mobilise.projects.access import team_users
from mobilise.projects.rules import EDIT, VIEW, can

from .models import Output, Status, Version

# The output's status while its latest review is in each state.
STATUS_FOR = {
    ReviewState.REQUESTED: Status.IN_REVIEW,
    ReviewState.CHANGES_REQUESTED: Status.DRAFT,
    ReviewState.APPROVED: Status.APPROVED,
}


def section_key(section: Any) -> str:
    return f"s{section.pk}"


class OutputReview:
    noun = "output"

    def title(self, obj: Output) -> str:
        return obj.title

    def url(self, obj: Output) -> str:
        return reverse("outputs:output", args=[obj.project_id, obj.pk])

    def version(self, obj: Output) -> int:
        return obj.version

    def sections(self, obj: Output) -> list[tuple[str, str]]:
        return [(section_key(s), s.heading) for s in obj.sections.all()]

    def can_view(self, user: Any, obj: Output) -> bool:
        return can(user, VIEW, obj.project)

    def can_request(self, user: Any, obj: Output) -> bool:
        return can(user, EDIT, obj.project)

    def authors(self, obj: Output) -> set[int]:
        """Whoever started it and whoever saved a version of its text."""
        writers = Version.objects.filter(output=obj, created_by__isnull=False).values_list("created_by", flat=True)
        return {pk for pk in [obj.created_by_id, *writers] if pk is not None}

    def reviewer_choices(self, obj: Output) -> QuerySet[User]:
        return team_users(obj.project)

    def on_state(self, obj: Output, review: Review) -> None:
        if review.state in STATUS_FOR and obj.status != Status.PUBLISHED:
            Output.objects.filter(pk=obj.pk).update(status=STATUS_FOR[ReviewState(review.state)])
            obj.status = STATUS_FOR[ReviewState(review.state)]
