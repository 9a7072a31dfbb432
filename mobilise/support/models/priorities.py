"""The health and care system's priorities that advisers keep, and the introductions they broker to serve them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from mobilise.core.history import HistoricalRecords
from mobilise.core.models import Edited
from mobilise.directory.models import Organisation, Person
from mobilise.projects.models import Theme

from .front_door import Idea, SupportRequest


class PriorityStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_HAND = "in_hand", "Being worked on"
    MET = "met", "Met"
    DROPPED = "dropped", "No longer a priority"


class Priority(Edited):
    """A priority or challenge of the health and care system, kept by advisers: what it is, whose it is (an ICB, a
    trust, a local authority from the directory), its themes, when it was raised and where it came from (a support
    request from a provider or commissioner, or an idea)."""

    title = models.CharField("what the priority or challenge is", max_length=200)
    description = models.TextField("more about it", blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="priorities")
    raised = models.DateField("date raised", default=timezone.localdate)
    status = models.CharField(max_length=16, choices=PriorityStatus.choices, default=PriorityStatus.OPEN)
    request = models.ForeignKey(
        SupportRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities"
    )
    idea = models.ForeignKey(Idea, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities")
    webinar_themes = models.ManyToManyField(
        "events.Theme", blank=True, related_name="priorities", verbose_name="webinar themes that address it"
    )
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["-raised", "-pk"]
        verbose_name_plural = "priorities"
        indexes = [models.Index(fields=["status", "raised"])]

    def __str__(self):
        return self.title


class Introduction(models.Model):
    """An adviser connecting a research team with a system partner, recorded once: it is an interaction in the
    project's engagement log (with the partner put on its map), a line on the partner's directory record and on the
    priority it serves, and what came of it is added to all three when it is known."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="introductions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="introductions")
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="introductions"
    )
    date = models.DateField()
    why = models.TextField("why you introduced them")
    outcome = models.TextField("what came of it", blank=True)
    # The project's record of it; the introduction stays on the priority and the directory if the team deletes it.
    interaction = models.OneToOneField(
        "engagement.Interaction", null=True, on_delete=models.SET_NULL, related_name="introduction"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.project} introduced to {self.person}"
