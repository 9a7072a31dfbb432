"""The write load: users saving at once for a while, each from an address of its own behind the trusted proxy (the
proxy names the client in X-Real-IP, which is all the site reads), then a check that every write the server
acknowledged is in the database, and an undo of them all, so the dataset stays as built.

Each user, signed in as one of the flagship project's editors, takes its turn at three writes on a stakeholder of
its own: it logs an interaction with them, rescores them, and answers the project's feedback form as a new visitor
(people in a room, one browser each). Whenever the registration form it opened has been open long enough for the
time trap, a new visitor from its address registers for a webinar made for the run. Each write carries a marker
of its own (the interaction's summary, the score change's reason, the registrant's email, the feedback's free-text
answer), looked for afterwards.
"""

import random
import secrets
import time
from collections import Counter

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mobilise.core.models import RateEvent
from mobilise.engagement.models import Interaction
from mobilise.evaluation.models import FeedbackForm, FeedbackResponse, QuestionKind
from mobilise.evaluation.views.public import THROTTLE as FEEDBACK_THROTTLE
from mobilise.projects import generations
from mobilise.projects.models import Membership, Role
from mobilise.stakeholders.models import ScoreChange, Stakeholder

from .flood import FILL_SECONDS, Visitor, new_event, remove_event
from .import_load import THINK_SECONDS
from .load import _session, run_together
from .measure import P, timings

# Long enough for a registration's time trap, so that a short run makes every kind of write too.
MIN_SECONDS = FILL_SECONDS + 2
SLUG = "bench-write-load"
# What a user changes on its stakeholder, put back afterwards.
RESTORED = ("interest", "influence", "impact", "attitude", "version", "last_contact", "next_contact", "updated")
INTERACTIONS, SCORES, REGISTRATIONS, FEEDBACK = "interactions", "score changes", "registrations", "feedback responses"
SENT = "Your answers have been sent."  # the feedback form's thanks for a response it kept

# The history the writes add, the rows naming an interaction's stakeholders and team before the rows they name.
HISTORY = (
    *(related.related_model for related in Interaction.history.model._meta.related_objects),
    Interaction.history.model,
    Stakeholder.history.model,
)


def _marks():
    """The last row of each table the writes add to; the writes' rows come after."""
    models = (Interaction, ScoreChange, FeedbackResponse, *HISTORY)
    return {model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0 for model in models}


def _redirected(to):
    """Whether an answer is the redirect that follows a saved form: to the page of what it saved."""
    return lambda status, page: status == 302 and to in page


class Writer:
    """One simulated person: their address, signed-in session and stakeholder, and the markers of the writes the
    server acknowledged."""

    def __init__(self, port, number, email, stakeholder, seed):
        self.port, self.number, self.stakeholder = port, number, stakeholder
        self.address = f"203.0.113.{100 + number}"
        self.rng = random.Random(seed + number)
        self.editor = Visitor(port, self.address)
        self.csrf = secrets.token_hex(16)  # Django takes a secret the client chose, as the cookie and the field
        self.editor.cookies[settings.SESSION_COOKIE_NAME] = _session(email)
        self.editor.cookies[settings.CSRF_COOKIE_NAME] = self.csrf
        self.influence = stakeholder["influence"]
        self.acknowledged = {INTERACTIONS: [], SCORES: [], REGISTRATIONS: [], FEEDBACK: []}
        self.latencies, self.errors, self.writes = [], [], 0
        self.registrant, self.registration, self.opened = None, {}, 0.0

    def marker(self, kind):
        self.writes += 1
        return f"bench-write-{self.number}-{self.writes}-{kind.split()[0]}"

    def post(self, visitor, kind, marker, path, fields, acknowledged):
        """Post a write; its marker is kept when the answer is the one that means saved."""
        start = time.perf_counter()
        try:
            status, page = visitor.request("POST", path, fields)
        except OSError as error:
            status, page = repr(error), ""
        self.latencies.append((time.perf_counter() - start) * 1000)
        if acknowledged(status, page):
            self.acknowledged[kind].append(marker)
        else:
            self.errors.append(f"{path}: {status}")

    def log_interaction(self):
        marker = self.marker(INTERACTIONS)
        fields = {
            "csrfmiddlewaretoken": self.csrf,
            **{f"date[{part}]": getattr(timezone.localdate(), part) for part in ("day", "month", "year")},
            "kind": "meeting",
            "stakeholders": self.stakeholder["pk"],
            "summary": marker,
        }
        saved = _redirected(f"{P}/engagement/interactions/")
        self.post(self.editor, INTERACTIONS, marker, f"{P}/engagement/log/", fields, saved)

    def rescore(self):
        marker = self.marker(SCORES)
        self.influence = self.influence % 5 + 1  # a change each time: an unchanged score keeps no history
        fields = {
            "csrfmiddlewaretoken": self.csrf,
            "influence": self.influence,
            "interest": self.rng.randint(1, 5),
            "impact": self.rng.randint(1, 5),
            "attitude": self.stakeholder["attitude"],
            "reason": marker,
        }
        path = f"{P}/stakeholders/{self.stakeholder['pk']}/"
        self.post(self.editor, SCORES, marker, f"{path}scores/", fields, _redirected(path))

    def answer_feedback(self, token, question):
        path = f"/feedback/{token}/"
        person = Visitor(self.port, self.address)
        marker = self.marker(FEEDBACK)
        fields = {**person.open_form(path), f"q{question}": marker}
        self.post(person, FEEDBACK, marker, path, fields, lambda status, page: status == 200 and SENT in page)

    def open_registration(self, slug):
        self.registrant = Visitor(self.port, self.address)
        self.registration = self.registrant.open_form(f"/events/{slug}/")
        self.opened = time.monotonic()

    def register(self, slug):
        email = f"{self.marker(REGISTRATIONS)}@example.org"
        fields = {**self.registration, "name": "Write load", "email": email, "organisation": "Bench Trust"}
        path = f"/events/{slug}/register/"
        self.registration = {}  # the next person opens the form afresh
        self.post(self.registrant, REGISTRATIONS, email, path, fields, _redirected(f"/events/{slug}/registered/"))


