import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from mobilise.core import uploads
from mobilise.core.history import HistoricalRecords
from mobilise.planning.models import Element, Snapshot
from mobilise.projects.models import Project


class Focus(models.TextChoices):
    """The realist questions: not only whether it works, but for whom, where and why."""

    WHAT = "what", "What works"
    WHOM = "whom", "For whom"
    CIRCUMSTANCES = "circumstances", "In what circumstances"
    WHY = "why", "Why and how"
    PROCESS = "process", "How it was delivered"


class Question(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evaluation_questions")
    focus = models.CharField(max_length=16, choices=Focus.choices)
    text = models.TextField("question")
    methods = models.TextField(blank=True, help_text="For example: interrupted time series; interviews")
    data_sources = models.TextField(
        "data sources", blank=True, help_text="For example: screening hub uptake data; champion session logs"
    )
    timing = models.CharField(max_length=200, blank=True, help_text="For example: at 12 and 24 months")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:80]


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


class Indicator(models.Model):
    """A measure of an output or outcome in the logic model, with a baseline, targets and actuals."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    element = models.ForeignKey(
        Element,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        verbose_name="logic-model output or outcome",
    )
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True, help_text="Numerator and denominator, or how it is counted")
    unit = models.CharField(max_length=40, help_text="For example: %, women, sessions")
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)
    data_source = models.CharField("data source", max_length=300, blank=True)
    baseline_value = models.DecimalField("baseline", max_digits=14, decimal_places=3, null=True, blank=True)
    baseline_date = models.DateField("baseline date", null=True, blank=True)
    # {"Ethnicity": ["Bangladeshi", "Pakistani", ...], "Deprivation quintile": ["1 (most deprived)", ...]}
    breakdowns = models.JSONField(default=dict, blank=True)
    additive = models.BooleanField(
        "the categories of a breakdown add up to the total",
        default=False,
        help_text="True for counts, not for rates or percentages",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Period(models.Model):
    """A reporting period of an indicator, with its target."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(max_length=40, help_text="For example: 2024-25 or 2025 Q1")
    ends = models.DateField()
    target = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["ends", "pk"]
        constraints = [models.UniqueConstraint(fields=["indicator", "label"], name="period_unique_label")]

    def __str__(self):
        return self.label


