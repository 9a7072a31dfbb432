"""Outputs as reviewable objects: the adapter core/reviews.py asks about an output (registered in OutputsConfig)."""

from typing import Any

from django.urls import reverse

from mobilise.core.models import Review, ReviewState
from mobilise.projects import generations
from mobilise.projects.reviewing import ProjectWorkReview

from .models import Output, Status, Version

# The output's status while its latest review is in each state.
STATUS_FOR = {
    ReviewState.REQUESTED: Status.IN_REVIEW,
    ReviewState.CHANGES_REQUESTED: Status.DRAFT,
    ReviewState.APPROVED: Status.APPROVED,
}


def section_key(section: Any) -> str:
    return f"s{section.pk}"


class OutputReview(ProjectWorkReview):
    noun = "output"
    sendable: tuple[str, ...] = (Status.DRAFT, Status.IN_REVIEW)

    def url(self, obj: Output) -> str:
        return reverse("outputs:output", args=[obj.project_id, obj.pk])

    def sections(self, obj: Output) -> list[tuple[str, str]]:
        return [(section_key(s), s.heading) for s in obj.sections.all()]

    def authors(self, obj: Output) -> set[int]:
        """Whoever started it and whoever saved a version of its text."""
        writers = Version.objects.filter(output=obj, created_by__isnull=False).values_list("created_by", flat=True)
        return self.written_by(obj, writers)

    def on_state(self, obj: Output, review: Review) -> None:
        if review.state in STATUS_FOR and obj.status != Status.PUBLISHED:
            Output.objects.filter(pk=obj.pk).update(status=STATUS_FOR[ReviewState(review.state)])
            generations.bump([obj.project_id])
            obj.status = STATUS_FOR[ReviewState(review.state)]
