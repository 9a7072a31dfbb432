from django.conf import settings
from django.db import models
from django.utils import timezone

from mobilise.core.history import HistoricalRecords


class Programme(models.Model):
    """A body of supported work, for example a regional ARC's knowledge mobilisation programme."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    GRANT_DEVELOPMENT = "grant_development", "Grant development"
    FUNDED = "funded", "Funded"
    ACTIVE = "active", "Active"
    IMPLEMENTATION = "implementation", "Implementation"
    COMPLETED = "completed", "Completed"


class Project(models.Model):
    # Set on an instance, not stored: the access layer attaches the reader's role, and services ask
    # django-simple-history to skip one save.
    role: str | None
    _roles: dict[int, str | None]
    skip_history_when_saving: bool

    title = models.CharField(max_length=300)
    short_title = models.CharField(max_length=80, help_text="Used in lists and headings, for example CASCADE")
    summary = models.TextField(blank=True)
    research_question = models.TextField(blank=True)
    funder = models.CharField(max_length=200, blank=True, help_text="For example NIHR")
    award_reference = models.CharField(max_length=100, blank=True, help_text="For example NIHR123456")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    stage = models.CharField(max_length=32, choices=Stage.choices, default=Stage.IDEA)
    health_inequalities_focus = models.BooleanField(
        "health inequalities focus",
        default=False,
        help_text="The project aims to reduce health inequalities for an under-served group",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects")
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="advised_projects", verbose_name="KMb advisers"
    )
    # Bumped on every save so a second editor is told about a change made since they opened the form.
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[themes, advisers], excluded_fields=["updated"])

    class Meta:
        ordering = ["short_title"]
        indexes = [
            models.Index(fields=["stage"]),
            models.Index(fields=["updated"]),
            models.Index(fields=["short_title"]),
        ]

    def __str__(self):
        return self.short_title


# The fields that describe a project, in the order people read them: its form edits them (with its themes and
# advisers), and the API shows them, so a field added here reaches both.
DESCRIBED_BY = [
    "title",
    "short_title",
    "summary",
    "research_question",
    "funder",
    "award_reference",
    "start_date",
    "end_date",
    "stage",
    "health_inequalities_focus",
    "programme",
]


class Role(models.TextChoices):
    LEAD = "lead", "Lead"
    MEMBER = "member", "Member"
    VIEWER = "viewer", "Viewer"


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="membership_unique")]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) on {self.project}"


class Invitation(models.Model):
    """An email invitation to join a project's team for someone without an account; its personal link lets them
    make one. Pending until accepted, revoked or past its expiry."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("email address")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    link = models.OneToOneField("core.PersonalLink", null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["project", "accepted_at", "revoked_at"])]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()}) to {self.project}"


class Generation(models.Model):
    """How many changes to a project's data have been folded in (projects/generations.py). No foreign key, here or
    on Change: a write moves the project on without reading or locking the project's row, even as it is deleted."""

    project_id = models.BigIntegerField(primary_key=True)
    n = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Project {self.project_id}: generation {self.n}"


class Change(models.Model):
    """A change to a project's data, until it is folded into the project's Generation."""

    id = models.BigAutoField(primary_key=True)
    project_id = models.BigIntegerField(db_index=True)

    def __str__(self):
        return f"A change to project {self.project_id}"
