"""Knowledge mobilisation and implementation plans: a plan in a template's shape, its sections written by the team
from the project's live data (with the fingerprint of the data each text was written from), its costed resources,
and the templates advisers define."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from mobilise.core.history import HistoricalRecords
from mobilise.core.models import Created, Edited
from mobilise.projects.models import Project

from .shapes import CHARACTERS, WORDS

MAX_COST = 10_000_000


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    UNDER_REVIEW = "under_review", "Under review"
    FINAL = "final", "Final"


class PlanTemplate(Created):
    """A template an adviser defines: sections, each {key, heading, guidance, limit, unit}, checked by the
    service (at least one section, positive limits, no heading twice) before anything is saved."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    sections = models.JSONField(default=list)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Plan(Edited):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="kmb_plans")
    # A built-in shape (`shapes.BUILT_IN`) by key, or an adviser's template.
    template_key = models.CharField(max_length=40, blank=True)
    custom_template = models.ForeignKey(
        PlanTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["-updated", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(template_key="") & models.Q(custom_template__isnull=False))
                | (~models.Q(template_key="") & models.Q(custom_template__isnull=True)),
                name="plan_has_one_template",
            )
        ]

    def __str__(self):
        return self.title


class PlanSection(models.Model):
    """One section of a plan. `basis` is the fingerprint of the live data the text was written from
    (`sources.fingerprint`), so the page can say what changed since."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)
    heading = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(blank=True)
    basis = models.JSONField(default=dict, blank=True)
    written_at = models.DateTimeField(null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plan_section_key_once")]

    def __str__(self):
        return self.heading


class Cost(models.Model):
    """A row of the plan's costed resources table."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="costs")
    item = models.CharField(max_length=200)
    cost = models.DecimalField(
        max_digits=11,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_COST)],
        help_text="In pounds",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cost__gte=0, cost__lte=MAX_COST), name="plan_cost_in_range")
        ]

    def __str__(self):
        return self.item


UNITS = [(WORDS, "words"), (CHARACTERS, "characters")]
