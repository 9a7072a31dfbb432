"""The suppression list: addresses no app sends anything to, checked in one place (core.mail's task, as each
message goes, so a suppression added after a message was queued still stops it).

    suppression.suppress("raj@example.org", reason=SuppressionReason.BOUNCED, note="550 no such user")
    mail.send_mail(..., requested=True)     # the reply to what the person asked for in this request

One exception, and only for an address suppressed because its owner asked for no more emails: a message they
asked for this minute (`requested=True`: the confirmation of the registration or request they have just sent, the
link to confirm a subscription they have just asked for) still goes, because "no more emails" means no more
emails they did not ask for, and without it the journey they have just begun would stop halfway (the way mail
services keep unsubscribes to their "broadcast" stream). A bounced address cannot take mail, a complaint says
the owner's mailbox counts us as spam, and a block by staff is a decision for staff: those stop everything;
staff lift them in the admin site when the person asks. The form that sent the request says nothing different
either way, so it cannot be used to learn whether an address is on the list.
"""

from collections.abc import Iterable
from email.utils import parseaddr
from typing import Any

from django.db import IntegrityError, transaction

from .models import Suppression, SuppressionReason

# What a message the person asked for this minute still gets through.
REQUESTED_PASSES = {SuppressionReason.UNSUBSCRIBED}


def normal(address: str) -> str:
    """The bare address, in one case: "Sam Okoro <Sam@Example.org>" is sam@example.org."""
    return (parseaddr(address)[1] or address).strip().lower()


def blocked(addresses: Iterable[str], *, requested: bool = False) -> set[str]:
    """Which of these addresses (as given) may not be sent this message; one query."""
    given = {normal(a): a for a in addresses}
    if not given:
        return set()
    rows = Suppression.objects.filter(email__in=list(given)).values_list("email", "reason")
    return {given[email] for email, reason in rows if not (requested and reason in REQUESTED_PASSES)}


def is_suppressed(address: str, *, requested: bool = False) -> bool:
    return bool(blocked([address], requested=requested))


@transaction.atomic
def suppress(address: str, *, reason: str, note: str = "", by: Any = None) -> Suppression:
    """Add the address (or keep it, with the stronger reason: a bounce outranks an unsubscribe)."""
    address = normal(address)
    existing = Suppression.objects.select_for_update().filter(email=address).first()
    if existing is None:
        try:
            with transaction.atomic():
                return Suppression.objects.create(email=address, reason=reason, note=note, created_by=by)
        except IntegrityError:  # added by someone else meanwhile
            existing = Suppression.objects.select_for_update().get(email=address)
    if existing.reason == SuppressionReason.UNSUBSCRIBED and reason != SuppressionReason.UNSUBSCRIBED:
        existing.reason, existing.note = reason, note or existing.note
        existing.save(update_fields=["reason", "note"])
    return existing


@transaction.atomic
def lift_unsubscribe(address: str) -> bool:
    """The person has asked afresh (confirmed a new subscription): their own "no more emails" ends. Bounces,
    complaints and staff blocks stay for staff to lift."""
    deleted, _ = Suppression.objects.filter(email=normal(address), reason=SuppressionReason.UNSUBSCRIBED).delete()
    return bool(deleted)
