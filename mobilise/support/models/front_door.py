"""The front door: requests for support and ideas from researchers, innovators and services, their histories that
the sender and the advisers both see, and the advisers' assessments of them."""

from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from mobilise.core.models import AboutQuerySet
from mobilise.directory.models import Organisation
from mobilise.projects.models import Stage, Theme

from .. import sla


class RequesterType(models.TextChoices):
    RESEARCHER = "researcher", "Researcher"
    INNOVATOR = "innovator", "Innovator or company"
    PROVIDER = "provider", "Health or care provider"
    COMMISSIONER = "commissioner", "Commissioner or system leader"
    COMMUNITY = "community", "Community or voluntary organisation"
    OTHER = "other", "Someone else"


class Need(models.TextChoices):
    PLAN = "plan", "A knowledge mobilisation or impact plan"
    LOGIC_MODEL = "logic_model", "A logic model or theory of change"
    STAKEHOLDERS = "stakeholders", "Stakeholder mapping or engagement"
    GRANT = "grant", "Support with a grant application"
    IMPLEMENTATION = "implementation", "Implementation and adoption"
    EVALUATION = "evaluation", "Evaluation"
    WORKSHOP = "workshop", "Running a workshop"
    OTHER = "other", "Something else"


class HeardFrom(models.TextChoices):
    COLLEAGUE = "colleague", "A colleague"
    EVENT = "event", "A webinar or event"
    WEBSITE = "website", "Our website"
    SOCIAL = "social", "Social media"
    FUNDER = "funder", "A funder"
    OTHER = "other", "Somewhere else"


class Status(models.TextChoices):
    SUBMITTED = "submitted", "Received"
    ASSESSING = "assessing", "Being assessed"
    WAITING = "waiting", "Waiting for more information from you"
    ACCEPTED = "accepted", "Accepted"
    REDIRECTED = "redirected", "Passed to another organisation"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATUSES = (Status.SUBMITTED, Status.ASSESSING, Status.WAITING)
DECISIONS = (Status.ACCEPTED, Status.REDIRECTED, Status.DECLINED)


class Answered(models.Model):
    """Facts kept when they happen, for the service-level reports; never worked out again from the history: when
    the first answer and the decision came, and the working days each took after `submitted` (counted on the
    organisation's working days when stored, so a report reads whole numbers rather than reworking calendars)."""

    first_response_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    first_response_days = models.PositiveIntegerField(null=True, blank=True, editable=False)
    decision_days = models.PositiveIntegerField(null=True, blank=True, editable=False)

    submitted: datetime  # each model's own field

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.count_days()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "first_response_days", "decision_days"}
        super().save(*args, **kwargs)

    def count_days(self) -> None:
        """Set the working days from the moments (bulk inserts, which skip save(), call this themselves)."""
        self.first_response_days = sla.days_between(self.submitted, self.first_response_at)
        self.decision_days = sla.days_between(self.submitted, self.decided_at)


class Submission(Answered):
    """What one person sent through a public form (a request, an idea). Its reference is quoted in emails and calls;
    it opens nothing: the person follows it only through the personal link emailed to them. Each kind has its own
    `status` (their statuses differ), open while it is one of `open_statuses`, and its own `assignee`."""

    reference = models.CharField(max_length=16, unique=True)
    submitted = models.DateTimeField(default=timezone.now)
    name = models.CharField("your name", max_length=200)
    email = models.EmailField("your email address")

    open_statuses: ClassVar[tuple[str, ...]]
    status: str

    class Meta:
        abstract = True
        ordering = ["-submitted", "-pk"]
        indexes = [
            models.Index(fields=["status", "submitted"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["submitted"]),  # the reports' periods
        ]

    @property
    def is_open(self) -> bool:
        return self.status in self.open_statuses


class SupportRequest(Submission):
    """One request for support through the public form."""

    open_statuses = OPEN_STATUSES

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    organisation_name = models.CharField("your organisation", max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="support_requests"
    )
    role = models.CharField("your role", max_length=200)
    requester_type = models.CharField("which describes you best", max_length=16, choices=RequesterType.choices)
    needs = models.JSONField("what you need help with", default=list)
    funder = models.CharField(max_length=200, blank=True)
    deadline = models.DateField("application deadline", null=True, blank=True)
    project_title = models.CharField(max_length=300)
    stage = models.CharField("project stage", max_length=32, choices=Stage.choices)
    summary = models.TextField("project summary")
    inequalities = models.TextField("health inequalities focus", blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="support_requests")
    heard_from = models.CharField("how you heard about us", max_length=16, choices=HeardFrom.choices, blank=True)
    consent_at = models.DateTimeField(help_text="When the requester agreed to the privacy notice.")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="support_requests"
    )
    # Opened by an adviser from an evidence gap on a project (services.request_from_gap), not through the form.
    gap = models.OneToOneField(
        "engagement.Insight",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_request",
        verbose_name="from the evidence gap",
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="When the requester's details were erased (core/retention.py)."
    )

    def __str__(self):
        return f"{self.reference}: {self.project_title}"

    @property
    def title(self) -> str:
        return self.project_title

    def need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(n, n)) for n in self.needs]


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "Request received"
    INFORMATION = "information", "Information added"
    STATUS = "status", "Status changed"
    WITHDRAWN = "withdrawn", "Withdrawn by the requester"


