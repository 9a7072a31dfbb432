"""Writes of webhooks: registering one (its secret shown once), changing it, replacing its secret, turning it back
on, removing it, the test event, pruning the log,
turning a happening (core/happenings.py) into deliveries, and recording each attempt; a webhook whose deliveries
keep failing is turned off and its owner emailed."""

import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links, mail
from mobilise.core.happenings import CATALOGUE
from mobilise.core.models import User
from mobilise.core.tasks import enqueue_on_commit
from mobilise.projects.rules import VIEW, can

from . import safeurl
from .models import Delivery, DeliveryAttempt, DeliveryState, Webhook

SECRET_START = "whsec_"
TESTS_PER_MINUTE = 5
DISABLE_AFTER = 5  # deliveries failed in a row (each after all its attempts) before the webhook is turned off
REPLACED_HOURS = 24  # how long a replaced secret still signs deliveries
LOG_DAYS = 90  # how long deliveries (and their attempts) are kept in the log


class WebhookError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field  # the form field (and API body member) the problem is in


def events_for(user: User) -> list[str]:
    """The happenings this user may hear of: those of the support service only for advisers, who run it."""
    return [name for name, happening in CATALOGUE.items() if user.is_adviser or not happening.advisers_only]


def described(events: list[str]) -> list[str]:
    """The events' descriptions, for a page; a name no longer in the catalogue as it is."""
    return [CATALOGUE[name].description if name in CATALOGUE else name for name in events]


def _check(owner: User, url: str, events: list[str]) -> None:
    """Raises WebhookError for an address that may not be used or an event the owner may not hear of."""
    try:
        safeurl.check(url)
    except safeurl.UnsafeURL as error:
        raise WebhookError(str(error), "url") from None
    allowed = events_for(owner)
    if not events or any(event not in allowed for event in events):
        raise WebhookError("Choose at least one event, from the ones listed", "events")


def _new_secret() -> str:
    return SECRET_START + secrets.token_urlsafe(32)


@transaction.atomic
def create_webhook(*, owner: User, name: str, url: str, events: list[str]) -> tuple[Webhook, str]:
    """A new webhook and its secret (returned to show once)."""
    _check(owner, url, events)
    secret = _new_secret()
    webhook = Webhook.objects.create(owner=owner, name=name, url=url.strip(), events=sorted(set(events)), secret=secret)
    return webhook, secret


@transaction.atomic
def update_webhook(*, webhook: Webhook, name: str, url: str, events: list[str]) -> Webhook:
    """A new name, address or events; the secret stays."""
    _check(webhook.owner, url, events)
    webhook.name, webhook.url, webhook.events = name, url.strip(), sorted(set(events))
    webhook.save(update_fields=["name", "url", "events"])
    return webhook


@transaction.atomic
def replace_secret(*, webhook: Webhook) -> str:
    """A new secret (returned to show once). The one it replaces still signs deliveries, beside the new one, for
    REPLACED_HOURS, so the receiver can be given the new one meanwhile. Replaced again within those hours (the page
    sent twice, a client's retry), the secret the receiver had keeps its place and time, and the one in between,
    never in use, stops at once."""
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    if webhook.previous_until is None or webhook.previous_until <= timezone.now():
        webhook.previous_secret = webhook.secret
        webhook.previous_until = timezone.now() + timedelta(hours=REPLACED_HOURS)
    webhook.secret = _new_secret()
    webhook.save(update_fields=["secret", "previous_secret", "previous_until"])
    return webhook.secret


def signing_secrets(webhook: Webhook) -> list[str]:
    """The secrets that sign a delivery now: the webhook's, and the one it replaced until that one's time is up."""
    replaced = webhook.previous_until is not None and webhook.previous_until > timezone.now()
    return [webhook.secret, *([webhook.previous_secret] if replaced and webhook.previous_secret else [])]


@transaction.atomic
def delete_webhook(*, webhook: Webhook) -> None:
    webhook.delete()


@transaction.atomic
def enable_webhook(*, webhook: Webhook) -> Webhook:
    webhook.disabled_at, webhook.disabled_reason, webhook.failures = None, "", 0
    webhook.save(update_fields=["disabled_at", "disabled_reason", "failures"])
    return webhook


@transaction.atomic
def prune_log() -> int:
    """Delete the deliveries (and their attempts) older than LOG_DAYS, of every webhook; how many went. Run daily
    (manage.py prune_webhook_log), off the path of any request."""
    old = Delivery.objects.filter(created__lt=timezone.now() - timedelta(days=LOG_DAYS))
    DeliveryAttempt.objects.filter(delivery__in=old).delete()
    removed, _ = old.delete()
    return removed