def _feedback_question(feedback):
    """The id (as the answers name it) of the form's free-text question, which holds a response's marker."""
    return str(feedback.questions.filter(kind=QuestionKind.TEXT).values_list("pk", flat=True)[0])


def _present(marks, event, feedback, question):
    """The markers of the writes found in the database."""
    answers = FeedbackResponse.objects.filter(form=feedback, pk__gt=marks[FeedbackResponse]).values_list("answers")
    return {
        INTERACTIONS: set(Interaction.objects.filter(pk__gt=marks[Interaction]).values_list("summary", flat=True)),
        SCORES: set(ScoreChange.objects.filter(pk__gt=marks[ScoreChange]).values_list("reason", flat=True)),
        REGISTRATIONS: set(event.registrations.values_list("email", flat=True)),
        FEEDBACK: {answer.get(question) for (answer,) in answers},
    }


def _undo(marks, snapshot, event, since):
    """Delete what the writes added and put the stakeholders back as they were. The ORM's deletes, whose signals
    move the project's data on; the restoring update() sends none, so it moves it on itself."""
    Interaction.objects.filter(pk__gt=marks[Interaction]).delete()
    ScoreChange.objects.filter(pk__gt=marks[ScoreChange]).delete()
    FeedbackResponse.objects.filter(pk__gt=marks[FeedbackResponse]).delete()
    for model in HISTORY:  # the deletes' own history rows too
        model.objects.filter(pk__gt=marks[model]).delete()
    for row in snapshot:
        Stakeholder.objects.filter(pk=row["pk"]).update(**{field: row[field] for field in RESTORED})
    generations.bump([1])
    remove_event(event)
    RateEvent.objects.filter(scope__startswith=FEEDBACK_THROTTLE.scope).delete()
    DBTaskResult.objects.filter(enqueued_at__gte=since).delete()  # the registrants' mails, never to be sent


def run(port, *, users, seconds, seed, log):
    """`users` users writing for `seconds` (MIN_SECONDS at least) against the server on port, which must trust
    127.0.0.1 as its proxy; then every acknowledged write looked for, and all of them undone."""
    editors = list(
        Membership.objects.filter(project_id=1, role__in=[Role.LEAD, Role.MEMBER])
        .order_by("pk")
        .values_list("user__email", flat=True)
    )
    scored = Stakeholder.objects.filter(project_id=1, influence__isnull=False).order_by("pk")
    snapshot = list(scored.values("pk", *RESTORED)[:users])
    feedback = FeedbackForm.objects.get(pk=1)  # the flagship's, as the feedback summary page measures it
    question = _feedback_question(feedback)
    since, marks = timezone.now(), _marks()
    event = new_event(SLUG, "The benchmark's write load", seats=100_000)
    writers = [Writer(port, n, editors[n % len(editors)], snapshot[n], seed) for n in range(users)]
    stop = time.monotonic() + max(seconds, MIN_SECONDS)

    def work(writer):
        turns = [writer.log_interaction, writer.rescore, lambda: writer.answer_feedback(feedback.token, question)]
        while time.monotonic() < stop:
            try:
                if not writer.registration:
                    writer.open_registration(event.slug)
                elif time.monotonic() - writer.opened >= FILL_SECONDS:
                    writer.register(event.slug)
                else:
                    turns[writer.writes % len(turns)]()
            except (OSError, RuntimeError) as error:  # a form that would not open: counted, and the user goes on
                writer.errors.append(repr(error))
            time.sleep(writer.rng.uniform(*THINK_SECONDS))

    elapsed = run_together(work, writers)
    present = _present(marks, event, feedback, question)
    _undo(marks, snapshot, event, since)
    acknowledged, missing, errors = Counter(), [], []
    for writer in writers:
        for kind, markers in writer.acknowledged.items():
            acknowledged[kind] += len(markers)
            missing += [marker for marker in markers if marker not in present[kind]]
        errors += writer.errors
    result = {
        "users": users,
        "seconds": round(elapsed, 1),
        "writes": acknowledged.total(),
        "writes_per_second": round(acknowledged.total() / elapsed, 1),
        "by_kind": dict(acknowledged),
        **timings([ms for writer in writers for ms in writer.latencies]),
        "errors": len(errors),
        "error_samples": errors[:5],
        "missing": len(missing),
        "missing_samples": missing[:5],
    }
    log(
        f"  write load: {users} users from distinct addresses, {elapsed:.0f} s: {result['writes']} writes "
        f"acknowledged ({', '.join(f'{n} {kind}' for kind, n in acknowledged.items())}), p95 {result['p95_ms']} ms, "
        f"p99 {result['p99_ms']} ms, {result['errors']} errors, {result['missing']} missing afterwards"
    )
    return result
