"""The webinar programme: quarterly themes, the events in them, and the people who register for each.

Times are stored aware (UTC in the database) and shown in Europe/London. A registration is personal data: staff
see it, the registrant reaches their own only through the personal link emailed to them (core/links.py)."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from mobilise.core import uploads
from mobilise.directory.models import Person, Sector
from mobilise.projects.models import Project


class Theme(models.Model):
    """A quarter's focus, for example "Research Engagement, Implementation and Impact"."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the theme's web address")
    description = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2199)])
    quarter = models.PositiveSmallIntegerField(
        choices=[(1, "January to March"), (2, "April to June"), (3, "July to September"), (4, "October to December")]
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-quarter", "pk"]

    def __str__(self):
        return self.title

    @property
    def period(self) -> str:
        return f"{self.get_quarter_display()} {self.year}"


class Format(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Online and in person"


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"
    HELD = "held", "Held"


def material_path(instance: "Event", filename: str) -> str:
    """An uploaded file of the event's (materials.py) is stored under a random name, never the one it came with."""
    return uploads.stored_name("events", filename)


class Event(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="events")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in the event's web address")
    description = models.TextField()
    start = models.DateTimeField(help_text="UK time")
    duration_minutes = models.PositiveIntegerField(
        "length in minutes", default=60, validators=[MinValueValidator(5), MaxValueValidator(24 * 60)]
    )
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.ONLINE)
    joining_link = models.URLField(
        blank=True, max_length=500, help_text="Kept private: registrants get it by email shortly before the start"
    )
    venue = models.TextField(blank=True, help_text="The address, for an event in person")
    access_information = models.TextField(
        blank=True, help_text="Step-free access, hearing loops, toilets, parking, quiet rooms"
    )
    speakers = models.ManyToManyField(Person, blank=True, related_name="events_speaking")
    panel = models.ManyToManyField(Person, blank=True, related_name="events_on_panel", verbose_name="expert panel")
    projects = models.ManyToManyField(
        Project, blank=True, related_name="event_examples", verbose_name="project examples"
    )
    # Impact claims the webinar helped produce (offered on a claim's form through the evaluation.activities hook).
    claims = models.ManyToManyField("evaluation.ImpactClaim", blank=True, related_name="webinars")
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    registration_opens = models.DateTimeField(null=True, blank=True, help_text="Leave blank to open at once")
    registration_closes = models.DateTimeField(null=True, blank=True, help_text="Leave blank to close at the start")
    status = models.CharField(max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT)
    recording_url = models.URLField("recording", blank=True, max_length=500)
    slides_url = models.URLField("slides", blank=True, max_length=500)
    # Uploaded instead of (or as well as) linked; materials.py says who may have them and when.
    slides_file = models.FileField(upload_to=material_path, max_length=200, blank=True)
    slides_name = models.CharField(max_length=200, blank=True)
    slides_size = models.PositiveBigIntegerField(default=0)
    recording_file = models.FileField(upload_to=material_path, max_length=200, blank=True)
    recording_name = models.CharField(max_length=200, blank=True)
    recording_size = models.PositiveBigIntegerField(default=0)
    captions_file = models.FileField(upload_to=material_path, max_length=200, blank=True)
    captions_name = models.CharField(max_length=200, blank=True)
    captions_size = models.PositiveBigIntegerField(default=0)
    materials_public = models.BooleanField(
        "show the recording and slides to everyone", default=False, help_text="Otherwise only registrants see them"
    )
    # The calendar entry: one UID for the event's life, SEQUENCE raised each time registrants are sent a change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    # Seats taken (confirmed or offered); the seat decision locks and updates this row before it counts.
    seats_taken = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["status", "start"])]

    def __str__(self):
        return self.title

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.duration_minutes)

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (Format.IN_PERSON, Format.HYBRID)

    @property
    def closes(self) -> datetime:
        return self.registration_closes or self.start

    def registration_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == EventStatus.PUBLISHED
            and (self.registration_opens is None or self.registration_opens <= now)
            and now < self.closes
        )


class AccessNeed(models.TextChoices):
    CAPTIONS = "captions", "Live captions"
    BSL = "bsl", "British Sign Language (BSL) interpreter"
    LARGE_PRINT = "large_print", "Materials in large print"
    STEP_FREE = "step_free", "Step-free access"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Offered a place"
    CANCELLED = "cancelled", "Cancelled"


ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.OFFERED)
HOLDING_SEAT = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


class Registration(models.Model):
    """One person's place, or place in the queue. There is no token here: the personal links (core/links.py) keep
    only a hash, and each email carries a new link to the same registration."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField("your name", max_length=200)
    email = models.EmailField("your email address")
    organisation = models.CharField("your organisation", max_length=200, blank=True)
    sector = models.CharField("your sector", max_length=32, choices=Sector.choices, blank=True)
    role = models.CharField("your role", max_length=200, blank=True)
    access_needs = models.JSONField(default=list, blank=True)
    access_other = models.TextField("other access needs", blank=True)
    consent_recorded = models.BooleanField("agrees to being recorded", default=False)
    consent_attendee_list = models.BooleanField("agrees to appear on the attendee list", default=False)
    consent_theme_updates = models.BooleanField("wants to hear about this theme", default=False)
    status = models.CharField(max_length=16, choices=RegistrationStatus.choices)
    waiting_position = models.PositiveIntegerField(null=True, blank=True, help_text="Order on the waiting list")
    offer_expires = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    consent_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    # From an attendance report (attendance.py) or a check-in by hand at the door.
    minutes_attended = models.PositiveIntegerField(null=True, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="When the registrant's details were erased (core/retention.py)."
    )

    class Meta:
        ordering = ["created", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "waiting_position"]),
            # A person's attendance is found by their address, whatever its case (events/history.py).
            models.Index(Lower("email"), name="registration_lower_email"),
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def need_labels(self) -> list[str]:
        labels = dict(AccessNeed.choices)
        named = [str(labels.get(n, n)) for n in self.access_needs]
        return [*named, self.access_other] if self.access_other else named


class AttendanceUpload(models.Model):
    """An attendance report uploaded and waiting for a staff member to confirm what it matched; its content goes
    once the attendance is saved (or a newer upload for the event replaces it)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance_uploads")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    imported_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.filename} – {self.event}"


class Sent(models.Model):
    """A message sent once to everyone on an event (a reminder, the joining link): the unique row is taken before
    the mail goes, so a worker that restarts or runs twice does not send it again."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sent")
    kind = models.CharField(max_length=40)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "kind"], name="events_sent_once")]

    def __str__(self):
        return f"{self.kind} – {self.event}"


class SubscriptionSource(models.TextChoices):
    PAGE = "page", "Followed from the programme"
    REGISTRATION = "registration", "Asked when registering"


class Subscription(models.Model):
    """Someone following a theme (follow.py): sent each new event in it and each recording. It counts only once
    confirmed through the link emailed to the address (double opt-in). Unsubscribing erases the address and keeps
    the row, so the theme's figures still count who followed and who left."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField("email address")
    source = models.CharField(max_length=16, choices=SubscriptionSource.choices, default=SubscriptionSource.PAGE)
    created = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="When the address was erased (core/retention.py)."
    )

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "theme", condition=models.Q(erased_at__isnull=True), name="events_follow_once"
            )
        ]
        indexes = [models.Index(fields=["theme", "confirmed_at"])]

    def __str__(self):
        return f"{self.email} following {self.theme}"