class Actual(models.Model):
    """A measured value for a period: the total (dimension blank) or one category of a breakdown."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="actuals")
    dimension = models.CharField(max_length=100, blank=True)
    category = models.CharField(max_length=100, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=3)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "dimension", "category"], name="actual_unique_cell")]

    def __str__(self):
        return f"{self.category or 'Total'}: {self.value}"


class QuestionKind(models.TextChoices):
    RATING = "rating", "Rating from 1 to 5"
    LIKERT = "likert", "Agree or disagree (5 points)"
    SINGLE = "single", "One choice"
    MULTIPLE = "multiple", "Several choices"
    TEXT = "text", "Free text"


LIKERT = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


def new_token():
    return secrets.token_urlsafe(24)


class FeedbackForm(models.Model):
    """A short form answered without signing in, through a link holding an unguessable token.

    A project team's form belongs to its project. A higher app's survey (a support case's exit survey, a webinar's
    feedback) belongs to that object instead, through `owner`, and has no project.
    """

    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback_forms")
    owner_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    title = models.CharField(max_length=200)
    intro = models.TextField("introduction", blank=True, help_text="Shown above the questions")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # A form handed out in a workshop's room (its QR code is on the workshop page and in its pack).
    workshop = models.ForeignKey(
        "engagement.Workshop",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_forms",
        verbose_name="for the workshop (optional)",
    )
    is_open = models.BooleanField("open for responses", default=True)
    one_per_browser = models.BooleanField(
        "one response per browser", default=True, help_text="A browser that has answered is thanked, not asked again"
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["owner_type", "owner_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, owner_id__isnull=True)
                | Q(project__isnull=True, owner_id__isnull=False),
                name="feedback_form_has_one_owner",
            )
        ]

    def __str__(self):
        return self.title


class FeedbackQuestion(models.Model):
    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.CharField("question", max_length=300)
    choices = models.TextField(blank=True, help_text="For one or several choices: one choice a line")
    required = models.BooleanField("an answer is required", default=False)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def options(self):
        if self.kind == QuestionKind.RATING:
            return ["1", "2", "3", "4", "5"]
        if self.kind == QuestionKind.LIKERT:
            return LIKERT
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class FeedbackResponse(models.Model):
    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="responses")
    # {question pk (as text): "answer" or ["answer", ...]}
    answers = models.JSONField(default=dict)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["form", "created"])]

    def __str__(self):
        return f"Response {self.pk} to {self.form_id}"


class ClaimType(models.TextChoices):
    POLICY = "policy", "Policy influence"
    PRACTICE = "practice", "Practice or service change"
    COMMISSIONING = "commissioning", "Commissioning decision"
    FUNDING = "funding", "Further funding"
    COLLABORATION = "collaboration", "New collaboration"
    PRODUCT = "product", "New intervention or product"
    ENGAGEMENT = "engagement", "Engagement and awareness"


class ImpactClaim(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="impact_claims")
    kind = models.CharField("type of impact", max_length=16, choices=ClaimType.choices)
    title = models.CharField("claim", max_length=300)
    reach = models.TextField(blank=True, help_text="Who and how many it touched, and where")
    significance = models.TextField(blank=True, help_text="How much difference it made to them")
    date = models.DateField()
    outcome = models.ForeignKey(
        Element,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
        verbose_name="logic-model outcome it shows",
    )
    # What produced it: the chain from activity to impact. Webinars belong to the events app, above this one, which
    # holds that link itself (events.Event.claims) and offers it through the evaluation.activities hook.
    sendings = models.ManyToManyField(
        "outputs.Dissemination", blank=True, related_name="claims", verbose_name="outputs sent"
    )
    workshops = models.ManyToManyField("engagement.Workshop", blank=True, related_name="claims")
    interactions = models.ManyToManyField("engagement.Interaction", blank=True, related_name="claims")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title


class EvidenceKind(models.TextChoices):
    LINK = "link", "Link"
    FILE = "file", "File"
    TESTIMONIAL = "testimonial", "Testimonial"
    EMAIL = "email", "Email"


def evidence_path(instance, filename):
    return uploads.stored_name("evaluation", filename)


class Evidence(models.Model):
    """Corroborating evidence for a claim; files are stored under a random name and served through access."""

    claim = models.ForeignKey(ImpactClaim, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=12, choices=EvidenceKind.choices)
    title = models.CharField("description", max_length=300)
    url = models.URLField("link", blank=True, max_length=500)
    text = models.TextField("quotation or email text", blank=True)
    source = models.CharField("who said or sent it", max_length=200, blank=True)
    consent = models.BooleanField("they consented to being quoted", default=False)
    file = models.FileField(upload_to=evidence_path, max_length=200, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title


class Learning(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="learning")
    date = models.DateField()
    tried = models.TextField("what we tried")
    learned = models.TextField("what we learned")
    changed = models.TextField("what we changed", blank=True)
    snapshot = models.ForeignKey(
        Snapshot,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="logic-model snapshot",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.learned[:80]


class CaseStudy(models.Model):
    """An impact case study in the shape research assessment uses; the limits are enforced on export."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="impact_case_study")
    title = models.CharField(max_length=300, blank=True)
    summary = models.TextField("summary of the impact", blank=True)
    research = models.TextField("underpinning research", blank=True)
    references = models.TextField("references to the research", blank=True, help_text="One a line")
    details = models.TextField("details of the impact", blank=True)
    sources = models.TextField("sources to corroborate the impact", blank=True, help_text="One a line")
    history = HistoricalRecords()

    def __str__(self):
        return self.title or f"Impact case study of {self.project}"
