"""Webhook deliveries, on the task queue: one attempt per run, a failed one retried later with a growing delay
(core/tasks.py), the webhook turned off after repeated failed deliveries (services_webhooks.give_up)."""

import json

from django_tasks import task

from mobilise.core.tasks import retry_later

from . import safeurl, services_webhooks, signing
from .models import Delivery, DeliveryState

USER_AGENT = "Mobilise-Webhooks/1"


def body_of(delivery: Delivery) -> bytes:
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()


def headers_for(delivery: Delivery, body: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Mobilise-Event": delivery.event,
        "Mobilise-Delivery": str(delivery.uuid),
        signing.HEADER: signing.sign(services_webhooks.signing_secrets(delivery.webhook), body),
    }


def attempt_once(delivery: Delivery) -> safeurl.Answer:
    """Check the address again (its name may point elsewhere now), then send to the address checked."""
    try:
        checked = safeurl.check(delivery.webhook.url)
    except safeurl.UnsafeURL as error:
        return safeurl.Answer(None, "", f"Refused: {error}", 0)
    body = body_of(delivery)
    return safeurl.post(checked, body, headers_for(delivery, body))


@task()
def deliver(*, delivery_id: int, attempt: int = 1) -> None:
    delivery = Delivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != DeliveryState.PENDING:
        return
    is_test = delivery.event == Delivery.TEST
    if not delivery.webhook.is_active and not is_test:
        services_webhooks.skip(delivery=delivery)
        return
    answer = attempt_once(delivery)
    services_webhooks.record_attempt(delivery=delivery, number=attempt, answer=answer)
    if answer.ok or is_test:
        return
    if not retry_later(deliver, attempt=attempt, delivery_id=delivery_id):
        services_webhooks.give_up(delivery=delivery)
