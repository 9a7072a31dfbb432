"""Review of any object (an output now; library entries, KMb plans and more later), built once here.

An app makes a model reviewable by registering an adapter in its AppConfig.ready():

    from mobilise.core import reviews

    reviews.register(Output, OutputReview())

The adapter (the `Reviewable` protocol below) says what core cannot know: the object's sections (comments can be
tied to one), who may see it, who may send it for review, who wrote it, who may be named as a reviewer, its
address and version, and what to do when the review's state changes (an output moves between draft, in review
and approved). Core keeps the rules that are the same for every object:

- the sender names the reviewers; each must be able to see the object and none may be one of its authors (the
  sender, and whoever the adapter lists as an author);
- each reviewer is told by email (`core.mail.send_mail`), with a link to the review page (`core:review`);
- an author never approves their own work; only a named reviewer decides;
- any reviewer asking for changes sets the review to "changes requested"; otherwise one approval approves it;
- `is_approved(obj)` is what a publish step checks: the latest round is approved, for the object's current version.

Services raise `ReviewError` with a message fit to show the user.
"""

from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from . import mail
from .links import absolute_url
from .models import Decision, Review, ReviewComment, Reviewer, ReviewState, User

OPEN = (ReviewState.REQUESTED, ReviewState.CHANGES_REQUESTED)
DECIDABLE = (*OPEN, ReviewState.APPROVED)  # a second reviewer may still ask for changes after a first approved
WHOLE = ""  # the section key of a comment on the whole object


class ReviewError(Exception):
    pass


class Reviewable(Protocol):
    """What an app tells core about one kind of reviewable object."""

    noun: str  # how the object is named in a sentence: "output"
    sendable: tuple[str, ...]  # the statuses `send_for_review` lets it be sent in; empty: it does not check

    def title(self, obj: Any) -> str: ...

    def url(self, obj: Any) -> str:
        """The object's own page."""

    def version(self, obj: Any) -> int:
        """A number that changes whenever the reviewed content changes."""

    def sections(self, obj: Any) -> list[tuple[str, str]]:
        """[(key, label)] in reading order; keys are short, stable strings stored with comments."""

    def can_view(self, user: Any, obj: Any) -> bool: ...

    def can_request(self, user: Any, obj: Any) -> bool:
        """May send it for review, withdraw it and comment (usually: may edit it)."""

    def authors(self, obj: Any) -> set[int]:
        """Ids of the users who wrote it (the sender is added by core)."""

    def reviewer_choices(self, obj: Any) -> QuerySet[User]:
        """Who may be named (the team that can see it); core removes the authors."""

    def on_state(self, obj: Any, review: Review) -> None:
        """Called inside the transaction whenever a review of obj is opened, decided or withdrawn."""


_adapters: dict[type[models.Model], Reviewable] = {}


def register(model: type[models.Model], adapter: Reviewable) -> None:
    _adapters[model] = adapter


def adapter_for(obj: Any) -> Reviewable:
    return _adapters[type(obj)]


# Reads


def _of(obj: Any) -> QuerySet[Review]:
    return Review.objects.about(obj)


def reviews_of(obj: Any) -> list[Review]:
    """Every round for obj, newest first, with reviewers and comments loaded (three queries)."""
    return list(
        _of(obj)
        .select_related("requested_by")
        .prefetch_related(
            Prefetch("reviewers", queryset=Reviewer.objects.select_related("user")),
            Prefetch("comments", queryset=ReviewComment.objects.select_related("author")),
        )
    )


def latest(obj: Any) -> Review | None:
    return _of(obj).first()


def is_approved(obj: Any) -> bool:
    review = latest(obj)
    return bool(
        review and review.state == ReviewState.APPROVED and review.object_version == adapter_for(obj).version(obj)
    )


