"""The public case-study library: what a project achieved with the support organisation's help, in a fixed shape
(what we did, outcome / impact, a testimonial), kept current with GOV.UK's first-published, last-reviewed and
change-history conventions.

Three things are called "case study" in Mobilise, and they stay apart:
- a library entry (here): the support organisation's public story of a project, published on /case-studies/;
- a project's case-study output (`outputs.Output`, kind "case study"): the team's product for a named audience;
  a library entry can start from one, copying its text and keeping a link back;
- the research-assessment impact case study (`evaluation.CaseStudy`): REF's shape, with word limits.
"""

from django.conf import settings
from django.db import models

from mobilise.core.history import HistoricalRecords
from mobilise.core.models import Edited
from mobilise.directory.models import Sector
from mobilise.evaluation.models import ImpactClaim
from mobilise.outputs.models import Output
from mobilise.projects.models import Project, Theme


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


# Published and archived entries have a public page; only published ones are listed, searched and in the feed.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)


class Region(models.TextChoices):
    """NHS England's seven regions, and work that spans them."""

    EAST = "east", "East of England"
    LONDON = "london", "London"
    MIDLANDS = "midlands", "Midlands"
    NORTH_EAST = "north_east", "North East and Yorkshire"
    NORTH_WEST = "north_west", "North West"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    NATIONAL = "national", "England-wide"


class Support(models.TextChoices):
    """The support the organisation gave."""

    LOGIC_MODEL = "logic_model", "Logic model"
    PATHWAYS = "pathways", "Pathways to impact"
    WORKSHOP = "commissioning_workshop", "Commissioning workshop"
    GUIDANCE = "kmb_guidance", "Knowledge mobilisation guidance"
    GRANT = "grant_support", "Grant support"
    MAPPING = "stakeholder_mapping", "Stakeholder mapping"
    EVALUATION = "evaluation", "Evaluation"
    OTHER = "other", "Other"


# The kinds of organisation involved are the directory's sectors.
OrganisationType = Sector


class CaseStudy(Edited):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.TextField()
    what_we_did = models.TextField("what we did")
    outcome = models.TextField("outcome and impact")
    # A quote goes out only with the consent recorded: its date and how it was given (outputs' rule).
    testimonial = models.TextField("testimonial", blank=True)
    testimonial_name = models.CharField("name of the person quoted", max_length=200, blank=True)
    testimonial_role = models.CharField("their role", max_length=200, blank=True)
    testimonial_organisation = models.CharField("their organisation", max_length=200, blank=True)
    testimonial_consent_date = models.DateField("date they consented to be quoted", null=True, blank=True)
    testimonial_consent_how = models.CharField("how they consented", max_length=300, blank=True)
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="library_entries"
    )
    source_output = models.ForeignKey(
        Output, null=True, blank=True, on_delete=models.SET_NULL, related_name="library_entries"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="library_entries")
    region = models.CharField(max_length=16, choices=Region.choices, blank=True)
    # A list of OrganisationType codes; filtered by its quoted code, on SQLite and PostgreSQL alike. (The support
    # given is rows of its own, SupportGiven.)
    organisation_types = models.JSONField(default=list, blank=True)
    claims = models.ManyToManyField(ImpactClaim, blank=True, related_name="library_entries")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    archive_notice = models.TextField(blank=True)
    first_published = models.DateTimeField(null=True, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    review_reminded_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="library_entries"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["updated", "review_reminded_on"])

    class Meta:
        ordering = ["-first_published", "-pk"]
        verbose_name_plural = "case studies"
        # The public list's order, and the staff list's (newest change first).
        indexes = [models.Index(fields=["status", "-first_published"]), models.Index(fields=["-updated", "-id"])]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


# The fields the editor saves, in the order its form shows them.
EDITED_FIELDS = [
    "title",
    "summary",
    "what_we_did",
    "outcome",
    "testimonial",
    "testimonial_name",
    "testimonial_role",
    "testimonial_organisation",
    "testimonial_consent_date",
    "testimonial_consent_how",
    "project",
    "themes",
    "region",
    "organisation_types",
    "owner",
]


class SupportGiven(models.Model):
    """One kind of support a case study records. Rows of their own, so that the library's "type of support" facet
    is an index look-up on SQLite and PostgreSQL alike, where a list kept in the entry was read on every row."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="supports")
    support = models.CharField(max_length=32, choices=Support.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case_study", "support"], name="library_support_given_once")]
        indexes = [models.Index(fields=["support", "case_study"])]

    def __str__(self):
        return f"{self.case_study_id}: {self.support}"


class ChangeNote(models.Model):
    """One dated line of the public change history ("First published.", "Outcome updated with the 2026 audit.")."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="changes")
    date = models.DateTimeField()
    note = models.CharField(max_length=500)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {self.note}"
