import uuid

from django.db import models

from mobilise.core import uploads
from mobilise.core.history import HistoricalRecords
from mobilise.core.models import Created
from mobilise.projects.models import Project


class Column(models.TextChoices):
    INPUTS = "inputs", "Inputs"
    ACTIVITIES = "activities", "Activities"
    OUTPUTS = "outputs", "Outputs"
    SHORT = "short", "Short-term outcomes"
    MEDIUM = "medium", "Medium-term outcomes"
    LONG = "long", "Long-term outcomes"
    IMPACT = "impact", "Impact"
    ASSUMPTIONS = "assumptions", "Assumptions"
    EXTERNAL = "external", "External factors"


# Causal columns in order, left to right; links run from an earlier one to a later one.
CAUSAL = [Column.INPUTS, Column.ACTIVITIES, Column.OUTPUTS, Column.SHORT, Column.MEDIUM, Column.LONG, Column.IMPACT]
NOTES = [Column.ASSUMPTIONS, Column.EXTERNAL]
OUTCOMES = [Column.SHORT, Column.MEDIUM, Column.LONG, Column.IMPACT]
RANK = {column: index for index, column in enumerate(CAUSAL)}


class LogicModel(models.Model):
    """A project's theory of change: the problem it addresses and the elements and links that follow."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="logic_model")
    problem = models.TextField("problem", blank=True, help_text="The problem the project addresses")
    context = models.TextField("context", blank=True, help_text="The setting and circumstances it works in")
    population = models.TextField("population", blank=True, help_text="Who it is for")
    # A template's guidance for problem, context and population: shown while a field is empty, never content.
    hints = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated"])

    def __str__(self):
        return f"Logic model of {self.project}"


class Element(models.Model):
    model = models.ForeignKey(LogicModel, on_delete=models.CASCADE, related_name="elements")
    # A stable identity kept through snapshots, restores, exports and imports.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    column = models.CharField(max_length=16, choices=Column.choices)
    text = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    # Assumptions and external factors may be attached to an element or a link.
    about_element = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="notes")
    about_link = models.ForeignKey("Link", null=True, blank=True, on_delete=models.SET_NULL, related_name="notes")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="element_unique_key")]
        indexes = [models.Index(fields=["model", "column", "position"])]

    def __str__(self):
        return self.text

    @property
    def is_note(self):
        return self.column in NOTES


class Link(models.Model):
    model = models.ForeignKey(LogicModel, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="incoming")
    rationale = models.TextField(blank=True, help_text="Why the first leads to the second")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="link_unique_pair")]

    def __str__(self):
        return f"{self.source} → {self.target}"


class Snapshot(Created):
    """A named, frozen copy of the model, in the same form as the JSON export."""

    model = models.ForeignKey(LogicModel, on_delete=models.CASCADE, related_name="snapshots")
    name = models.CharField(max_length=200)
    data = models.JSONField()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["model", "-created"])]

    def __str__(self):
        return self.name


class LostLink(models.Model):
    """Something in another app (an indicator, an impact claim) that pointed at an element the model no longer
    has. It is remembered by the element's key, so it points at the element again when a restore or an import
    brings the element back. provider and ref are what the planning.references provider gave for it."""

    model = models.ForeignKey(LogicModel, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    provider = models.CharField(max_length=100)
    ref = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["model", "key"])]

    def __str__(self):
        return f"{self.provider} {self.ref} → {self.key}"


def export_path(instance, filename):
    return uploads.stored_name("planning/exports", filename)


class DiagramExport(Created):
    """A PDF or PNG of a large logic model, drawn by the task queue (planning/tasks.py) and kept to download.

    ``digest`` names the model's contents when it was asked for, so asking again for an unchanged model reuses it."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being drawn"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="diagram_exports")
    fmt = models.CharField(max_length=8)
    digest = models.CharField(max_length=64)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    file = models.FileField(upload_to=export_path, max_length=200, blank=True)
    error = models.TextField(blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["project", "fmt", "digest"])]

    def __str__(self):
        return f"{self.fmt.upper()} of the logic model of {self.project}"

    @property
    def active(self):
        return self.state in (self.State.QUEUED, self.State.RUNNING)
