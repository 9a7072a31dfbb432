from datetime import timedelta

import factory
from django.utils import timezone

from mobilise.events.models import Event, EventStatus, Registration, RegistrationStatus, Theme


class EventThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    title = factory.Sequence(lambda n: f"Research engagement theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "Tools, techniques and insights from real projects."
    year = 2026
    quarter = 1


class EventFactory(factory.django.DjangoModelFactory):
    """A published online webinar a fortnight ahead, open for registration."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    theme = factory.SubFactory(EventThemeFactory)
    title = factory.Sequence(lambda n: f"Practical tools for impact {n}")
    slug = factory.Sequence(lambda n: f"practical-tools-{n}")
    description = "How research teams plan for impact, with three project examples."
    start = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=14)).replace(microsecond=0))
    duration_minutes = 60
    joining_link = "https://meet.example.org/j/123"
    capacity = 50
    status = EventStatus.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place; the event's seat count is kept in step."""

    class Meta:
        model = Registration
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Registrant {n}")
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    organisation = "Mereshire University"
    sector = "academia"
    role = "Research fellow"
    status = RegistrationStatus.CONFIRMED

    @factory.post_generation
    def seat(obj, create, extracted, **kwargs):
        if create and obj.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED):
            Event.objects.filter(pk=obj.event_id).update(seats_taken=obj.event.seats_taken + 1)
            obj.event.seats_taken += 1
