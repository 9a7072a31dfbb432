"""After an event: its feedback form (one of evaluation's surveys, owned by the event) and the follow-up emails,
one to the people who came and another to those who had a place and did not (attendance unknown counts as not
coming, so that nobody is thanked for a webinar they missed)."""

from django.db.models import QuerySet
from django.urls import reverse

from mobilise.core import links
from mobilise.evaluation import access as evaluation_access
from mobilise.evaluation import services as evaluation
from mobilise.evaluation.models import FeedbackForm, QuestionKind

from .models import Event, Registration, RegistrationStatus

KIND = "follow-up"
QUESTIONS = [
    (QuestionKind.RATING, "How useful was the webinar to you? (1 is not at all, 5 is very)", "", True),
    (QuestionKind.SINGLE, "Will you use something from it in your work?", "Yes\nMaybe\nNo", True),
    (QuestionKind.SINGLE, "Was it the right length?", "Too short\nAbout right\nToo long", False),
    (QuestionKind.TEXT, "What could we do better, or cover next time?", "", False),
]


def feedback_form(event: Event) -> FeedbackForm:
    """The event's feedback form, made the first time it is asked for."""
    existing = evaluation_access.owned_forms(event)
    if existing:
        return existing[0]
    return evaluation.start_survey(
        owner=event,
        title=f"Feedback: {event.title}",
        intro="Four short questions about the webinar. You do not need to sign in, and your answers are anonymous.",
        questions=QUESTIONS,
    )


def existing_form(event: Event) -> FeedbackForm | None:
    """The event's feedback form if it has one (reads only)."""
    forms = evaluation_access.owned_forms(event)
    return forms[0] if forms else None


def feedback_url(event: Event) -> str:
    return links.absolute_url(reverse("feedback", args=[feedback_form(event).token]))


def registrants(event: Event) -> QuerySet[Registration]:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED, erased_at__isnull=True)


def audience_counts(event: Event) -> tuple[int, int]:
    """(attendees, no-shows) the follow-up goes to."""
    came = registrants(event).filter(attended=True).count()
    return came, registrants(event).count() - came
