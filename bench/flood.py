"""Public forms under a flood, as production meets it: gunicorn behind a trusted proxy (loopback here), which
names each client in X-Real-IP.

- A flood: one address posts the form `posts` times as fast as `threads` connections allow, the way a script does
  it (it opens the form once, then replays the post with the cookies and token it was given). A handful go
  through; every other post is refused with the "too many requests" message; none fails; nothing is kept twice.
- Distinct people: `posts` visitors from distinct addresses each open the form, fill it in and confirm it; every
  request is kept.
- A webinar rush (`registrations`): that many people from distinct addresses open a new event's page with `seats`
  places and register at the same moment. Exactly `seats` get a place, everyone else joins the waiting list in
  order (or is refused by the throttle, which distinct people should never meet), nobody is over-booked and no
  request fails; each registration post is timed.
"""

import datetime as dt
import http.client
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone

from mobilise.core.models import PersonalLink, RateEvent
from mobilise.events.models import Event, EventStatus, Registration, RegistrationStatus, Theme
from mobilise.events.views.public import THROTTLE as REGISTRATION_THROTTLE
from mobilise.events.views.public import TOO_MANY as REGISTRATION_TOO_MANY
from mobilise.support.models import SupportRequest
from mobilise.support.views.public import REQUEST

FORM, CHECK, SENT = "/support/ask/", "/support/ask/check/", "/support/ask/sent/"
TOO_MANY = "Too many requests have come from your network"
# The form's time trap (core.forms.PublicFormMixin) refuses posts sent sooner than this after opening it.
FILL_SECONDS = 3.2


class Visitor:
    """One client: its address (through the proxy) and the cookies the site gives it."""

    def __init__(self, port: int, address: str) -> None:
        self.port, self.address, self.cookies = port, address, SimpleCookie()

    def request(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        """(status, the page; for a redirect, where it leads)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"X-Real-IP": self.address, "Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(header)
            return response.status, response.getheader("Location", "") if response.status == 302 else text
        finally:
            conn.close()

    def open_form(self, path: str = FORM) -> dict[str, str]:
        status, page = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"the form answered {status}")
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
        return {**hidden, "website": ""}

    def answers(self, fields: dict[str, str], n: int) -> dict:
        return {
            **fields,
            "name": f"Flood visitor {n}",
            "email": f"visitor{n}@example.org",
            "organisation_name": "Bench University",
            "role": "Researcher",
            "requester_type": "researcher",
            "needs": ["plan"],
            "project_title": f"Benchmark request {n}",
            "stage": "idea",
            "summary": "A request sent by the benchmark's flood test.",
            "consent": "on",
        }


def _status(visitor: Visitor, fields: dict) -> str:
    """How one post ended: 'sent' (kept), 'refused' (429 with the message, or turned back to the form), or what
    went wrong."""
    try:
        status, page = visitor.request("POST", FORM, fields)
        if status == 302:
            status, page = visitor.request("POST", CHECK, {"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"]})
            if status == 302:
                # Sent; or turned back to the form, its draft already sent by a replay racing it in the same session.
                return "sent" if page.endswith(SENT) else "refused"
            return "refused" if status == 429 and TOO_MANY in page else f"{status}"
        return "refused" if status == 429 and TOO_MANY in page else f"{status}"
    except OSError as error:
        return repr(error)


def run(port, *, posts, threads, log):
    """The flood and the distinct people against the server on port, which must trust 127.0.0.1 as its proxy."""
    before = SupportRequest.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # One address: the script opens the form once, then replays its post from many connections at once.
    script = Visitor(port, "203.0.113.7")
    fields = {**script.answers(script.open_form(), 0), "name": "Flood script"}
    time.sleep(FILL_SECONDS)
    lock, outcomes = threading.Lock(), []
    began = time.monotonic()

    def flood(_):
        outcome = _status(script, fields)
        with lock:
            outcomes.append(outcome)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(flood, range(posts)))
    flood_seconds = time.monotonic() - began
    flooded = SupportRequest.objects.filter(pk__gt=before).count()

    # Distinct people behind the proxy, each from their own address.
    people = [Visitor(port, f"198.51.{n // 250}.{n % 250 + 1}") for n in range(posts)]
    forms = [(p, p.answers(p.open_form(), n + 1)) for n, p in enumerate(people)]
    time.sleep(FILL_SECONDS)
    with ThreadPoolExecutor(threads) as pool:
        distinct = list(pool.map(lambda pair: _status(*pair), forms))
    made = SupportRequest.objects.filter(pk__gt=before)
    kept = made.count() - flooded
    names = list(made.filter(name__startswith="Flood visitor").values_list("name", flat=True))
    # Leave the dataset as it was built, for the next run: its requests, and the throttle's memory of this one.
    made.delete()
    RateEvent.objects.filter(scope__startswith=REQUEST.throttle.scope).delete()
    errors = [o for o in outcomes + distinct if o not in ("sent", "refused")]
    result = {
        "posts": posts,
        "seconds": round(flood_seconds, 1),
        "sent": outcomes.count("sent"),
        "kept": flooded,
        "refused": outcomes.count("refused"),
        "distinct_sent": distinct.count("sent"),
        "distinct_kept": kept,
        "duplicates": len(names) - len(set(names)),
        "errors": len(errors),
        "error_samples": errors[:5],
    }
    log(
        f"  flood: {posts} posts from one address in {flood_seconds:.1f} s: {result['sent']} kept, "
        f"{result['refused']} refused; {posts} people from distinct addresses: {kept} kept; "
        f"{result['duplicates']} duplicates, {result['errors']} errors"
    )
    return result


RUSH_SLUG = "bench-registration-rush"


def new_event(slug: str, title: str, seats: int) -> Event:
    """A new published event open for registration, with `seats` places and nobody registered yet (one an
    interrupted run left is replaced)."""
    Event.objects.filter(slug=slug).delete()
    theme = Theme.objects.order_by("pk").first() or Theme.objects.create(
        title="Benchmark", slug="bench-theme", year=2026, quarter=1
    )
    return Event.objects.create(
        theme=theme,
        title=title,
        slug=slug,
        description="Made and removed by the benchmark.",
        start=timezone.now() + dt.timedelta(days=30),
        capacity=seats,
        status=EventStatus.PUBLISHED,
    )


def remove_event(event: Event) -> None:
    """Leave the dataset as it was built: the event, its registrations and their links, the throttle's memory."""
    PersonalLink.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id__in=Registration.objects.filter(event=event).values("pk"),
    ).delete()
    event.delete()
    RateEvent.objects.filter(scope__startswith=REGISTRATION_THROTTLE.scope).delete()


