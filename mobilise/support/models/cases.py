"""Support cases: the support an accepted request or idea receives, and the advice log."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .front_door import Idea, SupportRequest


class Outcome(models.TextChoices):
    PLAN = "plan", "Plan in place"
    SUBMITTED = "submitted", "Grant submitted"
    FUNDED = "funded", "Grant funded"
    IMPLEMENTED = "implemented", "Implemented"
    REDIRECTED = "redirected", "Redirected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Case(models.Model):
    """The support an accepted request, or an accepted idea, receives: its advisers, the advice given, and what
    came of it. It comes from exactly one of the two (`source`)."""

    request = models.OneToOneField(SupportRequest, null=True, on_delete=models.PROTECT, related_name="case")
    idea = models.OneToOneField("Idea", null=True, blank=True, on_delete=models.PROTECT, related_name="case")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    advisers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="support_cases")
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="support_cases"
    )
    opened = models.DateTimeField(default=timezone.now)
    closed = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    closing_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-opened", "-pk"]
        indexes = [models.Index(fields=["closed", "opened"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(request__isnull=False, idea__isnull=True)
                | models.Q(request__isnull=True, idea__isnull=False),
                name="case_from_a_request_or_an_idea",
            )
        ]

    def __str__(self):
        return f"Case for {self.source.reference}"

    @property
    def source(self) -> "SupportRequest | Idea":
        """The request or idea the case came from; both name a reference, a title, the person and their organisation."""
        return self.request if self.request_id else self.idea  # type: ignore[return-value]

    @property
    def is_open(self) -> bool:
        return self.closed is None


class AdviceKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    CALL = "call", "Call"
    EMAIL = "email", "Email"
    REVIEW = "review", "Document review"
    WORKSHOP = "workshop", "Workshop"
    GRANT = "grant", "Grant application review"


class AdviceEntry(models.Model):
    """One piece of advice given on a case, with the time it took and the next step it leads to."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="advice")
    date = models.DateField(default=timezone.localdate)
    kind = models.CharField(max_length=16, choices=AdviceKind.choices)
    minutes = models.PositiveIntegerField("time spent (minutes)")
    notes = models.TextField()
    next_step = models.CharField(max_length=300, blank=True)
    next_step_due = models.DateField("next step due", null=True, blank=True)
    next_step_done = models.BooleanField(default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["next_step_done", "next_step_due"]),
            # The reports' periods and what they sum: the hours tables read the index alone.
            models.Index(fields=["date", "case", "by", "minutes"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.date}"