def get_review(user: Any, pk: int) -> tuple[Review, Any, Reviewable]:
    """The review, its object and adapter; 404 for anyone who may not see the object (as if it did not exist)."""
    review = get_object_or_404(
        Review.objects.select_related("content_type", "requested_by").prefetch_related(
            Prefetch("reviewers", queryset=Reviewer.objects.select_related("user")),
            Prefetch("comments", queryset=ReviewComment.objects.select_related("author")),
        ),
        pk=pk,
    )
    obj = review.target
    model = review.content_type.model_class()
    if obj is None or model not in _adapters or not _adapters[model].can_view(user, obj):
        raise Http404
    return review, obj, _adapters[model]


def authors_of(obj: Any, review: Review | None = None) -> set[int]:
    ids = set(adapter_for(obj).authors(obj))
    if review is not None and review.requested_by_id:
        ids.add(review.requested_by_id)
    return ids


def choices_for(obj: Any, sender: Any) -> QuerySet[User]:
    """The people the sender may name: the adapter's choices, less the authors and the sender."""
    return adapter_for(obj).reviewer_choices(obj).exclude(pk__in=authors_of(obj) | {sender.pk})


def waiting_on(user: Any, objects: QuerySet) -> int:
    """How many of these objects wait for the user's decision as a named reviewer (one query)."""
    content_type = ContentType.objects.get_for_model(objects.model)
    return (
        Reviewer.objects.filter(
            user_id=user.pk,
            decision="",
            review__state=ReviewState.REQUESTED,
            review__content_type=content_type,
            review__object_id__in=objects.values("pk"),
        )
        .values("review__object_id")
        .distinct()
        .count()
    )


def is_reviewer(review: Review, user: Any) -> bool:
    return any(r.user_id == user.pk for r in review.reviewers.all())


# Writes


