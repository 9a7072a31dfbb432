"""The demo quarter "Research Engagement, Implementation and Impact", dated from the day it is loaded so that
what is upcoming stays upcoming: its first webinar on practical tools, techniques and support (three project
examples and an expert panel), two later ones (one full, with a waiting list), and a past one, held, with
attendance and its recording.

Made directly rather than through the services, so that loading the demo sends no email."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from mobilise.evaluation.models import ClaimType, ImpactClaim

from .models import AccessNeed, Event, EventStatus, Format, Registration, RegistrationStatus, Theme

LONDON = ZoneInfo("Europe/London")
NAMES = [
    "Amara Okafor",
    "Ben Hughes",
    "Chloe Patel",
    "Dafydd Morgan",
    "Esther Mensah",
    "Farid Haddad",
    "Grace O'Neill",
    "Hiroshi Tanaka",
    "Isla Campbell",
    "Jamal Ahmed",
    "Katie Brown",
    "Liam Walsh",
]
ORGANISATIONS = [
    ("Mereshire University", "academia"),
    ("Mereshire and Vale NHS Foundation Trust", "nhs_provider"),
    ("Vale Integrated Care Board", "commissioner"),
    ("Mereshire County Council", "local_authority"),
    ("Mereshire Faith Forum", "vcse"),
]


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=LONDON)


def _event(
    theme: Theme, title: str, slug: str, description: str, *, status: str = EventStatus.PUBLISHED, **fields: Any
) -> Event:
    """An event of the theme, published unless said otherwise; the model's defaults make it an hour online."""
    return Event.objects.create(theme=theme, title=title, slug=slug, description=description, status=status, **fields)


def _people(event: Event, count: int, *, status: str, start: int = 0, **extra: Any) -> None:
    for i in range(count):
        n = start + i
        organisation, sector = ORGANISATIONS[n % len(ORGANISATIONS)]
        Registration.objects.create(
            event=event,
            name=f"{NAMES[n % len(NAMES)]} {n + 1}" if n >= len(NAMES) else NAMES[n],
            email=f"registrant{event.pk}-{n}@example.org",
            organisation=organisation,
            sector=sector,
            role="Researcher" if sector == "academia" else "Service manager",
            access_needs=[AccessNeed.CAPTIONS] if n % 5 == 0 else [],
            consent_recorded=n % 3 != 0,
            consent_attendee_list=n % 2 == 0,
            consent_theme_updates=n % 4 != 0,
            status=status,
            waiting_position=(i + 1) if status == RegistrationStatus.WAITING else None,
            created=timezone.now() - timedelta(days=10 - n % 7),
            **extra,
        )


def build(context: dict[str, Any]) -> None:
    today = timezone.localdate()
    theme = Theme.objects.create(
        title="Research Engagement, Implementation and Impact",
        slug="research-engagement-implementation-and-impact",
        description=(
            "Over the next year we are holding quarterly webinars on key challenges our partners face, sharing "
            "tools, techniques and insights from real-world projects. This quarter we focus on how research is "
            "engaged with, put into practice, and makes a difference."
        ),
        year=today.year,
        quarter=(today.month - 1) // 3 + 1,
    )
    people = list(context.get("people", {}).values())
    projects = list(context.get("projects", {}).values())
    first = _event(
        theme,
        "Practical tools, techniques and support for research impact",
        "practical-tools-techniques-and-support",
        "The first webinar of the quarter. Three project teams show the tools and techniques that helped "
        "their research reach practice, and an expert panel answers your questions.\n\n"
        "Bring a project of your own in mind: there is time to talk it through.",
        start=_at(12, 13),
        capacity=100,
        duration_minutes=90,
        joining_link="https://meet.example.org/j/practical-tools",
    )
    first.speakers.set(people[:1])
    first.panel.set(people[1:4])
    first.projects.set(projects[:3])
    _people(first, 9, status=RegistrationStatus.CONFIRMED)
    full = _event(
        theme,
        "Working with commissioners: from findings to decisions",
        "working-with-commissioners",
        "How to bring research to commissioners at the moment they decide, with a commissioner's view.",
        start=_at(40, 10),
        capacity=8,
        seats_taken=8,
        format=Format.HYBRID,
        joining_link="https://meet.example.org/j/commissioners",
        venue="Mereshire Innovation Centre\n1 Riverside Way\nMereshire ME1 2AB",
        access_information="Step-free access throughout, a hearing loop in the main room, and a quiet room.",
    )
    full.panel.set(people[4:6])
    _people(full, 8, status=RegistrationStatus.CONFIRMED)
    _people(full, 3, status=RegistrationStatus.WAITING, start=8)
    _event(
        theme,
        "Measuring the difference: evaluating impact",
        "measuring-the-difference",
        "Indicators, impact evidence and learning: how teams show what changed because of their work.",
        start=_at(70, 13),
        capacity=150,
        registration_opens=_at(20, 9),
    )
    past = _event(
        theme,
        "Engaging communities in research",
        "engaging-communities-in-research",
        "What community partners taught three research teams about being heard and acting on it.",
        start=_at(-30, 13),
        capacity=80,
        status=EventStatus.HELD,
        recording_url="https://video.example.org/engaging-communities",
        slides_url="https://files.example.org/engaging-communities.pdf",
    )
    past.projects.set(projects[:1])
    # The project it featured counts the webinar among what led to its commissioning claim.
    past.claims.set(ImpactClaim.objects.filter(project__in=projects[:1], kind=ClaimType.COMMISSIONING))
    _people(past, 8, status=RegistrationStatus.CONFIRMED, attended=True)
    _people(past, 4, status=RegistrationStatus.CONFIRMED, start=8, attended=False)
    Event.objects.filter(pk=first.pk).update(seats_taken=9)
    Event.objects.filter(pk=past.pk).update(seats_taken=12)
