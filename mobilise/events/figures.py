"""The programme's figures for one event or a whole theme: registrations, the waiting list, attendance and
no-shows, by sector and organisation type, new and returning organisations, and the feedback. Each table is plain
rows, for the staff page (a chart beside each), the XLSX download and the programme report alike:

    from mobilise.events.figures import event_figures, theme_figures
    tables = theme_figures(theme)   # list[Table]

A fixed number of queries whatever the number of registrations (three, plus three for each event's feedback).
Counts include registrations erased under the retention rules: erasure keeps the row, without the person.

Definitions: a registration is anyone who signed up (cancelled ones too); places are the confirmed; the waiting list
is everyone waiting or holding an offer now; attended is a confirmed place marked attended (by the report or at the
door); no-shows are places marked not attended; the attendance rate is attended over places whose attendance is
recorded. An organisation is the registrant's own spelling, lower-cased; it is returning if anyone from it
registered for an event that started earlier. Organisation type is the sector of the directory organisation of that
name, "Not in the directory" otherwise."""

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from django.db.models import Count

from mobilise.core.periods import within
from mobilise.directory.access import sectors_by_name
from mobilise.directory.models import Sector
from mobilise.documents.figures import Table
from mobilise.evaluation import access as evaluation

from .models import Event, EventStatus, Registration, RegistrationStatus, Theme

Rows = Sequence[Mapping[str, Any]]
NOT_IN_DIRECTORY = "Not in the directory"
NOT_GIVEN = "Not given"


def _org(name: str) -> str:
    return " ".join(name.lower().split())


def _rate(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _counted(events: Sequence[Event]) -> dict[int, Counter]:
    """{event pk: registrations counted by (status, attended)}, in one grouped query: a few rows for each event,
    however many registered."""
    counts: dict[int, Counter] = {e.pk: Counter() for e in events}
    rows = Registration.objects.filter(event__in=list(counts)).values_list("event", "status", "attended")
    for event, status, attended, n in rows.annotate(n=Count("pk")).order_by():
        counts[event][status, attended] = n
    return counts


def _summary(counts: Counter) -> Table:
    """From registrations counted by (status, attended)."""
    statuses: Counter = Counter()
    for (status, _), n in counts.items():
        statuses[status] += n
    places = statuses[RegistrationStatus.CONFIRMED]
    came, missed = counts[RegistrationStatus.CONFIRMED, True], counts[RegistrationStatus.CONFIRMED, False]
    return Table(
        "Registrations and attendance",
        ["Measure", "People"],
        [
            ["Registrations", statuses.total()],
            ["Places taken", places],
            ["Waiting list", statuses[RegistrationStatus.WAITING] + statuses[RegistrationStatus.OFFERED]],
            ["Cancelled", statuses[RegistrationStatus.CANCELLED]],
            ["Attended", came],
            ["No-shows", missed],
            ["Attendance not recorded", places - came - missed],
            ["Attendance rate", _rate(came, came + missed)],
        ],
        chart=False,
    )


def _breakdown(title: str, label: str, rows: Rows, key: Callable[[Mapping[str, Any]], str]) -> Table:
    registered: Counter = Counter()
    came: Counter = Counter()
    for r in rows:
        registered[key(r)] += 1
        came[key(r)] += r["status"] == RegistrationStatus.CONFIRMED and r["attended"] is True
    ordered = sorted(registered, key=lambda k: (-registered[k], k))
    return Table(title, [label, "Registrations", "Attended"], [[k, registered[k], came[k]] for k in ordered])


def _organisations(rows: Rows, first: Any) -> Table:
    """New and returning organisations: returning if anyone from it registered for an event that started before
    `first` (the event, or the theme's first event)."""
    names = {_org(r["organisation"]) for r in rows if r["organisation"].strip()}
    earlier = set()
    if names and first is not None:
        before = Registration.objects.filter(event__start__lt=first).exclude(organisation="")
        earlier = {_org(n) for n in before.values_list("organisation", flat=True).distinct()} & names
    return Table(
        "New and returning organisations",
        ["Organisations", "Count"],
        [["New", len(names - earlier)], ["Returning", len(earlier)]],
    )


def _feedback(events: Sequence[Event]) -> Table:
    """Each rating and choice question of the events' feedback forms: responses and the average or the most
    chosen answer."""
    rows = []
    for event in events:
        for form in evaluation.owned_forms(event):
            for item in form.summary:  # type: ignore[attr-defined]
                if not item.get("counts"):
                    continue
                top = max(item["counts"], key=lambda c: c[1])
                answer = item["mean"] if item.get("mean") is not None else (f"{top[0]} ({top[2]}%)" if top[1] else "–")
                prefix = f"{event.title}: " if len(events) > 1 else ""
                rows.append([prefix + item["question"].text, item["answered"], answer])
    return Table("Feedback", ["Question", "Responses", "Average or most chosen"], rows, chart=False)


def _tables(events: Sequence[Event], first: Any) -> list[Table]:
    rows = list(
        Registration.objects.filter(event__in=[e.pk for e in events]).values(
            "status", "attended", "sector", "organisation"
        )
    )
    sectors = dict(Sector.choices)
    types = sectors_by_name({_org(r["organisation"]) for r in rows if r["organisation"].strip()})
    return [
        _summary(Counter((r["status"], r["attended"]) for r in rows)),
        _breakdown("By sector", "Sector", rows, lambda r: str(sectors.get(r["sector"], NOT_GIVEN))),
        _breakdown(
            "By organisation type",
            "Organisation type",
            rows,
            lambda r: str(sectors.get(types.get(_org(r["organisation"]), ""), NOT_IN_DIRECTORY)),
        ),
        _organisations(rows, first),
        _feedback(events),
    ]


def event_figures(event: Event) -> list[Table]:
    return _tables([event], event.start)


def _by_event(events: Sequence[Event], counts: dict[int, Counter]) -> Table:
    rows = [[e.title, counts[e.pk].total(), counts[e.pk][RegistrationStatus.CONFIRMED, True]] for e in events]
    return Table("By event", ["Event", "Registrations", "Attended"], rows)


def theme_figures(theme: Theme) -> list[Table]:
    """The theme's events together, and one row for each event."""
    events = list(theme.events.exclude(status="draft").order_by("start", "pk"))
    tables = _tables(events, events[0].start if events else None)
    return [*tables[:1], _by_event(events, _counted(events)), *tables[1:]]


def period_figures(start: date, end: date) -> list[Table]:
    """The webinars that started in the period (drafts and cancelled ones left out): registrations and attendance
    together, and one row for each webinar; for the programme report. Two queries, whatever the number."""
    held = Event.objects.filter(within("start", start, end)).exclude(
        status__in=[EventStatus.DRAFT, EventStatus.CANCELLED]
    )
    events = list(held.order_by("start", "pk"))
    counts = _counted(events)
    webinars = Table("Webinars held", ["Measure", "Count"], [["Webinars", len(events)]], chart=False)
    return [webinars, _summary(sum(counts.values(), Counter())), _by_event(events, counts)]
