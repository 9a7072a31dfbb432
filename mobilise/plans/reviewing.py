"""Plans as reviewable objects: the adapter core/reviews.py asks about a plan (registered in PlansConfig). The team
or the project's adviser read the plan section by section, comment, and approve it or ask for changes."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from mobilise.core.models import Review, ReviewState, User
from mobilise.projects.access import team_users
from mobilise.projects.rules import EDIT, VIEW, can

from .models import Plan, PlanSection, Status

# The plan's status while its latest review is in each state.
STATUS_FOR = {
    ReviewState.REQUESTED: Status.UNDER_REVIEW,
    ReviewState.CHANGES_REQUESTED: Status.DRAFT,
    ReviewState.APPROVED: Status.FINAL,
}


class PlanReview:
    noun = "plan"

    def title(self, obj: Plan) -> str:
        return obj.title

    def url(self, obj: Plan) -> str:
        return reverse("plans:plan", args=[obj.project_id, obj.pk])

    def version(self, obj: Plan) -> int:
        return obj.version

    def sections(self, obj: Plan) -> list[tuple[str, str]]:
        return list(PlanSection.objects.filter(plan=obj).values_list("key", "heading"))

    def can_view(self, user: Any, obj: Plan) -> bool:
        return can(user, VIEW, obj.project)

    def can_request(self, user: Any, obj: Plan) -> bool:
        return can(user, EDIT, obj.project)

    def authors(self, obj: Plan) -> set[int]:
        """Whoever started it and whoever wrote a section."""
        writers = PlanSection.objects.filter(plan=obj, written_by__isnull=False).values_list("written_by", flat=True)
        return {pk for pk in [obj.created_by_id, *writers] if pk is not None}

    def reviewer_choices(self, obj: Plan) -> QuerySet[User]:
        return team_users(obj.project)

    def on_state(self, obj: Plan, review: Review) -> None:
        if review.state in STATUS_FOR:
            status = STATUS_FOR[ReviewState(review.state)]
            Plan.objects.filter(pk=obj.pk).update(status=status)
            obj.status = status
