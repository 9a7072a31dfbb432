"""The benchmark's synthetic programme: built from a seed by bulk inserts, the same rows for the same seed and scale.

Project 1 is the flagship, the largest project in the programme: the pages are measured on it, so every figure
is the worst case a user of this programme meets. Primary keys are assigned here, not by the database, so related
rows can be written in large batches without reading ids back; sequences are reset at the end.
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction

from mobilise.core.models import User
from mobilise.directory.models import Organisation, Person, Sector
from mobilise.engagement.models import Action, Interaction, Kind
from mobilise.evaluation.models import (
    Actual,
    Direction,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
    ImpactClaim,
    Indicator,
    Period,
    Question,
)
from mobilise.outputs.models import Audience, Finding, Output, Section, Version
from mobilise.outputs.models import Kind as OutputKind
from mobilise.planning.models import CAUSAL, Column, Element, Link, LogicModel
from mobilise.projects.models import Membership, Programme, Project, Role, Stage, Theme
from mobilise.stakeholders.models import (
    Attitude,
    Cadence,
    Relationship,
    RelationshipKind,
    ScoreChange,
    Stakeholder,
    StakeholderRole,
    due_date,
)
from mobilise.stakeholders.models import Role as StakeholderRoleKind

from . import generate_events, generate_library, generate_support

PASSWORD = "mobilise-bench"
LEAD_EMAIL = "lead@mobilise.test"
ADVISER_EMAIL = "adviser@mobilise.test"
# A fixed "today" for the data, so a seed always gives the same rows whatever day the benchmark is built.
ANCHOR = dt.date(2026, 11, 1)
BATCH = 5000


@dataclass(frozen=True)
class Scale:
    name: str
    projects: int
    users: int
    organisations: int
    people: int
    stakeholders: int
    interactions: int
    large_models: int
    indicators: int
    outputs: int
    flagship_stakeholders: int
    flagship_interactions: int
    flagship_indicators: int
    flagship_outputs: int
    feedback_responses: int
    import_rows: int
    support_requests: int
    support_cases: int
    advice_entries: int
    events: int
    registrations: int
    case_studies: int


SCALES = {
    "full": Scale(
        "full",
        projects=2000,
        users=400,
        organisations=8000,
        people=40000,
        stakeholders=100_000,
        interactions=1_000_000,
        large_models=20,
        indicators=20_000,
        outputs=10_000,
        flagship_stakeholders=2000,
        flagship_interactions=100_000,
        flagship_indicators=50,
        flagship_outputs=20,
        feedback_responses=2000,
        import_rows=100_000,
        support_requests=10_000,
        support_cases=5_000,
        advice_entries=50_000,
        events=500,
        registrations=100_000,
        case_studies=5_000,
    ),
    # The smoke scale runs in make test: every kind of row, few of them.
    "smoke": Scale(
        "smoke",
        projects=8,
        users=12,
        organisations=30,
        people=150,
        stakeholders=400,
        interactions=2000,
        large_models=1,
        indicators=40,
        outputs=30,
        flagship_stakeholders=120,
        flagship_interactions=800,
        flagship_indicators=6,
        flagship_outputs=6,
        feedback_responses=40,
        import_rows=500,
        support_requests=60,
        support_cases=30,
        advice_entries=300,
        events=10,
        registrations=800,
        case_studies=12,
    ),
}

WORDS = [
    "screening",
    "uptake",
    "community",
    "health",
    "women",
    "cancer",
    "invitation",
    "practice",
    "nurse",
    "primary",
    "care",
    "commissioner",
    "pathway",
    "language",
    "outreach",
    "trust",
    "faith",
    "leaders",
    "evaluation",
    "reminder",
    "letter",
    "appointment",
    "clinic",
    "evidence",
    "decision",
    "budget",
    "integrated",
    "board",
    "inequality",
    "access",
    "awareness",
    "follow-up",
    "referral",
    "programme",
    "local",
    "partnership",
    "workforce",
    "training",
    "pilot",
    "results",
    "data",
    "equity",
    "priority",
    "service",
]
FIRST = [
    "Amina",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Farah",
    "Grace",
    "Hassan",
    "Isla",
    "Jamal",
    "Kiran",
    "Leah",
    "Mo",
    "Nadia",
    "Omar",
    "Priya",
    "Ravi",
    "Sara",
    "Tom",
    "Uma",
    "Will",
    "Yusuf",
    "Zara",
]
LAST = [
    "Ahmed",
    "Brown",
    "Clarke",
    "Das",
    "Evans",
    "Fox",
    "Green",
    "Hussain",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Mistry",
    "Nowak",
    "Patel",
    "Rahman",
    "Singh",
    "Taylor",
    "Walker",
    "Young",
]
REGIONS = ["East of England", "London", "Midlands", "North East", "North West", "South East", "South West"]


class Builder:
    def __init__(self, scale, seed):
        self.scale = scale
        self.rng = random.Random(seed)
        self.counts = {}

    # --- helpers ---------------------------------------------------------------------------------------------

    def words(self, n):
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def sentence(self, n=14):
        return self.words(n).capitalize() + "."

    def paragraph(self, sentences=5):
        return " ".join(self.sentence(self.rng.randint(9, 20)) for _ in range(sentences))

    def day(self, back_days):
        return ANCHOR - dt.timedelta(days=self.rng.randint(0, back_days))

    def split(self, total, parts, first):
        """total rows over parts projects, the first taking first and the rest shared unevenly (a Pareto tail)."""
        rest = total - first
        weights = [self.rng.paretovariate(2.5) for _ in range(parts - 1)]
        scale = rest / sum(weights) if weights else 0
        shares = [max(1, int(w * scale)) for w in weights]
        if shares:
            shares[-1] = max(1, shares[-1] + rest - sum(shares))
        return [first, *shares]

    def insert(self, model, rows):
        """Bulk-insert an iterable of unsaved instances in batches; returns how many."""
        buffer, total = [], 0
        for row in rows:
            buffer.append(row)
            if len(buffer) >= BATCH:
                model.objects.bulk_create(buffer, batch_size=BATCH)
                total += len(buffer)
                buffer = []
        if buffer:
            model.objects.bulk_create(buffer, batch_size=BATCH)
            total += len(buffer)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + total
        return total

    # --- the programme ---------------------------------------------------------------------------------------

    def build(self):
        self.users()
        self.directory()
        self.projects()
        self.logic_models()
        self.stakeholders()
        self.interactions()
        self.outputs()
        self.evaluation()
        generate_support.build(self)
        generate_events.build(self)
        generate_library.build(self)
        models = [m for m in connection.introspection.installed_models(connection.introspection.table_names())]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        return self.counts

    def users(self):
        password = make_password(PASSWORD)
        people = [
            User(pk=1, email=LEAD_EMAIL, full_name="Lena Lead", password=password),
            User(pk=2, email=ADVISER_EMAIL, full_name="Adi Adviser", password=password, is_adviser=True),
        ]
        people += [
            User(
                pk=n,
                email=f"user{n}@mobilise.test",
                full_name=f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}",
                password=password,
                is_adviser=n % 40 == 0,
            )
            for n in range(3, self.scale.users + 1)
        ]
        self.insert(User, people)
        self.team_ids = list(range(3, self.scale.users + 1))

    def directory(self):
        s, rng = self.scale, self.rng
        sectors = list(Sector.values)
        self.insert(
            Organisation,
            (
                Organisation(
                    pk=n, name=f"{self.words(2).title()} {n}", sector=rng.choice(sectors), region=rng.choice(REGIONS)
                )
                for n in range(1, s.organisations + 1)
            ),
        )
        self.insert(
            Person,
            (
                Person(
                    pk=n,
                    full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
                    job_title=self.words(3).title(),
                    organisation_id=rng.randint(1, s.organisations),
                    email=f"person{n}@example.org",
                    lawful_basis="legitimate_interests",
                    do_not_contact=n % 97 == 0,
                )
                for n in range(1, s.people + 1)
            ),
        )

    def projects(self):
        s, rng = self.scale, self.rng
        self.insert(Programme, [Programme(pk=n, name=f"Programme {n}: {self.words(2)}") for n in range(1, 7)])
        self.insert(Theme, [Theme(pk=n, name=f"Theme {n}: {self.words(2)}") for n in range(1, 13)])
        stages = list(Stage.values)
        self.insert(
            Project,
            (
                Project(
                    pk=n,
                    title=f"{self.words(6).capitalize()} ({n})",
                    short_title=f"{self.rng.choice(WORDS).upper()}-{n}",
                    summary=self.paragraph(3),
                    funder="NIHR",
                    stage=rng.choice(stages),
                    programme_id=rng.randint(1, 6),
                    start_date=self.day(1500),
                    health_inequalities_focus=n % 3 == 0,
                )
                for n in range(1, s.projects + 1)
            ),
        )
        # The lead user leads the flagship and belongs to about one project in fifty, as a busy researcher would.
        memberships, pk = [], 0
        self.teams = {}
        for project in range(1, s.projects + 1):
            team = rng.sample(self.team_ids, min(4, len(self.team_ids)))
            roles = [Role.LEAD, Role.MEMBER, Role.MEMBER, Role.VIEWER]
            if project == 1 or project % 50 == 0:
                team[0] = 1
                roles[0] = Role.LEAD if project == 1 else Role.MEMBER
            self.teams[project] = team[:3]
            for user, role in zip(team, roles, strict=True):
                pk += 1
                memberships.append(Membership(pk=pk, project_id=project, user_id=user, role=role))
        self.insert(Membership, memberships)
        themes = Project.themes.through
        self.insert(
            themes,
            (themes(project_id=p, theme_id=t) for p in range(1, s.projects + 1) for t in rng.sample(range(1, 13), 2)),
        )
        advisers = Project.advisers.through
        self.insert(advisers, (advisers(project_id=p, user_id=2) for p in range(1, s.projects + 1, 3)))

    def logic_models(self):
        s, rng = self.scale, self.rng
        self.insert(
            LogicModel,
            (
                LogicModel(pk=p, project_id=p, problem=self.paragraph(2), population=self.words(8))
                for p in range(1, s.projects + 1)
            ),
        )
        large = [20, 60, 60, 60, 50, 30, 10]  # 290 causal elements and 10 notes: 300
        small = [2, 4, 4, 3, 2, 2, 1]
        elements, links, self.outcomes = [], [], {}
        element_pk = link_pk = 0
        for project in range(1, s.projects + 1):
            sizes = large if project <= s.large_models else small
            columns = []
            for column, size in zip(CAUSAL, sizes, strict=True):
                ids = []
                for position in range(size):
                    element_pk += 1
                    ids.append(element_pk)
                    elements.append(
                        Element(
                            pk=element_pk,
                            model_id=project,
                            column=column,
                            position=position,
                            text=self.words(rng.randint(3, 9)).capitalize(),
                        )
                    )
                columns.append(ids)
            for column in (Column.ASSUMPTIONS, Column.EXTERNAL):
                for position in range(5 if project <= s.large_models else 1):
                    element_pk += 1
                    elements.append(
                        Element(
                            pk=element_pk,
                            model_id=project,
                            column=column,
                            position=position,
                            text=self.sentence(8),
                            about_element_id=rng.choice(columns[1]),
                        )
                    )
            self.outcomes[project] = columns[3] + columns[4]
            # Each element leads to one or two in the next column, so every element is on a pathway.
            seen = set()
            for left, right in zip(columns, columns[1:], strict=False):
                for source in left:
                    for target in rng.sample(right, min(len(right), 2 if project <= s.large_models else 1)):
                        if (source, target) not in seen:
                            seen.add((source, target))
                            link_pk += 1
                            links.append(Link(pk=link_pk, model_id=project, source_id=source, target_id=target))
                for target in right:
                    if not any((source, target) in seen for source in left):
                        link_pk += 1
                        seen.add((left[0], target))
                        links.append(Link(pk=link_pk, model_id=project, source_id=left[0], target_id=target))
        self.insert(Element, elements)
        self.insert(Link, links)

    def stakeholders(self):
        s, rng = self.scale, self.rng
        sizes = self.split(s.stakeholders, s.projects, s.flagship_stakeholders)
        attitudes, cadences = list(Attitude.values), [c for c in Cadence.values if c != "as_needed"]
        roles, kinds = list(StakeholderRoleKind.values), list(RelationshipKind.values)
        self.members, self.cadences, self.scores = {}, {}, {}
        pk = role_pk = relationship_pk = 0

        def rows():
            nonlocal pk
            for project, size in enumerate(sizes, start=1):
                people = rng.sample(range(1, s.people + 1), min(s.people, int(size * 0.6)))
                organisations = rng.sample(range(1, s.organisations + 1), min(s.organisations, int(size * 0.3)))
                groups = size - len(people) - len(organisations)
                first = pk + 1
                for kind, ids in (("person", people), ("organisation", organisations), ("group", range(groups))):
                    for ref in ids:
                        pk += 1
                        self.cadences[pk] = rng.choice(cadences) if rng.random() < 0.7 else ""
                        # One in twenty is not yet scored: off the grid, listed beside it, no history point.
                        scores = (rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5))
                        self.scores[pk] = scores if rng.random() >= 0.05 else (None, None, None)
                        yield Stakeholder(
                            pk=pk,
                            project_id=project,
                            person_id=ref if kind == "person" else None,
                            organisation_id=ref if kind == "organisation" else None,
                            group_name=f"Community group {ref + 1}" if kind == "group" else "",
                            interest=self.scores[pk][0],
                            influence=self.scores[pk][1],
                            impact=self.scores[pk][2],
                            attitude=rng.choice(attitudes),
                            what_matters=self.sentence(12),
                            cadence=self.cadences[pk],
                            owner_id=rng.choice(self.teams[project]),
                            engaged=rng.random() < 0.4,
                            underserved=rng.random() < 0.1,
                        )
                self.members[project] = (first, pk)

        self.insert(Stakeholder, rows())

        def role_rows():
            nonlocal role_pk
            for stakeholder in range(1, pk + 1):
                for role in rng.sample(roles, rng.randint(1, 2)):
                    role_pk += 1
                    yield StakeholderRole(pk=role_pk, stakeholder_id=stakeholder, role=role)

        self.insert(StakeholderRole, role_rows())
        self.insert(
            ScoreChange,
            (
                ScoreChange(
                    pk=n,
                    stakeholder_id=n,
                    interest=self.scores[n][0],
                    influence=self.scores[n][1],
                    impact=self.scores[n][2],
                    attitude="unknown",
                    reason="First scored",
                )
                for n in range(1, pk + 1)
                if self.scores[n][0] is not None
            ),
        )

        def relationship_rows():
            nonlocal relationship_pk
            for project, (first, last) in self.members.items():
                seen = set()
                for _ in range(2 * (last - first + 1)):
                    source, target = rng.randint(first, last), rng.randint(first, last)
                    kind = rng.choice(kinds)
                    if source != target and (source, target, kind) not in seen:
                        seen.add((source, target, kind))
                        relationship_pk += 1
                        yield Relationship(
                            pk=relationship_pk, project_id=project, source_id=source, target_id=target, kind=kind
                        )

        self.insert(Relationship, relationship_rows())

    def interactions(self):
        s, rng = self.scale, self.rng
        sizes = self.split(s.interactions, s.projects, s.flagship_interactions)
        kinds = [k for k in Kind.values if k != "workshop"]
        stakeholders_through, team_through = Interaction.stakeholders.through, Interaction.team.through
        links, team, actions = [], [], []
        self.last_contact = {}
        pk = action_pk = 0

        def rows():
            nonlocal pk, action_pk
            for project, size in enumerate(sizes, start=1):
                first, last = self.members[project]
                for _ in range(size):
                    pk += 1
                    date = self.day(1095)
                    yield Interaction(
                        pk=pk,
                        project_id=project,
                        date=date,
                        kind=rng.choice(kinds),
                        subject=self.words(5).capitalize(),
                        summary=self.sentence(20),
                        learned=self.sentence(12),
                        created_by_id=self.teams[project][0],
                    )
                    # Contacts favour a core of stakeholders, as real engagement does.
                    for stakeholder in {
                        first + int((last - first) * rng.random() ** 2) for _ in range(rng.randint(1, 2))
                    }:
                        links.append(stakeholders_through(interaction_id=pk, stakeholder_id=stakeholder))
                        if date > self.last_contact.get(stakeholder, dt.date.min):
                            self.last_contact[stakeholder] = date
                    team.append(team_through(interaction_id=pk, user_id=rng.choice(self.teams[project])))
                    if rng.random() < 0.1:
                        action_pk += 1
                        actions.append(
                            Action(
                                pk=action_pk,
                                project_id=project,
                                interaction_id=pk,
                                description=self.sentence(8),
                                owner_id=rng.choice(self.teams[project]),
                                due=date + dt.timedelta(days=30),
                                agreed_on=date,
                                status="open" if rng.random() < 0.3 else "done",
                            )
                        )
                    if len(links) >= BATCH:
                        self.flush(stakeholders_through, links)
                        self.flush(team_through, team)
                        self.flush(Action, actions)

        self.insert(Interaction, rows())
        self.flush(stakeholders_through, links)
        self.flush(team_through, team)
        self.flush(Action, actions)
        # The contact dates services.record_contacts keeps, written in one UPDATE per pair of dates.
        by_dates = {}
        for stakeholder, last in self.last_contact.items():
            by_dates.setdefault((last, due_date(last, self.cadences[stakeholder])), []).append(stakeholder)
        for (last, next_contact), ids in by_dates.items():
            for start in range(0, len(ids), 500):
                Stakeholder.objects.filter(pk__in=ids[start : start + 500]).update(
                    last_contact=last, next_contact=next_contact
                )

    def flush(self, model, rows):
        self.insert(model, rows)
        rows.clear()

    def outputs(self):
        s, rng = self.scale, self.rng
        kinds = list(OutputKind.values)
        audiences, findings, outputs, sections, versions, chosen = [], [], [], [], [], []
        output_sizes = self.split(s.outputs, s.projects, s.flagship_outputs)
        audience_pk = finding_pk = output_pk = section_pk = 0
        for project, size in enumerate(output_sizes, start=1):
            project_audiences = []
            for _ in range(3):
                audience_pk += 1
                project_audiences.append(audience_pk)
                audiences.append(
                    Audience(
                        pk=audience_pk,
                        project_id=project,
                        kind="commissioners",
                        name=f"{self.words(3).title()} board",
                        target_grade=10,
                        needs=self.sentence(12),
                    )
                )
            project_findings = []
            for position in range(4):
                finding_pk += 1
                project_findings.append(finding_pk)
                findings.append(
                    Finding(
                        pk=finding_pk,
                        project_id=project,
                        statement=self.sentence(20),
                        certainty="moderate",
                        for_commissioning=self.sentence(15),
                        position=position,
                    )
                )
            for number in range(size):
                output_pk += 1
                # The flagship's first output is a four-page policy brief: the PDF the benchmark times.
                kind = OutputKind.POLICY_BRIEF if number == 0 else rng.choice(kinds)
                title = f"{self.words(6).capitalize()}"
                outputs.append(
                    Output(
                        pk=output_pk,
                        project_id=project,
                        kind=kind,
                        title=title,
                        audience_id=rng.choice(project_audiences),
                        created_by_id=self.teams[project][0],
                    )
                )
                body = []
                for position, heading in enumerate(
                    [
                        "Key messages",
                        "The problem",
                        "What we found",
                        "What this means for commissioners",
                        "Recommendations",
                    ]
                ):
                    section_pk += 1
                    text = "\n\n".join(self.paragraph(6) for _ in range(3 if project == 1 and number == 0 else 1))
                    sections.append(
                        Section(pk=section_pk, output_id=output_pk, heading=heading, body=text, position=position)
                    )
                    body.append({"heading": heading, "body": text})
                versions.append(
                    Version(pk=output_pk, output_id=output_pk, number=1, data={"title": title, "sections": body})
                )
                chosen += [
                    Output.findings.through(output_id=output_pk, finding_id=f) for f in rng.sample(project_findings, 2)
                ]
        self.insert(Audience, audiences)
        self.insert(Finding, findings)
        self.insert(Output, outputs)
        self.insert(Section, sections)
        self.insert(Version, versions)
        self.insert(Output.findings.through, chosen)

    def evaluation(self):
        s, rng = self.scale, self.rng
        questions = [
            Question(pk=n, project_id=p, focus="whom", text=self.sentence(12), methods=self.words(4))
            for n, p in enumerate((p for p in range(1, s.projects + 1) for _ in range(2)), start=1)
        ]
        self.insert(Question, questions)
        sizes = self.split(s.indicators, s.projects, s.flagship_indicators)
        breakdowns = {
            "Ethnicity": ["Bangladeshi", "Black African", "Indian", "Pakistani", "White British"],
            "Deprivation quintile": [f"{q}" for q in range(1, 6)],
        }
        quintiles = breakdowns["Deprivation quintile"]
        indicators, periods, actuals = [], [], []
        indicator_pk = period_pk = actual_pk = 0
        for project, size in enumerate(sizes, start=1):
            flagship = project == 1
            for _ in range(size):
                indicator_pk += 1
                direction = rng.choice([Direction.UP, Direction.DOWN])
                base = Decimal(rng.randint(20, 80))
                indicators.append(
                    Indicator(
                        pk=indicator_pk,
                        project_id=project,
                        element_id=rng.choice(self.outcomes[project]),
                        name=f"{self.words(4).capitalize()} ({indicator_pk})",
                        unit="%",
                        direction=direction,
                        baseline_value=base,
                        baseline_date=ANCHOR - dt.timedelta(days=900),
                        breakdowns=breakdowns if flagship else {"Deprivation quintile": quintiles},
                    )
                )
                # Flagship indicators: eight quarters with both breakdowns; others: five years with one category.
                for number in range(8 if flagship else 5):
                    period_pk += 1
                    step = 1 if direction == Direction.UP else -1
                    periods.append(
                        Period(
                            pk=period_pk,
                            indicator_id=indicator_pk,
                            label=f"P{number + 1}",
                            ends=ANCHOR - dt.timedelta(days=(8 - number) * 91),
                            target=base + step * 2 * (number + 1),
                        )
                    )
                    cells = [("", "")]
                    if flagship:
                        cells += [(d, c) for d, categories in breakdowns.items() for c in categories]
                    else:
                        cells.append(("Deprivation quintile", rng.choice(quintiles)))
                    for dimension, category in cells:
                        actual_pk += 1
                        actuals.append(
                            Actual(
                                pk=actual_pk,
                                period_id=period_pk,
                                dimension=dimension,
                                category=category,
                                value=base + step * Decimal(rng.randint(-2, 4) * (number + 1)),
                            )
                        )
        self.insert(Indicator, indicators)
        self.insert(Period, periods)
        self.insert(Actual, actuals)
        self.insert(
            ImpactClaim,
            (
                ImpactClaim(
                    pk=n,
                    project_id=n,
                    kind="commissioning",
                    title=self.sentence(8),
                    reach=self.paragraph(2),
                    date=self.day(400),
                    outcome_id=self.outcomes[n][0],
                )
                for n in range(1, s.projects + 1)
            ),
        )
        self.insert(FeedbackForm, [FeedbackForm(pk=1, project_id=1, title="Workshop feedback", token="bench-feedback")])
        kinds = [("rating", ""), ("likert", ""), ("single", "Yes\nNo\nNot sure"), ("text", "")]
        self.insert(
            FeedbackQuestion,
            [
                FeedbackQuestion(pk=n, form_id=1, kind=kind, text=self.sentence(8), choices=choices, position=n)
                for n, (kind, choices) in enumerate(kinds, start=1)
            ],
        )
        self.insert(
            FeedbackResponse,
            (
                FeedbackResponse(
                    pk=n,
                    form_id=1,
                    answers={
                        "1": str(rng.randint(1, 5)),
                        "2": rng.choice(["Agree", "Strongly agree", "Disagree"]),
                        "3": rng.choice(["Yes", "No", "Not sure"]),
                        "4": self.sentence(10),
                    },
                )
                for n in range(1, s.feedback_responses + 1)
            ),
        )


def build(scale, seed):
    """Fill an empty, migrated database; returns rows written per model."""
    with transaction.atomic():
        return Builder(scale, seed).build()
