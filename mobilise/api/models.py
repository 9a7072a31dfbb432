"""Personal access tokens, the responses remembered for an Idempotency-Key, and webhooks with their deliveries."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Scope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "read-write", "Read and write"


class ApiToken(models.Model):
    """A personal access token: only a hash of it is stored, so it is shown once, when it is made. The prefix
    (the first characters, not secret on their own) names it in lists."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What it is for, for example: indicator pipeline")
    prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.READ)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    last_used = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.WRITE


class IdempotentRequest(models.Model):
    """The first successful answer to a POST that carried an Idempotency-Key, replayed for a retry of the same
    request; the fingerprint (method, path and body) tells a retry from a different request reusing the key."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotent_request_once")]
        indexes = [models.Index(fields=["created"])]

    def __str__(self):
        return f"{self.key} ({self.status})"


class Webhook(models.Model):
    """An address the owner's program listens at, and the happenings (core/happenings.py) it wants. The secret
    signs each delivery, so it is kept as it is (it cannot be hashed); it is shown to the owner once."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks")
    name = models.CharField(max_length=100, help_text="What it is for, for example: CRM sync")
    url = models.URLField(max_length=500)
    events = models.JSONField(default=list)
    secret = models.CharField(max_length=80)
    # The secret replaced last, which still signs deliveries (beside the new one) until `previous_until`, so the
    # receiver can be given the new one without missing a message.
    previous_secret = models.CharField(max_length=80, blank=True)
    previous_until = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    failures = models.PositiveSmallIntegerField(default=0, help_text="Deliveries failed in a row")
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.url})"

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Trying"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent: webhook turned off"


class Delivery(models.Model):
    """One happening for one webhook. Its uuid is the Mobilise-Delivery header, the same on every attempt, so a
    receiver can ignore a repeat."""

    TEST = "webhook.test"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    uuid = models.UUIDField(unique=True)
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    created = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["created"])]  # the daily pruning of the log

    def __str__(self):
        return f"{self.event} {self.uuid}"


class DeliveryAttempt(models.Model):
    """One try at a delivery, for the webhook's log: what the receiver answered (its first characters only) or why
    nothing was sent."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    ok = models.BooleanField(default=False)
    error = models.CharField(max_length=200, blank=True)
    response = models.TextField(blank=True)
    milliseconds = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.delivery} #{self.number}: {self.status_code or self.error}"