class HistoryEntry(models.Model):
    """One entry of a history that the person who wrote in and the advisers both see, kept as it happened. Requests
    and ideas each have their own table of these (their statuses differ, and a request's service-level clock
    prefetches its entries by a plain foreign key); what an entry is, and how pages show it, is this one class.
    Its tables take its Meta (the order entries are read in) as their own."""

    when = models.DateTimeField(default=timezone.now)
    text = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True
        ordering = ["when", "pk"]


class RequestEvent(HistoryEntry):
    """The request's history."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, blank=True)

    def __str__(self):
        return f"{self.get_kind_display()} on {self.request_id}"


class Rating(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class Assessment(models.Model):
    """One assessor's needs assessment of a request (or, later, an idea): each criterion of the rubric in
    rubric.py rated yes, partly or no, with a comment. Several assessors may assess the same thing."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(default=dict, help_text="criterion -> {rating, comment}")
    updated = models.DateTimeField(auto_now=True)

    objects = AboutQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "assessor"], name="one_assessment_each")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Assessment by {self.assessor_id} of {self.content_type_id}:{self.object_id}"


class IdeaStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    REVIEWING = "reviewing", "Under review"
    WAITING = "waiting", "More information needed"
    ACCEPTED = "accepted", "Accepted"
    NOT_TAKEN = "not_taken", "Not taken forward"
    WITHDRAWN = "withdrawn", "Withdrawn"


IDEA_OPEN = (IdeaStatus.RECEIVED, IdeaStatus.REVIEWING, IdeaStatus.WAITING)
IDEA_DECISIONS = (IdeaStatus.ACCEPTED, IdeaStatus.NOT_TAKEN)


class IdeaStage(models.TextChoices):
    IDEA = "idea", "It is an idea so far"
    TRIED = "tried", "We have tried it on a small scale"
    IN_USE = "in_use", "It is in use in one place"
    SPREAD = "spread", "It is ready to spread"


class Idea(Submission):
    """An idea sent through "Get involved". An accepted idea leads to one outcome: a support case (Case.idea), a
    project at the idea stage, or an evidence gap on a project."""

    open_statuses = IDEA_OPEN

    status = models.CharField(max_length=16, choices=IdeaStatus.choices, default=IdeaStatus.RECEIVED)
    title = models.CharField("a short name for your idea", max_length=200)
    problem = models.TextField("the problem")
    idea = models.TextField("your idea")
    who_benefits = models.TextField("who would benefit")
    evidence = models.TextField("evidence so far", blank=True)
    stage = models.CharField(max_length=16, choices=IdeaStage.choices)
    help_wanted = models.TextField("the help you would like", blank=True)
    organisation_name = models.CharField("your organisation", max_length=200, blank=True)
    consent_at = models.DateTimeField(help_text="When the sender agreed to the privacy notice.")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When it closed: not taken forward, withdrawn, or turned into its outcome."
    )
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The idea-stage project it became.",
    )
    evidence_gap = models.ForeignKey(
        "engagement.Insight",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The evidence gap it became, on a project an adviser chose.",
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="When the sender's details were erased (core/retention.py)."
    )

    def __str__(self):
        return f"{self.reference}: {self.title}"


class IdeaEventKind(models.TextChoices):
    SUBMITTED = "submitted", "Idea received"
    INFORMATION = "information", "Information added"
    STATUS = "status", "Status changed"
    WITHDRAWN = "withdrawn", "Withdrawn by the sender"
    OUTCOME = "outcome", "Taken forward"


class IdeaEvent(HistoryEntry):
    """The idea's history."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=IdeaEventKind.choices)
    status = models.CharField(max_length=16, choices=IdeaStatus.choices, blank=True)

    def __str__(self):
        return f"{self.get_kind_display()} on {self.idea_id}"
