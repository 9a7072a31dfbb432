"""The support service's share of the benchmark programme: requests through the public form, the cases accepted
requests became and their advice logs, and the system priorities. Request 1's case is the busiest (the page
measured), led by the adviser."""

import datetime as dt

from django.utils import timezone

from mobilise.projects.models import Stage
from mobilise.support.models import (
    DECISIONS,
    AdviceEntry,
    AdviceKind,
    Case,
    Need,
    Outcome,
    Priority,
    PriorityStatus,
    RequesterType,
    Status,
    SupportRequest,
)

# The states of requests that did not become cases.
OTHER_STATES = [status for status in Status if status != Status.ACCEPTED]
FLAGSHIP_ADVICE = 200


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build(builder) -> None:
    s, rng = builder.scale, builder.rng
    needs, types, stages = list(Need.values), list(RequesterType.values), list(Stage.values)
    requests, themes = [], SupportRequest.themes.through
    for n in range(1, s.support_requests + 1):
        accepted = n <= s.support_cases
        status = Status.ACCEPTED if accepted else rng.choice(OTHER_STATES)
        submitted = _moment(builder.day(1000), rng.randint(8, 17))
        responded = status != Status.SUBMITTED
        requests.append(
            SupportRequest(
                pk=n,
                reference=f"KMB-B{n:07d}",
                status=status,
                submitted=submitted,
                name=builder.words(2).title(),
                email=f"requester{n}@example.org",
                organisation_name=f"{builder.words(2).title()} Trust",
                role="Researcher",
                requester_type=rng.choice(types),
                needs=rng.sample(needs, rng.randint(1, 3)),
                project_title=f"{builder.words(6).capitalize()} ({n})",
                stage=rng.choice(stages),
                summary=builder.paragraph(2),
                consent_at=submitted,
                assignee_id=2 if n % 3 == 0 or n == 1 else None,
                first_response_at=submitted + dt.timedelta(hours=rng.randint(2, 120)) if responded else None,
                decided_at=submitted + dt.timedelta(days=rng.randint(3, 30)) if status in DECISIONS else None,
            )
        )
        requests[-1].count_days()  # bulk inserts skip save()
    builder.insert(SupportRequest, requests)
    builder.insert(
        themes,
        (themes(supportrequest_id=n, theme_id=rng.randint(1, 12)) for n in range(1, s.support_requests + 1)),
    )
    # The system priorities advisers keep: one for every 30 requests (333 at full scale); priority 1 is measured.
    statuses = list(PriorityStatus.values)
    builder.insert(
        Priority,
        (
            Priority(
                pk=n,
                title=builder.words(6).capitalize(),
                description=builder.paragraph(1),
                organisation_id=rng.randint(1, s.organisations),
                raised=builder.day(700),
                status=statuses[0] if n == 1 else rng.choice(statuses),
                request_id=n if n % 4 == 0 else None,
            )
            for n in range(1, s.support_requests // 30 + 1)
        ),
    )
    outcomes = list(Outcome.values)
    builder.insert(
        Case,
        (
            Case(
                pk=n,
                request_id=n,
                lead_id=2 if n == 1 else rng.choice([2, *builder.team_ids[:20]]),
                project_id=n if n <= s.projects and n % 2 else None,
                opened=requests[n - 1].decided_at or requests[n - 1].submitted,
                closed=None if n == 1 or n % 3 else requests[n - 1].submitted + dt.timedelta(days=120),
                outcome="" if n == 1 or n % 3 else rng.choice(outcomes),
            )
            for n in range(1, s.support_cases + 1)
        ),
    )
    kinds = list(AdviceKind.values)
    sizes = builder.split(s.advice_entries, s.support_cases, min(FLAGSHIP_ADVICE, s.advice_entries // 4))
    builder.insert(
        AdviceEntry,
        (
            AdviceEntry(
                case_id=case,
                date=builder.day(700),
                kind=rng.choice(kinds),
                minutes=rng.choice([15, 30, 45, 60, 90, 120]),
                notes=builder.sentence(20),
                next_step=builder.sentence(8) if rng.random() < 0.3 else "",
                next_step_due=builder.day(60) + dt.timedelta(days=60) if rng.random() < 0.3 else None,
                by_id=2,
            )
            for case, size in enumerate(sizes, start=1)
            for _ in range(size)
        ),
    )
