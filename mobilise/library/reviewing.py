"""Library entries as reviewable objects: the adapter core/reviews.py asks about a case study (registered in
LibraryConfig). A second adviser reviews it; an approval of the current version lets it be published."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from mobilise.core.models import Review, ReviewState, User
from mobilise.projects.rules import is_organisation_staff

from .models import CaseStudy, Status

# The entry's status while its latest review is in each state (approved stays "in review" until published).
STATUS_FOR = {
    ReviewState.REQUESTED: Status.IN_REVIEW,
    ReviewState.CHANGES_REQUESTED: Status.DRAFT,
}

SECTIONS = [
    ("summary", "Summary"),
    ("what_we_did", "What we did"),
    ("outcome", "Outcome and impact"),
    ("testimonial", "Testimonial"),
    ("evidence", "Evidence of impact"),
]


class CaseStudyReview:
    noun = "case study"
    sendable: tuple[str, ...] = (Status.DRAFT, Status.IN_REVIEW)

    def title(self, obj: CaseStudy) -> str:
        return obj.title

    def url(self, obj: CaseStudy) -> str:
        return reverse("library:manage", args=[obj.pk])

    def version(self, obj: CaseStudy) -> int:
        return obj.version

    def sections(self, obj: CaseStudy) -> list[tuple[str, str]]:
        return SECTIONS

    def can_view(self, user: Any, obj: CaseStudy) -> bool:
        return bool(is_organisation_staff(user))

    def can_request(self, user: Any, obj: CaseStudy) -> bool:
        return bool(is_organisation_staff(user))

    def authors(self, obj: CaseStudy) -> set[int]:
        return {pk for pk in (obj.owner_id, obj.created_by_id) if pk is not None}

    def reviewer_choices(self, obj: CaseStudy) -> QuerySet[User]:
        return User.objects.filter(is_active=True, is_adviser=True).order_by("full_name", "email")

    def on_state(self, obj: CaseStudy, review: Review) -> None:
        if review.state in STATUS_FOR and obj.status in (Status.DRAFT, Status.IN_REVIEW):
            status = STATUS_FOR[ReviewState(review.state)]
            CaseStudy.objects.filter(pk=obj.pk).update(status=status)
            obj.status = status
