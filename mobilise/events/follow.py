"""Following a theme: subscribing with double opt-in, unsubscribing in one click, and what followers are sent (each
new event in the theme when it is published, and its recording when it appears).

A subscription counts only once confirmed: the address is sent a personal link (core/links.py) whose page has one
button, so a mail scanner that opens the link confirms nothing. The registration form's "email me about this theme"
goes the same way, because anyone can type anyone's address into a form: the registration's own email shows that
the address takes mail, not that its owner asked to follow. Someone already following is sent nothing more.

Every message to followers carries a personal unsubscribe link, also given in List-Unsubscribe with
List-Unsubscribe-Post (RFC 8058), so a mail program can unsubscribe in one click. Unsubscribing erases the address
at once (core/retention.py), keeping the row so the theme's counts stay right. Each announcement goes once per
event, recorded in `Sent` in the transaction that queues it."""

from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links, mail, ratelimit, retention, suppression
from mobilise.core.models import SiteSettings, SuppressionReason
from mobilise.core.tasks import enqueue_on_commit

from .models import Event, EventStatus, Sent, Subscription, SubscriptionSource, Theme

CONFIRM_LINK = "event-follow-confirm"
UNSUBSCRIBE_LINK = "event-follow-unsubscribe"
CONFIRM_DAYS = 7
# Confirmation emails one address is sent in a day, however many forms name it: a form is no way to flood an inbox.
CONFIRMATIONS_PER_DAY = 3
ONE_CLICK = "List-Unsubscribe=One-Click"
PUBLISHED_KIND = "followers:published"
RECORDING_KIND = "followers:recording"


def following(theme: Theme) -> QuerySet[Subscription]:
    return theme.subscriptions.filter(confirmed_at__isnull=False, erased_at__isnull=True)


@transaction.atomic
def subscribe(*, theme: Theme, email: str, source: str = SubscriptionSource.PAGE) -> Subscription | None:
    """Ask the address to confirm that it wants to follow the theme; None when nothing was sent (it follows
    already, or has been sent enough confirmations today)."""
    current = theme.subscriptions.filter(email__iexact=email, erased_at__isnull=True).first()
    if current is not None and current.confirmed_at is not None:
        return None
    key = ratelimit.identity(email)
    if ratelimit.exceeded("follow-email", key, limit=CONFIRMATIONS_PER_DAY, minutes=24 * 60):
        return None
    if current is None:
        try:
            with transaction.atomic():
                current = Subscription.objects.create(theme=theme, email=email, source=source)
        except IntegrityError:  # the same address, posted twice at once
            return None
    ratelimit.record("follow-email", key)
    issued = links.make_link(CONFIRM_LINK, current, expires=timedelta(days=CONFIRM_DAYS))
    url = links.absolute_url(reverse("events:follow-confirm", args=[issued.token]))
    site = SiteSettings.load()
    mail.send_mail(
        subject=f"Please confirm: updates on {theme.title}",
        body=(
            f"Someone, we hope you, asked for emails from {site.name} about new webinars on “{theme.title}” and their "
            f"recordings.\n\nTo confirm, open this link and press the button within {CONFIRM_DAYS} days:\n{url}\n\n"
            "If you did not ask, ignore this email: you will not hear from us about it again.\n"
        ),
        to=[email],
        reply_to=[site.contact_email] if site.contact_email else None,
        requested=True,
    )
    return current


@transaction.atomic
def confirm(*, subscription: Subscription, link: Any) -> links.Problem | None:
    """Confirm through the link's button (the link is then used up); the problem if it cannot be used. A new,
    confirmed subscription is a fresh request: it ends the address's own earlier "no more emails"."""
    problem = links.use(link)
    if problem is not None:
        return problem
    Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    suppression.lift_unsubscribe(subscription.email)
    return None


