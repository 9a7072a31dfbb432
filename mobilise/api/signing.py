"""How a webhook delivery is signed, so its receiver knows it came from us, unchanged and recently.

Each delivery is a POST with a JSON body and these headers:

    Content-Type: application/json
    Mobilise-Event: output.published               (the happening; webhook.test for the test button)
    Mobilise-Delivery: 0b6f...-uuid                 (the same on every retry of this delivery: ignore repeats)
    Mobilise-Signature: t=1767225600,v1=5257a869...

`t` is when this attempt was sent (Unix seconds); `v1` is the hex HMAC-SHA256, keyed with the webhook's secret
(the `whsec_...` text shown once), of the timestamp, a full stop and the raw body bytes: `f"{t}." + body`.
A receiver computes the same over the body it received, compares in constant time, and refuses a timestamp more
than five minutes from its own clock (so a recorded delivery cannot be replayed later). More `v1=` entries may
appear while a secret is being replaced: any one matching is enough. `verify` below is a receiver's check.
"""

import hashlib
import hmac
import time

HEADER = "Mobilise-Signature"
TOLERANCE_SECONDS = 300


def digest(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secrets: list[str], body: bytes, timestamp: int | None = None) -> str:
    """The Mobilise-Signature header's value: one `v1=` for each secret (two while one is being replaced)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return ",".join([f"t={timestamp}", *(f"v1={digest(secret, timestamp, body)}" for secret in secrets)])


def verify(secret: str, body: bytes, header: str, now: float | None = None) -> bool:
    """A receiver's check of a delivery: True if the header signs this body with this secret, recently."""
    timestamp, signatures = None, []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and value.isascii() and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not signatures:
        return False
    if abs((time.time() if now is None else now) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = digest(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in signatures)
