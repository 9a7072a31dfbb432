"""What a project's work under review (an output, a plan) has in common in its core/reviews.py adapter: whoever may
read the project may read it and comment, whoever may edit the project may send it for review, and the reviewers
are chosen from the project's team. Each app's adapter adds its noun, page, sections, authors and what a review's
state does to its status."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from mobilise.core.models import User

from .access import team_users
from .rules import EDIT, VIEW, can


class ProjectWorkReview:
    """The shared half of the adapter for a model with `project`, `title`, `version` and `created_by`."""

    def title(self, obj: Any) -> str:
        return obj.title

    def version(self, obj: Any) -> int:
        return obj.version

    def can_view(self, user: Any, obj: Any) -> bool:
        return can(user, VIEW, obj.project)

    def can_request(self, user: Any, obj: Any) -> bool:
        return can(user, EDIT, obj.project)

    def reviewer_choices(self, obj: Any) -> QuerySet[User]:
        return team_users(obj.project)

    @staticmethod
    def written_by(obj: Any, writers: Iterable[int | None]) -> set[int]:
        """Whoever started it and the `writers` (ids of whoever wrote a part of it), without the unknown."""
        return {pk for pk in [obj.created_by_id, *writers] if pk is not None}
