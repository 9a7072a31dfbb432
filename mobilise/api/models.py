"""Personal access tokens and the responses remembered for an Idempotency-Key."""

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