def payload(name: str, obj: models.Model, project: Any, *, event_id: str, at: datetime) -> dict[str, Any]:
    """A thin event: what happened and to which object; the receiver reads the rest through the API with its
    token, so a delivery carries no personal data."""
    data: dict[str, Any] = {"object": obj._meta.model_name, "id": obj.pk, "project": getattr(project, "pk", None)}
    for field in ("reference", "status"):
        if getattr(obj, field, ""):
            data[field] = str(getattr(obj, field))
    return {"id": event_id, "type": name, "created": at.isoformat(), "data": data}


def _queue(webhook: Webhook, event: str, body: dict[str, Any]) -> Delivery:
    from .tasks import deliver  # the task module imports this one

    delivery = Delivery.objects.create(webhook=webhook, uuid=uuid.uuid4(), event=event, payload=body)
    enqueue_on_commit(deliver, delivery_id=delivery.pk)
    return delivery


def subscribers(name: str, project: Any) -> list[Webhook]:
    """The turned-on webhooks that asked for this happening, of owners who may see what it is about."""
    webhooks = Webhook.objects.filter(disabled_at=None, owner__is_active=True).select_related("owner")
    if CATALOGUE[name].advisers_only or project is None:
        webhooks = webhooks.filter(owner__is_adviser=True)
    listening = [w for w in webhooks if name in w.events]
    return [w for w in listening if project is None or can(w.owner, VIEW, project)]


def on_happened(name: str, obj: models.Model, *, project: Any = None) -> None:
    """The core.happened provider: one delivery per listening webhook, sent once the change commits."""
    now = timezone.now()
    event_id = str(uuid.uuid4())
    for webhook in subscribers(name, project):
        _queue(webhook, name, payload(name, obj, project, event_id=event_id, at=now))


@transaction.atomic
def send_test(*, webhook: Webhook) -> Delivery:
    """A test event, sent once (no retries, and a failure does not count towards turning the webhook off). A few
    a minute at most: the button must not turn us into a way to flood someone else's server."""
    now = timezone.now()
    recent = Delivery.objects.filter(webhook=webhook, event=Delivery.TEST, created__gte=now - timedelta(minutes=1))
    if recent.count() >= TESTS_PER_MINUTE:
        raise WebhookError("You have sent several test events in the last minute. Wait a minute and try again.")
    body = {
        "id": str(uuid.uuid4()),
        "type": Delivery.TEST,
        "created": now.isoformat(),
        "data": {"webhook": webhook.pk, "message": "A test event from the webhook's page"},
    }
    return _queue(webhook, Delivery.TEST, body)


@transaction.atomic
def record_attempt(*, delivery: Delivery, number: int, answer: safeurl.Answer) -> DeliveryAttempt:
    attempt = DeliveryAttempt.objects.create(
        delivery=delivery,
        number=number,
        status_code=answer.status,
        ok=answer.ok,
        error=answer.error[:200],
        response=answer.body,
        milliseconds=answer.milliseconds,
    )
    delivery.attempts = number
    if answer.ok:
        delivery.state = DeliveryState.DELIVERED
        if delivery.event != Delivery.TEST:
            Webhook.objects.filter(pk=delivery.webhook_id).update(failures=0)
    elif delivery.event == Delivery.TEST:
        delivery.state = DeliveryState.FAILED
    delivery.save(update_fields=["attempts", "state"])
    return attempt


@transaction.atomic
def skip(*, delivery: Delivery) -> None:
    delivery.state = DeliveryState.SKIPPED
    delivery.save(update_fields=["state"])


@transaction.atomic
def give_up(*, delivery: Delivery) -> bool:
    """The delivery failed for good; True when that turned its webhook off (and its owner is emailed)."""
    delivery.state = DeliveryState.FAILED
    delivery.save(update_fields=["state"])
    webhook = Webhook.objects.select_for_update().select_related("owner").get(pk=delivery.webhook_id)
    webhook.failures += 1
    turned_off = webhook.disabled_at is None and webhook.failures >= DISABLE_AFTER
    if turned_off:
        webhook.disabled_at = timezone.now()
        webhook.disabled_reason = f"{webhook.failures} deliveries in a row failed"
        _tell_owner(webhook)
    webhook.save(update_fields=["failures", "disabled_at", "disabled_reason"])
    return turned_off


def _tell_owner(webhook: Webhook) -> None:
    page = links.absolute_url(reverse("api:webhook", args=[webhook.pk]))
    mail.send_mail(
        subject=f"Your webhook “{webhook.name}” is turned off",
        body=(
            f"Dear {webhook.owner.full_name or webhook.owner.email},\n\n"
            f"We turned off your webhook “{webhook.name}” ({webhook.url}) because its last {webhook.failures} "
            "deliveries failed, each after several tries. Nothing more is sent to it until you turn it on again.\n\n"
            f"Its page shows what the address answered, and has a button to turn it back on:\n\n{page}\n"
        ),
        to=[webhook.owner.email],
    )
