from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "mobilise.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from mobilise.core import retention
        from mobilise.directory.record import RECORD
        from mobilise.evaluation.activities import ACTIVITIES
        from mobilise.stakeholders.timeline import TIMELINE

        from . import history, impact
        from . import retention as events_retention
        from .models import Registration, Subscription

        retention.register(
            Registration,
            retention.Retained(
                noun="registration", expired=events_retention.expired, anonymise=events_retention.anonymise
            ),
        )
        retention.register(
            Subscription,
            retention.Retained(
                noun="subscription",
                expired=events_retention.followers_expired,
                anonymise=events_retention.anonymise_follower,
            ),
        )
        RECORD.register(history.record)
        TIMELINE.register(history.timeline_entries)
        ACTIVITIES.register(impact.WEBINARS)
