"""The webinar programme's share of the benchmark: themes a quarter apart, `events` events over them (half past
and held, half to come), and `registrations` registrations spread unevenly. Event 1 is the busiest, published and
to come, with a long waiting list (its public page and its registrant list are measured)."""

import datetime as dt

from django.utils import timezone

from mobilise.directory.models import Sector
from mobilise.events.models import Event, EventStatus, Registration, RegistrationStatus, Theme

FLAGSHIP_REGISTRATIONS = 2000
FLAGSHIP_CAPACITY = 500


def build(builder) -> None:
    s, rng = builder.scale, builder.rng
    now = timezone.now().replace(microsecond=0)
    themes = max(1, s.events // 10)
    builder.insert(
        Theme,
        (
            Theme(
                pk=n,
                title=f"{builder.words(4).title()} ({n})",
                slug=f"theme-{n}",
                year=2020 + n // 4,
                quarter=n % 4 + 1,
            )
            for n in range(1, themes + 1)
        ),
    )
    sizes = builder.split(s.registrations, s.events, min(FLAGSHIP_REGISTRATIONS, s.registrations // 4))
    events = []
    for n in range(1, s.events + 1):
        past = n % 2 == 0
        start = now + dt.timedelta(days=(-1 if past else 1) * rng.randint(1, 700), hours=rng.randint(0, 8))
        capacity = FLAGSHIP_CAPACITY if n == 1 else rng.choice([50, 100, 200, 300])
        events.append(
            Event(
                pk=n,
                theme_id=rng.randint(1, themes),
                title=f"{builder.words(5).capitalize()} ({n})",
                slug=f"event-{n}",
                description=builder.paragraph(3),
                start=start,
                capacity=capacity,
                status=EventStatus.HELD if past else EventStatus.PUBLISHED,
                joining_link="https://meet.example.org/j/1",
                seats_taken=min(capacity, sizes[n - 1]),
            )
        )
    builder.insert(Event, events)
    sectors = list(Sector.values)
    builder.insert(
        Registration,
        (
            _registration(builder, event, i, sectors)
            for event, size in zip(events, sizes, strict=True)
            for i in range(1, size + 1)
        ),
    )


def _registration(builder, event: Event, i: int, sectors: list[str]) -> Registration:
    rng = builder.rng
    seated = i <= event.capacity
    past = event.status == EventStatus.HELD
    return Registration(
        event_id=event.pk,
        name=builder.words(2).title(),
        email=f"r{event.pk}-{i}@example.org",
        organisation=f"{builder.words(1).title()} Trust",
        sector=rng.choice(sectors),
        role="Researcher",
        status=RegistrationStatus.CONFIRMED if seated else RegistrationStatus.WAITING,
        waiting_position=None if seated else i - event.capacity,
        consent_attendee_list=rng.random() < 0.5,
        created=event.start - dt.timedelta(days=rng.randint(1, 60)),
        attended=(rng.random() < 0.6) if past and seated else None,
    )