@transaction.atomic
def unsubscribe(*, subscription: Subscription) -> bool:
    """Stop the updates and erase the address; False if that was done already."""
    updated = Subscription.objects.filter(
        pk=subscription.pk, unsubscribed_at__isnull=True, erased_at__isnull=True
    ).update(unsubscribed_at=timezone.now())
    erased = retention.erase(subscription)
    return bool(updated) or erased


@transaction.atomic
def stop_everything(*, subscription: Subscription) -> None:
    """No more emails of any kind to this address (core/suppression.py), and every theme it follows dropped."""
    email = subscription.email
    suppression.suppress(email, reason=SuppressionReason.UNSUBSCRIBED, note="Asked through an unsubscribe link")
    for other in Subscription.objects.filter(email__iexact=email, erased_at__isnull=True):
        unsubscribe(subscription=other)


@transaction.atomic
def erase(*, subscription: Subscription, by: Any) -> bool:
    """Staff erase a follower's address at their wish; False if it was erased already."""
    return retention.erase(subscription, by=by)


def _once(event: Event, kind: str) -> bool:
    try:
        with transaction.atomic():
            Sent.objects.create(event=event, kind=kind)
    except IntegrityError:
        return False
    return True


def announce_published(event: Event) -> None:
    """In the transaction that publishes the event: its followers are told once it commits, and only once."""
    from . import tasks

    if event.status == EventStatus.PUBLISHED and following(event.theme).exists() and _once(event, PUBLISHED_KIND):
        enqueue_on_commit(tasks.send_to_followers, event_id=event.pk, kind=PUBLISHED_KIND)


def announce_recording(event: Event) -> None:
    """When an event's recording is set and open to everyone: its followers are told once."""
    from . import tasks

    public = (event.recording_url or event.recording_file) and event.materials_public
    if public and following(event.theme).exists() and _once(event, RECORDING_KIND):
        enqueue_on_commit(tasks.send_to_followers, event_id=event.pk, kind=RECORDING_KIND)


def unsubscribe_headers(url: str, theme: Theme, site: SiteSettings) -> dict[str, str]:
    """RFC 2369 and RFC 8058: where a mail program unsubscribes the reader in one click (a POST to url)."""
    targets = [f"<{url}>"]
    if site.contact_email:
        subject = quote(f"Unsubscribe from {theme.title}")
        targets.append(f"<mailto:{site.contact_email}?subject={subject}>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": ONE_CLICK,
        "List-Id": f"<{theme.slug}.follow.{urlsplit(settings.SITE_URL).hostname or 'localhost'}>",
    }


def send_to(subscription: Subscription, event: Event, kind: str, site: SiteSettings) -> None:
    from .mails import when

    issued = links.make_link(UNSUBSCRIBE_LINK, subscription, expires=None, once=False)
    url = links.absolute_url(reverse("events:unsubscribe", args=[issued.token]))
    page = links.absolute_url(reverse("events:event", args=[event.slug]))
    theme = event.theme
    if kind == PUBLISHED_KIND:
        subject = f"New webinar: {event.title}"
        text = f"A new webinar on “{theme.title}” is open for registration.\n\n{event.title}\n{when(event)}\n\n"
        text += f"Read more and register for free:\n{page}"
    else:
        subject = f"Watch again: {event.title}"
        text = f"The recording of {event.title}, a webinar on “{theme.title}”, is now online:\n{page}"
    footer = f"You get these emails because you follow “{theme.title}”. To stop them, open this link:\n{url}"
    mail.send_mail(
        subject=subject,
        body=f"{text}\n\n{site.name}\n\n--\n{footer}\n",
        to=[subscription.email],
        reply_to=[site.contact_email] if site.contact_email else None,
        headers=unsubscribe_headers(url, theme, site),
    )


def send_announcement(event: Event, kind: str) -> int:
    """Run by the task: one message to each follower of the event's theme; how many were queued."""
    site = SiteSettings.load()
    count = 0
    for subscription in following(event.theme).order_by("pk").iterator():
        with transaction.atomic():
            send_to(subscription, event, kind, site)
        count += 1
    return count