def _register(visitor: Visitor, path: str, fields: dict) -> tuple[str, float]:
    """How one registration post ended ('registered', 'refused' or what went wrong) and how long it took (ms)."""
    start = time.perf_counter()
    try:
        status, page = visitor.request("POST", path, fields)
    except OSError as error:
        return repr(error), (time.perf_counter() - start) * 1000
    elapsed = (time.perf_counter() - start) * 1000
    if status == 302:
        return "registered", elapsed
    return ("refused" if status == 429 and REGISTRATION_TOO_MANY in page else f"{status}"), elapsed


def registrations(port, *, posts, seats, threads, log):
    """`posts` people from distinct addresses register at once for an event with `seats` places."""
    from .measure import timings

    event = new_event(RUSH_SLUG, "The benchmark's registration rush", seats)
    page, post = f"/events/{event.slug}/", f"/events/{event.slug}/register/"
    people = [Visitor(port, f"192.0.{n // 250}.{n % 250 + 1}") for n in range(posts)]

    def opened(pair):
        n, person = pair
        return person, {
            **person.open_form(page),
            "name": f"Rush visitor {n}",
            "email": f"rush{n}@example.org",
            "organisation": "Bench Trust",
            "sector": "",
            "role": "Researcher",
        }

    with ThreadPoolExecutor(threads) as pool:
        forms = list(pool.map(opened, enumerate(people)))
    time.sleep(FILL_SECONDS)
    began = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        outcomes = list(pool.map(lambda pair: _register(pair[0], post, pair[1]), forms))
    seconds = time.monotonic() - began
    kept = Registration.objects.filter(event=event)
    by_status = dict(kept.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    positions = list(kept.filter(status=RegistrationStatus.WAITING).values_list("waiting_position", flat=True))
    event.refresh_from_db()
    statuses = [o for o, _ in outcomes]
    errors = [o for o in statuses if o not in ("registered", "refused")]
    result = {
        "posts": posts,
        "seats": seats,
        "threads": threads,
        "seconds": round(seconds, 1),
        "confirmed": by_status.get(RegistrationStatus.CONFIRMED, 0),
        "waiting": by_status.get(RegistrationStatus.WAITING, 0),
        "kept": kept.count(),
        "registered": statuses.count("registered"),
        "refused": statuses.count("refused"),
        "seats_taken": event.seats_taken,
        # The waiting list must be 1, 2, 3 ... with no gap and no place given twice.
        "waiting_in_order": sorted(positions) == list(range(1, len(positions) + 1)),
        **timings([ms for _, ms in outcomes]),
        "errors": len(errors),
        "error_samples": errors[:5],
    }
    remove_event(event)
    log(
        f"  registration rush: {posts} people from distinct addresses for {seats} places in {seconds:.1f} s: "
        f"{result['confirmed']} confirmed, {result['waiting']} waiting, {result['refused']} refused, "
        f"{result['seats_taken']} seats taken, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, "
        f"{result['errors']} errors"
    )
    return result
