"""Keeping the dialogue going: interactions, follow-up actions, workshops, and the evidence gaps they surface."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from mobilise.core import uploads
from mobilise.core.history import HistoricalRecords
from mobilise.core.models import Created
from mobilise.projects.models import Project
from mobilise.stakeholders.models import Stakeholder


class Kind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    CALL = "call", "Call"
    EMAIL = "email", "Email"
    WORKSHOP = "workshop", "Workshop"
    EVENT = "event", "Event"
    CONFERENCE = "conference", "Conference"
    INFORMAL = "informal", "Informal conversation"
    INTRODUCTION = "introduction", "Introduction by an adviser"


class Interaction(Created):
    """One conversation, meeting or exchange with stakeholders, and what came of it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="interactions")
    date = models.DateField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.MEETING)
    subject = models.CharField(
        max_length=200,
        blank=True,
        help_text="A few words to find it again, for example “Commissioning intentions for 2026/27”",
    )
    summary = models.TextField("what happened", blank=True)
    learned = models.TextField("what we learned", blank=True)
    stakeholders = models.ManyToManyField(Stakeholder, blank=True, related_name="interactions")
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="engagement_interactions", verbose_name="team members"
    )
    workshop = models.OneToOneField(
        "Workshop", null=True, blank=True, on_delete=models.CASCADE, related_name="interaction"
    )
    history = HistoricalRecords(m2m_fields=[stakeholders, team])

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["project", "date"]),
            models.Index(fields=["date"]),
            # The impact report's tally by kind reads this index alone, not 100,000 rows of a busy project.
            models.Index(fields=["project", "kind", "date"]),
        ]

    def __str__(self):
        return self.subject or f"{self.get_kind_display()} on {self.date:%d %b %Y}"


def attachment_path(instance, filename):
    return uploads.stored_name("engagement", filename)


class Attachment(models.Model):
    """A file kept with an interaction (agenda, slides, notes) or a workshop (materials).

    Stored under MEDIA_ROOT with a random name and served only through an access-checked view."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="engagement_files")
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    workshop = models.ForeignKey("Workshop", null=True, blank=True, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Action(models.Model):
    """A follow-up agreed in an interaction or a workshop: who does what, by when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="engagement_actions")
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    workshop = models.ForeignKey("Workshop", null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagement_actions"
    )
    due = models.DateField("due date", null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    agreed_on = models.DateField(default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [
            models.Index(fields=["project", "status", "due"]),
            models.Index(fields=["owner", "status", "due"]),
            models.Index(fields=["status", "due"]),
            # The timeline's newest actions first, without sorting every action of the project.
            models.Index(fields=["project", "agreed_on"]),
        ]

    def __str__(self):
        return self.description


class Workshop(models.Model):
    """A workshop from plan to report, for example a commissioning workshop with system partners."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(max_length=200)
    purpose = models.TextField()
    starts = models.DateTimeField()
    ends = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True, help_text="Address or room, if it meets in person")
    online_link = models.URLField("online meeting link", blank=True)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_workshops")
    # Replies to the invitation email and the calendar's accept or decline go to the owner.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_workshops"
    )
    decisions = models.TextField(blank=True, help_text="One decision per line")
    summary = models.TextField("overall notes", blank=True)
    # Raised on every change, so calendar programs replace the earlier invitation (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[facilitators])

    class Meta:
        ordering = ["-starts", "-pk"]
        indexes = [models.Index(fields=["project", "starts"])]

    def __str__(self):
        return self.title

    @property
    def decision_list(self):
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]

    @property
    def held(self):
        return self.starts <= timezone.now()


class AgendaItem(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(default=0)
    time = models.TimeField(null=True, blank=True)
    title = models.CharField(max_length=200)
    owner = models.CharField("led by", max_length=150, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "time", "pk"]

    def __str__(self):
        return self.title


class Reply(models.TextChoices):
    NOT_SENT = "not_sent", "Not invited yet"
    AWAITING = "awaiting", "No reply yet"
    ACCEPTED = "accepted", "Coming"
    TENTATIVE = "tentative", "Maybe"
    DECLINED = "declined", "Not coming"


class Invitation(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="invitations")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="workshop_invitations")
    reply = models.CharField(max_length=16, choices=Reply.choices, default=Reply.NOT_SENT)
    attended = models.BooleanField(null=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    access_needs = models.TextField(blank=True)
    # The invitee's personal link (core/links.py) to reply and see how to join; a new email replaces it.
    link = models.OneToOneField("core.PersonalLink", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["link"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workshop", "stakeholder"], name="invitation_once")]

    def __str__(self):
        return f"{self.stakeholder} to {self.workshop}"


class InsightStatus(models.TextChoices):
    RAISED = "raised", "Raised"
    SCOPING = "scoping", "Being scoped"
    PROPOSAL = "proposal", "In a grant proposal"
    FUNDED = "funded", "Funded"
    PARKED = "parked", "Parked"


class Insight(models.Model):
    """An insight or evidence gap that dialogue revealed: a question that could become new research."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="insights")
    question = models.TextField()
    why_it_matters = models.TextField("why it matters to them", blank=True)
    status = models.CharField(max_length=16, choices=InsightStatus.choices, default=InsightStatus.RAISED)
    interactions = models.ManyToManyField(Interaction, blank=True, related_name="insights", verbose_name="raised in")
    stakeholders = models.ManyToManyField(Stakeholder, blank=True, related_name="insights", verbose_name="raised by")
    new_project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="became the project"
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[interactions, stakeholders])

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.question[:80]