def _email(review: Review, obj: Any, adapter: Reviewable, reviewer: User, sender: Any) -> None:
    name = sender.get_full_name() or sender.email
    lines = [
        f"Hello {reviewer.get_short_name()},",
        "",
        f"{name} asks you to review the {adapter.noun} “{adapter.title(obj)}”.",
    ]
    if review.message:
        lines += ["", f"Their note: {review.message}"]
    lines += [
        "",
        "Read it, comment on any section, then approve it or ask for changes:",
        absolute_url(reverse("review", args=[review.pk])),
        "",
        f"If you have a question, reply to this email: your reply goes to {name}.",
    ]
    mail.send_mail(
        subject=f"Please review “{adapter.title(obj)}” on {settings.SITE_NAME}",
        body="\n".join(lines),
        to=[reviewer.email],
        reply_to=[sender.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )


@transaction.atomic
def request_review(*, obj: Any, by: Any, reviewers: Iterable[Any], message: str = "") -> Review:
    """Open a new round naming `reviewers` (any open round is withdrawn) and email each of them."""
    adapter = adapter_for(obj)
    reviewers = list({r.pk: r for r in reviewers}.values())
    if not adapter.can_request(by, obj):
        raise ReviewError(f"You cannot send this {adapter.noun} for review")
    if not reviewers:
        raise ReviewError("Name at least one reviewer")
    authors = authors_of(obj) | {by.pk}
    for person in reviewers:
        if person.pk in authors:
            raise ReviewError(f"{person} wrote this {adapter.noun}, so cannot review it: name someone else")
        if not adapter.can_view(person, obj) or not adapter.reviewer_choices(obj).filter(pk=person.pk).exists():
            raise ReviewError(f"{person} cannot see this {adapter.noun}: name someone from the team")
    _of(obj).filter(state__in=OPEN).update(state=ReviewState.WITHDRAWN)
    review = Review.objects.create(target=obj, object_version=adapter.version(obj), requested_by=by, message=message)
    Reviewer.objects.bulk_create([Reviewer(review=review, user=person) for person in reviewers])
    for person in reviewers:
        _email(review, obj, adapter, person, by)
    adapter.on_state(obj, review)
    return review


@transaction.atomic
def send_for_review(
    obj: Any, *, error: type[Exception], by: Any, reviewers: Iterable[Any], message: str = ""
) -> Review:
    """request_review for an object with a `status` that may be sent only while in one of its adapter's `sendable`
    (an output or a case study: in draft or already in review): locked first, so a status changed meanwhile is
    seen. A refusal is raised as the app's `error`, with the message to show."""
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    adapter = adapter_for(current)
    if adapter.sendable and current.status not in adapter.sendable:
        raise error(f"A {current.get_status_display().lower()} {adapter.noun} cannot be sent for review")
    try:
        return request_review(obj=current, by=by, reviewers=reviewers, message=message)
    except ReviewError as refused:
        raise error(str(refused)) from refused


def _current(review: Review, obj: Any) -> Review:
    current = Review.objects.select_for_update().get(pk=review.pk)
    if current.state not in DECIDABLE:
        raise ReviewError(f"This review is {current.get_state_display().lower()}: nothing more can be decided in it")
    if current.object_version != adapter_for(obj).version(obj):
        raise ReviewError("The text has changed since it was sent for review: send it for review again")
    return current


@transaction.atomic
def decide(*, review: Review, obj: Any, by: Any, decision: str) -> Review:
    """Record a named reviewer's decision (approved or changes requested) and settle the review's state."""
    adapter = adapter_for(obj)
    if decision not in Decision.values:
        raise ReviewError("Choose whether to approve or to ask for changes")
    if by.pk in authors_of(obj, review):
        raise ReviewError(
            f"You are an author of this {adapter.noun} (you wrote it or sent it for review), so you cannot "
            "approve it or decide on it: a reviewer it was sent to must"
        )
    current = _current(review, obj)
    named = current.reviewers.filter(user=by).first()
    if named is None:
        raise ReviewError(f"Only the reviewers this {adapter.noun} was sent to can approve it or ask for changes")
    named.decision, named.decided_at = decision, timezone.now()
    named.save()
    decisions = set(current.reviewers.values_list("decision", flat=True))
    if Decision.CHANGES_REQUESTED in decisions:
        current.state = ReviewState.CHANGES_REQUESTED
    elif Decision.APPROVED in decisions:
        current.state = ReviewState.APPROVED
    current.save()
    adapter.on_state(obj, current)
    return current


@transaction.atomic
def withdraw(*, obj: Any, by: Any) -> None:
    """End any open or approved round, as when the object goes back to draft."""
    for review in _of(obj).filter(state__in=(*OPEN, ReviewState.APPROVED)):
        review.state = ReviewState.WITHDRAWN
        review.save()


@transaction.atomic
def comment(*, review: Review, obj: Any, by: Any, text: str, section: str = WHOLE) -> ReviewComment:
    adapter = adapter_for(obj)
    if not (adapter.can_request(by, obj) or is_reviewer(review, by)):
        raise ReviewError(f"Only the team working on this {adapter.noun} and its reviewers can comment")
    if section != WHOLE and section not in dict(adapter.sections(obj)):
        raise ReviewError("Choose a section from the list")
    if not text.strip():
        raise ReviewError("Enter your comment")
    return ReviewComment.objects.create(
        review=review, author=by, section=section, text=text.strip(), object_version=adapter.version(obj)
    )


def comments_by_section(review: Review, sections: list[tuple[str, str]]) -> list[tuple[str, str, list[Any]]]:
    """[(key, label, comments)] in the object's order, the whole object first; a section since removed keeps its
    comments, under its old key."""
    comments = list(review.comments.all())
    keys = [(WHOLE, "The whole of it"), *sections]
    known = {key for key, _ in keys}
    keys += [(key, f"A section since removed ({key})") for key in sorted({c.section for c in comments} - known)]
    return [(key, label, [c for c in comments if c.section == key]) for key, label in keys]
