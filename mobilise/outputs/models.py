import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from mobilise.core.history import HistoricalRecords
from mobilise.projects.models import Project
from mobilise.stakeholders.models import Stakeholder

DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)


def validate_sources(value):
    """One source a line: a DOI (format-checked) or a reference; a line that looks like a DOI must be one."""
    for number, line in enumerate(value.splitlines(), start=1):
        line = line.strip()
        looks_like_doi = line.lower().startswith(
            ("10.", "doi:", "https://doi.org", "http://doi.org", "https://dx.doi.org")
        )
        if line and looks_like_doi and not DOI.match(line):
            raise ValidationError(f"Line {number} is not a valid DOI: a DOI looks like 10.1136/bmj.n71")


class Certainty(models.TextChoices):
    """GRADE certainty of the evidence."""

    HIGH = "high", "High"
    MODERATE = "moderate", "Moderate"
    LOW = "low", "Low"
    VERY_LOW = "very_low", "Very low"


class Finding(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="findings")
    statement = models.TextField()
    plain_statement = models.TextField("in plain English", blank=True)
    certainty = models.CharField("certainty of the evidence (GRADE)", max_length=10, choices=Certainty.choices)
    sources = models.TextField(
        blank=True, validators=[validate_sources], help_text="One a line: a DOI such as 10.1136/bmj.n71, or a reference"
    )
    for_practice = models.TextField("implications for practice", blank=True)
    for_commissioning = models.TextField("implications for commissioning", blank=True)
    for_policy = models.TextField("implications for policy", blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.statement[:80]

    @property
    def dois(self):
        return [m.group(1) for line in self.sources.splitlines() if (m := DOI.match(line.strip()))]

    @property
    def references(self):
        """Every source line, in order: {"text", "doi"} where doi is set for a DOI line, for a link."""
        found = []
        for line in self.sources.splitlines():
            if line.strip():
                match = DOI.match(line.strip())
                found.append({"text": line.strip(), "doi": match.group(1) if match else None})
        return found


class AudienceKind(models.TextChoices):
    COMMISSIONERS = "commissioners", "Commissioners"
    PRACTITIONERS = "practitioners", "Clinicians and practitioners"
    POLICYMAKERS = "policymakers", "Policymakers"
    PUBLIC = "public", "Patients and the public"
    COMMUNITY = "community", "Community organisations"
    RESEARCHERS = "researchers", "Researchers"


# The reading level (US school grade, as Flesch-Kincaid reports it) each kind of audience usually needs.
DEFAULT_GRADE = {
    "commissioners": 10,
    "practitioners": 11,
    "policymakers": 10,
    "public": 7,
    "community": 8,
    "researchers": 14,
}


class Audience(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="audiences")
    kind = models.CharField(max_length=16, choices=AudienceKind.choices)
    name = models.CharField(max_length=200, help_text="For example: Kingsbridge and Mereshire ICB cancer board")
    needs = models.TextField("what they need to decide", blank=True)
    preferred_format = models.CharField(max_length=200, blank=True, help_text="For example: 2-page brief")
    preferred_length = models.CharField(max_length=100, blank=True, help_text="For example: 800 words")
    target_grade = models.PositiveSmallIntegerField(
        "target reading level",
        help_text="School grade (Flesch-Kincaid): 7 suits the public, 10 to 12 professionals",
    )
    stakeholders = models.ManyToManyField(Stakeholder, blank=True, related_name="audiences")
    history = HistoricalRecords(m2m_fields=[stakeholders])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Kind(models.TextChoices):
    POLICY_BRIEF = "policy_brief", "Policy brief"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
    CASE_STUDY = "case_study", "Case study"
    PLAIN_SUMMARY = "plain_summary", "Plain-English summary"
    KEY_MESSAGES = "key_messages", "Key messages for slides"
    NEWSLETTER = "newsletter", "Newsletter piece"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class Output(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    audience = models.ForeignKey(Audience, on_delete=models.PROTECT, related_name="outputs")
    findings = models.ManyToManyField(Finding, blank=True, related_name="outputs")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    # Case studies quote someone; their consent to be quoted is recorded with the quote.
    testimonial = models.TextField(blank=True)
    testimonial_by = models.CharField("who is quoted", max_length=200, blank=True)
    testimonial_consent = models.BooleanField("they consented to be quoted", default=False)
    testimonial_consent_date = models.DateField("date of consent", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["-updated", "-pk"]
        indexes = [models.Index(fields=["project", "-updated"])]

    def __str__(self):
        return self.title


class Section(models.Model):
    """A part of an output. Body is plain text: paragraphs split by blank lines, lines starting "- " are bullets."""

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.heading


class Version(models.Model):
    """The output's title and sections as they were saved, numbered, for history and comparison."""

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["output", "number"], name="output_version_unique")]

    def __str__(self):
        return f"{self.output} v{self.number}"


class Dissemination(models.Model):
    """An output sent to stakeholders: it appears on their timelines."""

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="sendings")
    stakeholders = models.ManyToManyField(Stakeholder, related_name="outputs_received")
    sent_on = models.DateField()
    channel = models.CharField(max_length=100, blank=True, help_text="For example: email, board paper")
    note = models.CharField(max_length=300, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["sent_on"])]

    def __str__(self):
        return f"{self.output} sent {self.sent_on}"


class GlossaryTerm(models.Model):
    """A research term and the plain words to use instead; kept by staff, used by every readability check."""

    term = models.CharField(max_length=100, unique=True)
    plain = models.CharField("plain alternative", max_length=200)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term
