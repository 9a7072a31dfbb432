"""The front door: requests for support from researchers, innovators and services, and what happened to them."""

from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from mobilise.directory.models import Organisation, Person
from mobilise.projects.models import Stage, Theme

from . import sla


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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "assessor"], name="one_assessment_each")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Assessment by {self.assessor_id} of {self.content_type_id}:{self.object_id}"


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


class PriorityStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_HAND = "in_hand", "Being worked on"
    MET = "met", "Met"
    DROPPED = "dropped", "No longer a priority"


class Priority(models.Model):
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
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
