from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from .history import HistoricalRecords


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, is_adviser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Email is the login.

    is_adviser marks KMb advisers (staff of the support organisation), who see every supported project;
    is_staff marks administrators, who manage accounts in the admin site.
    """

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    is_adviser = models.BooleanField(
        "KMb adviser", default=False, help_text="Sees every project the programme supports."
    )
    is_staff = models.BooleanField("administrator", default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_any_case")]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        # Email is the login and is matched in any case, so it is stored in one.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_team_staff(self):
        """Staff accounts (advisers and administrators) may turn on two-factor authentication."""
        return self.is_adviser or self.is_staff


class RateEvent(models.Model):
    """One counted event (a failed sign-in, a reset email, a public form post) for rate limiting.

    Kept in the database so that limits hold across every server process; old rows are pruned as new ones come.
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=254)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created"]), models.Index(fields=["created"])]

    def __str__(self):
        return f"{self.scope}:{self.key} at {self.created:%Y-%m-%d %H:%M}"


class AboutQuerySet(models.QuerySet):
    """Rows about another object through a generic relation (content_type, object_id): links, reviews,
    assessments."""

    def about(self, obj: models.Model) -> "AboutQuerySet":
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class PersonalLink(models.Model):
    """A link sent to one person (an invitation; later a workshop reply, a request's status), made and read
    through core/links.py. Only a hash of its token is stored, so the database alone opens no link."""

    purpose = models.CharField(max_length=40)
    token_hash = models.CharField(max_length=64, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    once = models.BooleanField(default=True, help_text="Used up by the first action taken through it.")
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AboutQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.purpose} link for {self.content_type.model} {self.object_id}"


class SiteSettings(models.Model):
    """Who the support organisation is, in its own words, for its public pages and emails; one row, kept by
    administrators in the admin site."""

    name = models.CharField("organisation name", max_length=200, default="Mereshire Health Innovation Network")
    region = models.CharField("region it serves", max_length=200, blank=True, default="Mereshire and the Vale")
    description = models.TextField(
        "who we are",
        blank=True,
        default=(
            "We help health and care researchers, innovators and services get research into practice. "
            "Our advisers work with you from the first idea to the difference your work makes."
        ),
    )
    contact_email = models.EmailField("contact email", blank=True, default="kmb@example.org")
    privacy_notice = models.TextField(
        blank=True,
        help_text="Shown on the privacy page. Paragraphs are separated by a blank line.",
        default=(
            "We use the details you give us only to answer your request and to support your work.\n\n"
            "Our advisers can see your request. We do not share your details with anyone else without asking you "
            "first.\n\n"
            "We keep your details for as long as we support you, and delete them when your request or case has "
            "been closed for a while. We keep counts that do not name you, to report on our work.\n\n"
            "You can ask us to delete your details at any time by writing to our contact email."
        ),
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "site settings"

    def __str__(self):
        return self.name

    @classmethod
    def load(cls) -> "SiteSettings":
        """The one row, made with the defaults the first time it is read."""
        return cls.objects.get_or_create(pk=1)[0]

    def privacy_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.privacy_notice.split("\n\n") if p.strip()]


class ReviewState(models.TextChoices):
    REQUESTED = "requested", "Waiting for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Review(models.Model):
    """One round of review of any reviewable object (see core/reviews.py): who sent it, for which version, to
    whom, and where it stands. A new round replaces the last; older rounds stay as the object's review history."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    object_version = models.PositiveIntegerField(default=1, help_text="The object's version that was sent.")
    requested_by = models.ForeignKey("User", null=True, on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(blank=True)
    state = models.CharField(max_length=20, choices=ReviewState.choices, default=ReviewState.REQUESTED)
    created = models.DateTimeField(default=timezone.now)

    objects = AboutQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created"])]

    def __str__(self):
        return f"Review of {self.content_type.model} {self.object_id}"


class Decision(models.TextChoices):
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"


class Reviewer(models.Model):
    """A person named to review, and their decision once they give it."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey("User", on_delete=models.CASCADE, related_name="reviews_asked")
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user__full_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="reviewer_once_per_review")]

    def __str__(self):
        return f"{self.user} on {self.review}"


class ReviewComment(models.Model):
    """A comment in a review, tied to a section of the object (a key the object declares) or to all of it ("")."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("User", null=True, on_delete=models.SET_NULL, related_name="+")
    section = models.CharField(max_length=40, blank=True)
    text = models.TextField()
    object_version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return self.text[:60]


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", "Asked for no more emails"
    BOUNCED = "bounced", "Bounced (the address does not take mail)"
    COMPLAINED = "complained", "Complained (marked our email as spam)"
    STAFF = "staff", "Stopped by staff"


class Suppression(models.Model):
    """An address sent nothing by any app (core/suppression.py, checked by core.mail when each message goes).
    Kept as long as it applies: forgetting the address would be the way to start mailing it again."""

    email = models.EmailField("email address")
    reason = models.CharField(max_length=20, choices=SuppressionReason.choices, default=SuppressionReason.STAFF)
    note = models.TextField(blank=True, help_text="Why, for other staff: a bounce message, a complaint, a call")
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey("User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created", "pk"]
        constraints = [models.UniqueConstraint(Lower("email"), name="suppression_email_unique_any_case")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Created(models.Model):
    """Who added a row (kept as nobody when their account goes, with no accessor on the user) and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Edited(Created):
    """Who added a row and when, and when it last changed."""

    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
