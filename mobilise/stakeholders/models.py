import calendar
import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from mobilise.core.history import HistoricalRecords
from mobilise.directory.models import LawfulBasis, Organisation, Person, Sector
from mobilise.projects.models import Project


class Role(models.TextChoices):
    BENEFICIARY = "beneficiary", "Beneficiary"
    DECISION_MAKER = "decision_maker", "Decision-maker"
    INFLUENCER = "influencer", "Influencer"
    IMPLEMENTER = "implementer", "Implementer"
    GATEKEEPER = "gatekeeper", "Gatekeeper"
    BROKER = "broker", "Knowledge broker"
    CHAMPION = "champion", "Champion"


class Attitude(models.TextChoices):
    CHAMPION = "champion", "Champion"
    SUPPORTIVE = "supportive", "Supportive"
    NEUTRAL = "neutral", "Neutral"
    SCEPTICAL = "sceptical", "Sceptical"
    OPPOSED = "opposed", "Opposed"
    UNKNOWN = "unknown", "Not known yet"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every 2 weeks"
    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every quarter"
    HALF_YEARLY = "half_yearly", "Every 6 months"
    YEARLY = "yearly", "Every year"
    AS_NEEDED = "as_needed", "When needed"


# Time between contacts for each cadence: weeks in days, the rest in calendar months (15 September monthly is due
# 15 October; 31 January is due on the last day of February). The engagement due list uses the same rule.
CADENCE_DAYS = {"weekly": 7, "fortnightly": 14}
CADENCE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month `months` later, or that month's last day when it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def due_date(last: datetime.date | None, cadence: str) -> datetime.date | None:
    """When the next contact is due after the last by the cadence; None without a contact or a cadence to keep."""
    if last is None:
        return None
    if cadence in CADENCE_DAYS:
        return last + datetime.timedelta(days=CADENCE_DAYS[cadence])
    if cadence in CADENCE_MONTHS:
        return add_months(last, CADENCE_MONTHS[cadence])
    return None


class ImportRun(models.Model):
    """A stakeholder import confirmed by its user and run by the task queue, chunk by chunk.

    The rows it writes point at it and stay hidden from every read (StakeholderManager) until it is DONE, so the
    import is all-or-nothing to readers while no transaction of it holds the database for long.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Not imported"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stakeholder_import_runs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    batch = models.ForeignKey("ImportBatch", null=True, on_delete=models.SET_NULL, related_name="runs")
    filename = models.CharField(max_length=255)
    lawful_basis = models.CharField(max_length=32, choices=LawfulBasis.choices, blank=True)
    refused = models.JSONField("directory matches refused", default=list, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.filename

    @property
    def active(self):
        return self.state in (self.State.QUEUED, self.State.RUNNING)


class StagedRecord(models.Model):
    """A directory record an import run created, removed again if the run fails."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="+")
    model = models.CharField(max_length=16)  # "organisation" or "person"
    record_id = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.model} {self.record_id}"


class StakeholderManager(models.Manager):
    """Every read of stakeholders: rows of an import run that is not DONE are hidden (the base manager, which
    deletions and related-object access use, still sees them)."""

    def get_queryset(self):
        unpublished = ImportRun.objects.exclude(state=ImportRun.State.DONE).values("pk")
        return super().get_queryset().exclude(import_run__in=unpublished)


