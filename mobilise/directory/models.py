from django.db import models
from django.db.models.functions import Lower

from mobilise.core.history import HistoricalRecords
from mobilise.core.models import Edited

from .validators import validate_orcid, validate_ror


class Sector(models.TextChoices):
    NHS_PROVIDER = "nhs_provider", "NHS provider"
    COMMISSIONER = "commissioner", "ICB / commissioner"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    PUBLIC_HEALTH = "public_health", "Public health"
    VCSE = "vcse", "Voluntary and community sector"
    PUBLIC = "public", "Patients and public"
    ACADEMIA = "academia", "Academia"
    INDUSTRY = "industry", "Industry"
    GOVERNMENT = "government", "Government / policy"
    FUNDER = "funder", "Funder"
    MEDIA = "media", "Media"


class LawfulBasis(models.TextChoices):
    """UK GDPR Article 6 bases for holding someone's contact details."""

    CONSENT = "consent", "Consent"
    LEGITIMATE_INTERESTS = "legitimate_interests", "Legitimate interests"
    PUBLIC_TASK = "public_task", "Public task"
    CONTRACT = "contract", "Contract"


class Organisation(Edited):
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=32, choices=Sector.choices)
    ror_id = models.CharField(
        "ROR id",
        max_length=9,
        blank=True,
        validators=[validate_ror],
        help_text="Research Organization Registry id, for example 052gg0110",
    )
    website = models.URLField(blank=True)
    region = models.CharField(max_length=100, blank=True, help_text="For example East of England")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(Lower("name"), name="organisation_lower_name")]
        constraints = [
            models.UniqueConstraint(fields=["ror_id"], condition=~models.Q(ror_id=""), name="organisation_unique_ror")
        ]

    def __str__(self):
        return self.name


class Person(Edited):
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    email = models.EmailField("email address", blank=True)
    phone = models.CharField("phone number", max_length=40, blank=True)
    orcid = models.CharField(
        "ORCID iD",
        max_length=19,
        blank=True,
        validators=[validate_orcid],
        help_text="For example 0000-0002-1825-0097",
    )
    lawful_basis = models.CharField(
        "lawful basis for holding contact details", max_length=32, choices=LawfulBasis.choices, blank=True
    )
    consent_date = models.DateField("date of consent", null=True, blank=True)
    do_not_contact = models.BooleanField(
        "do not contact", default=False, help_text="They asked not to be contacted, or must not be for another reason"
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(Lower("full_name"), name="person_lower_name"),
            models.Index(Lower("email"), name="person_lower_email"),
        ]

    def __str__(self):
        return self.full_name
