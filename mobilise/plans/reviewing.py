"""Plans as reviewable objects: the adapter core/reviews.py asks about a plan (registered in PlansConfig). The team
or the project's adviser read the plan section by section, comment, and approve it or ask for changes."""

from django.urls import reverse

from mobilise.core.models import Review, ReviewState
from mobilise.projects import generations
from mobilise.projects.reviewing import ProjectWorkReview

from .models import Plan, PlanSection, Status

# The plan's status while its latest review is in each state.
STATUS_FOR = {
    ReviewState.REQUESTED: Status.UNDER_REVIEW,
    ReviewState.CHANGES_REQUESTED: Status.DRAFT,
    ReviewState.APPROVED: Status.FINAL,
}


class PlanReview(ProjectWorkReview):
    noun = "plan"
    sendable: tuple[str, ...] = ()

    def url(self, obj: Plan) -> str:
        return reverse("plans:plan", args=[obj.project_id, obj.pk])

    def sections(self, obj: Plan) -> list[tuple[str, str]]:
        return list(PlanSection.objects.filter(plan=obj).values_list("key", "heading"))

    def authors(self, obj: Plan) -> set[int]:
        """Whoever started it and whoever wrote a section."""
        writers = PlanSection.objects.filter(plan=obj, written_by__isnull=False).values_list("written_by", flat=True)
        return self.written_by(obj, writers)

    def on_state(self, obj: Plan, review: Review) -> None:
        if review.state in STATUS_FOR:
            status = STATUS_FOR[ReviewState(review.state)]
            Plan.objects.filter(pk=obj.pk).update(status=status)
            generations.bump([obj.project_id])
            obj.status = status