class Stakeholder(models.Model):
    """Someone the evidence could benefit, who influences decisions, or who must be engaged, on one project.

    It points at the shared directory (an organisation or a person) or names a group or community that has no
    directory record, such as "South Asian women aged 50-70 in Luton".
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stakeholders")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="stakeholdings"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="stakeholdings")
    group_name = models.CharField("group or community", max_length=200, blank=True)
    group_sector = models.CharField("sector", max_length=32, choices=Sector.choices, blank=True)
    # Scores are all three set or all three empty: a stakeholder is "not yet scored" until the team scores it,
    # kept off the grid and out of every count that reads the scores.
    interest = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE)
    influence = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE)
    impact = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=SCORE, help_text="How much the findings would affect them"
    )
    attitude = models.CharField(max_length=16, choices=Attitude.choices, default=Attitude.UNKNOWN)
    what_matters = models.TextField("what matters to them", blank=True)
    decisions = models.TextField(
        "how and when they make decisions",
        blank=True,
        help_text="For example: a commissioning cycle that sets budgets each October",
    )
    formats = models.CharField(
        "preferred formats", max_length=300, blank=True, help_text="For example: 2-page brief, short video"
    )
    channels = models.CharField(
        "preferred channels", max_length=300, blank=True, help_text="For example: email, quarterly board meeting"
    )
    underserved = models.BooleanField(
        "belongs to or represents an under-served group",
        default=False,
    )
    # Engagement approach, suggested from the grid and editable.
    purpose = models.CharField("purpose of engagement", max_length=300, blank=True)
    cadence = models.CharField(max_length=16, choices=Cadence.choices, blank=True)
    channel = models.CharField("main channel", max_length=100, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_stakeholders",
        verbose_name="relationship owner",
    )
    engaged = models.BooleanField(
        "already engaged", default=False, help_text="The team has an active working relationship with them"
    )
    # The date of the latest interaction involving them, kept by services.record_contacts whenever interactions
    # change, and the next contact due by the cadence, kept by save(): due lists read these indexed columns
    # rather than aggregating every interaction of every stakeholder on each request.
    last_contact = models.DateField(null=True, blank=True, editable=False)
    next_contact = models.DateField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["updated", "last_contact", "next_contact", "import_run"])
    objects = StakeholderManager()

    class Meta:
        indexes = [
            models.Index(fields=["project", "influence", "interest"]),
            models.Index(fields=["project", "updated"]),
            # With the import run, so a project's overdue count (the programme view's) reads the index alone.
            models.Index(fields=["project", "next_contact", "import_run"]),
            models.Index(fields=["next_contact"]),  # the due list's order (with the id, which SQLite adds)
            # With the import run, so the due list across every project counts its rows from the index alone.
            models.Index(fields=["next_contact", "import_run"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False)
                | models.Q(person__isnull=False)
                | ~models.Q(group_name=""),
                name="stakeholder_names_someone",
            ),
            models.CheckConstraint(
                condition=models.Q(interest__isnull=True, influence__isnull=True, impact__isnull=True)
                | models.Q(interest__isnull=False, influence__isnull=False, impact__isnull=False),
                name="stakeholder_scored_all_or_none",
            ),
            # One entry per person, organisation or group on a project, even under concurrent adds.
            models.UniqueConstraint(
                fields=["project", "person"], condition=models.Q(person__isnull=False), name="stakeholder_person_once"
            ),
            models.UniqueConstraint(
                fields=["project", "organisation"],
                condition=models.Q(person__isnull=True, organisation__isnull=False),
                name="stakeholder_organisation_once",
            ),
            models.UniqueConstraint(
                Lower("group_name"),
                "project",
                condition=models.Q(person__isnull=True, organisation__isnull=True),
                name="stakeholder_group_once",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.next_contact = due_date(self.last_contact, self.cadence)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "next_contact"}
        super().save(*args, **kwargs)

    @property
    def name(self):
        if self.person_id:
            return self.person.full_name
        if self.organisation_id:
            return self.organisation.name
        return self.group_name

    @property
    def scored(self):
        return self.influence is not None

    @property
    def kind(self):
        return "person" if self.person_id else "organisation" if self.organisation_id else "group"

    @property
    def sector(self):
        if self.organisation_id:
            return self.organisation.sector
        if self.person_id and self.person.organisation_id:
            return self.person.organisation.sector
        return self.group_sector

    @property
    def sector_label(self):
        return Sector(self.sector).label if self.sector else ""

    @property
    def role_set(self):
        """Role codes, read from the prefetched roles so a list costs one query for all of them."""
        return {r.role for r in self.roles.all()}

    @property
    def do_not_contact(self):
        return bool(self.person_id and self.person.do_not_contact)


class StakeholderRole(models.Model):
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stakeholder", "role"], name="stakeholder_role_unique")]
        indexes = [models.Index(fields=["role", "stakeholder"])]

    def __str__(self):
        return self.get_role_display()


class ScoreChange(models.Model):
    """Scores as they were set at one time, with why: the stakeholder's scoring history."""

    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="score_changes")
    interest = models.PositiveSmallIntegerField(validators=SCORE)
    influence = models.PositiveSmallIntegerField(validators=SCORE)
    impact = models.PositiveSmallIntegerField(validators=SCORE)
    attitude = models.CharField(max_length=16, choices=Attitude.choices)
    reason = models.CharField(max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["stakeholder", "changed_at"])]

    def __str__(self):
        return f"{self.stakeholder}: {self.influence}/{self.interest}/{self.impact}"


class RelationshipKind(models.TextChoices):
    WORKS_WITH = "works_with", "works with"
    REPORTS_TO = "reports_to", "reports to"
    FUNDS = "funds", "funds"
    COMMISSIONS = "commissions", "commissions"
    INFLUENCES = "influences", "influences"
    TRUSTED_BY = "trusted_by", "is trusted by"


class Relationship(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stakeholder_relationships")
    source = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="relationships_out")
    target = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="relationships_in")
    kind = models.CharField(max_length=16, choices=RelationshipKind.choices)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="relationship_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="relationship_not_self"),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"


class ImportBatch(models.Model):
    """An uploaded stakeholder file waiting for its columns to be mapped and the preview confirmed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stakeholder_imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    mapping = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.filename
