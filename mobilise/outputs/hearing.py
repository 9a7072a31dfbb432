"""Who should hear a finding: the project's stakeholders ranked by how well the finding's words match what they say
matters to them, how they decide and the audiences they belong to (core/ranking.py), weighted by influence,
interest and attitude. Worked out on each request from live data; nothing is stored, nothing learns from choices.

The weights were set on the tuning half of the labelled set in bench/hearing.json and are reported on the other
half by `make bench` (bench/hearing.py).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from mobilise.core import ranking
from mobilise.directory.models import Sector
from mobilise.projects.models import Project
from mobilise.stakeholders import access as stakeholder_access
from mobilise.stakeholders.access import Profile
from mobilise.stakeholders.models import Attitude

from . import access
from .models import Audience, AudienceKind, Dissemination, Finding

# How much a stakeholder's standing counts beside the words: score = relevance x (BASE + influence x interest / 25)
# x the attitude's weight. A stakeholder not yet scored counts as 3 and 3. BASE and the attitudes' weights are the
# best of a grid (BASE 0.05 to 100, a champion 1 to 1.4) on the tuning half: precision at 5 went from 0.65 to 0.70.
BASE = 1.0
UNSCORED = 3
ATTITUDE = {
    Attitude.CHAMPION: 1.4,
    Attitude.SUPPORTIVE: 1.2,
    Attitude.NEUTRAL: 1.0,
    Attitude.SCEPTICAL: 1.0,
    Attitude.UNKNOWN: 1.0,
}
SHOWN = 20  # suggestions a page
SECTORS = dict(Sector.choices)


@dataclass
class Told:
    output: str
    sent_on: datetime.date


@dataclass
class Suggestion:
    entry: Profile
    score: float
    match: ranking.Match
    told: Told | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The words in common, strongest first: worked out when read (a page shows 20 of thousands)."""
        return self.match.words

    @property
    def standing(self) -> tuple[int, int]:
        """Influence and interest as the ranking counts them."""
        scored = self.entry.influence is not None and self.entry.interest is not None
        return (self.entry.influence, self.entry.interest) if scored else (UNSCORED, UNSCORED)  # type: ignore[return-value]

    @property
    def scored(self) -> bool:
        return self.entry.influence is not None

    @property
    def attitude_weight(self) -> float:
        return ATTITUDE.get(self.entry.attitude, 1.0)

    @property
    def why(self) -> str:
        """The reasons for the place in the ranking, in words: what an adviser reads to trust or overrule it."""
        parts = [f"Words in common: {', '.join(self.words)}." if self.words else "No words in common."]
        if self.scored:
            parts.append(f"Influence {self.entry.influence}, interest {self.entry.interest}.")
        else:
            parts.append(f"Not yet scored: counted as influence {UNSCORED}, interest {UNSCORED}.")
        if self.attitude_weight != 1.0:
            parts.append(f"{Attitude(self.entry.attitude).label}: counts {self.attitude_weight:g} times.")
        if self.told:
            parts.append(f"Already sent “{self.told.output}” on {self.told.sent_on.day} {self.told.sent_on:%B %Y}.")
        return " ".join(parts)


@dataclass
class Hearing:
    suggested: list[Suggestion]  # words in common with the finding, best first, not yet told
    told: list[Suggestion]  # already sent an output carrying the finding, in the same order
    unmatched: int  # stakeholders with no word in common
    left_out: int  # marked do not contact: never suggested
    everyone: list[Suggestion] = field(repr=False, default_factory=list)


def _audience_texts(project: Project) -> dict[int, list[str]]:
    """The words of the audiences each stakeholder belongs to: the audience's name, kind and what it must decide."""
    texts: dict[int, list[str]] = {}
    rows = Audience.stakeholders.through.objects.filter(audience__project=project).values_list(
        "stakeholder_id", "audience__name", "audience__kind", "audience__needs"
    )
    for pk, name, kind, needs in rows:
        texts.setdefault(pk, []).extend([name, AudienceKind(kind).label, needs])
    return texts


def rank(project: Project, query: str) -> tuple[list[Suggestion], int]:
    """Every stakeholder of the project who may be contacted, best first, for a finding's text or any other; and
    how many were left out as marked do not contact."""
    every = stakeholder_access.profiles(project)
    entries = [e for e in every if not e.do_not_contact]
    audiences = _audience_texts(project)
    documents = ["\n".join([e.name, SECTORS.get(e.sector, ""), e.text, *audiences.get(e.pk, [])]) for e in entries]
    suggestions = []
    for entry, match in zip(entries, ranking.rank(query, documents), strict=True):
        suggestion = Suggestion(entry, 0.0, match)
        influence, interest = suggestion.standing
        suggestion.score = match.relevance * (BASE + influence * interest / 25) * suggestion.attitude_weight
        suggestions.append(suggestion)
    suggestions.sort(key=lambda s: (-s.score, -s.standing[0] * s.standing[1], s.entry.name, s.entry.pk))
    return suggestions, len(every) - len(entries)


def baseline(project: Project) -> list[Suggestion]:
    """The same stakeholders by influence times interest alone, the order a team without the ranker would use."""
    suggestions, _ = rank(project, "")
    suggestions.sort(key=lambda s: (-s.standing[0] * s.standing[1], s.entry.name, s.entry.pk))
    return suggestions


def places(project: Project, finding: Finding) -> list[tuple[str, str]]:
    """Where people can be added from the ranking, as (value, text): the project's audiences, its workshops still
    to come, and the send list of each output that carries the finding."""
    from mobilise.engagement import access as engagement_access

    upcoming = engagement_access.workshops(project).filter(starts__gt=timezone.now()).order_by("starts", "pk")
    carrying = finding.outputs.order_by("title", "pk")
    return [
        *((f"audience-{a.pk}", f"Audience: {a.name}") for a in Audience.objects.filter(project=project)),
        *((f"workshop-{w.pk}", f"Invitations to the workshop: {w.title}") for w in upcoming),
        *((f"output-{o.pk}", f"Send list of the output: {o.title}") for o in carrying),
    ]


def _told(finding: Finding) -> dict[int, Told]:
    """Who was sent an output carrying the finding: the latest sending to each."""
    told: dict[int, Told] = {}
    rows = (
        Dissemination.stakeholders.through.objects.filter(dissemination__output__findings=finding)
        .order_by("dissemination__sent_on", "dissemination__pk")
        .values_list("stakeholder_id", "dissemination__output__title", "dissemination__sent_on")
    )
    for pk, title, sent_on in rows:
        told[pk] = Told(title, sent_on)
    return told


def hearing(project: Project, finding: Finding) -> Hearing:
    everyone, left_out = rank(project, access.finding_text(finding))
    told = _told(finding)
    for suggestion in everyone:
        suggestion.told = told.get(suggestion.entry.pk)
    matched = [s for s in everyone if s.score > 0]
    return Hearing(
        suggested=[s for s in matched if s.told is None],
        told=[s for s in everyone if s.told is not None],
        unmatched=sum(1 for s in everyone if s.score <= 0 and s.told is None),
        left_out=left_out,
        everyone=everyone,
    )
