"""Which directory record each checked row of an import joins, or creates: the plan the writes follow and the
preview shows, with the matches the user refused.

A match is named by a key, "organisation:<pk>" or "person:<pk>"; a refused key makes the rows that matched it
create a new record instead. Reading only: the writes are in services_import.
"""

from dataclasses import dataclass, field

from mobilise.core.models import User
from mobilise.directory.models import Organisation, Person, Sector

from .importing import OrganisationMatcher, org_key, person_key


def match_key(model: str, pk: int) -> str:
    return f"{model}:{pk}"


Ref = int | Organisation | Person | None  # a directory record: its pk, or a record not saved yet


def pk_of(ref: Ref) -> int | None:
    """The primary key of a directory reference: a pk already, or a record saved since (None while unsaved)."""
    return ref.pk if isinstance(ref, Organisation | Person) else ref


@dataclass
class Plan:
    """A reference per row (a pk, an unsaved record or None) to its organisation and its person."""

    org_refs: list = field(default_factory=list)
    person_refs: list = field(default_factory=list)
    new_orgs: list[Organisation] = field(default_factory=list)
    new_people: list[Person] = field(default_factory=list)
    matched_orgs: set[int] = field(default_factory=set)
    matched_people: set[int] = field(default_factory=set)


def _organisations(plan: Plan, clean: list[dict], by: User | None, refused: set[str]) -> None:
    matcher = OrganisationMatcher()
    new_orgs: dict[str, Organisation] = {}

    def organisation_for(name, sector):
        pk = matcher.find(name, sector)
        if pk is not None and match_key("organisation", pk) not in refused:
            plan.matched_orgs.add(pk)
            return pk
        key = org_key(name) or name.casefold()
        if key not in new_orgs:
            new_orgs[key] = Organisation(name=name, sector=sector, created_by=by)
        elif sector and not new_orgs[key].sector:
            new_orgs[key].sector = sector
        return new_orgs[key]

    for item in clean:
        if item["kind"] == "organisation":
            plan.org_refs.append(organisation_for(item["name"], item["sector"]))
        elif item["kind"] == "person" and item["organisation"]:
            plan.org_refs.append(organisation_for(item["organisation"], item["sector"]))
        else:
            plan.org_refs.append(None)
    plan.new_orgs = list(new_orgs.values())


def _people(plan: Plan, clean: list[dict], by: User | None, refused: set[str], lawful_basis: str) -> None:
    """The same email address, or the same name at the same organisation, is the same person."""
    by_email: dict[str, int] = {}
    by_name: dict[tuple, int] = {}
    for pk, name, organisation_id, email in Person.objects.order_by("pk").values_list(
        "pk", "full_name", "organisation_id", "email"
    ):
        if match_key("person", pk) in refused:
            continue
        if email:
            by_email.setdefault(email.casefold(), pk)
        by_name.setdefault((person_key(name), organisation_id), pk)
    new_people: dict[tuple, Person] = {}  # ("email", address) or ("name", key, org) -> unsaved Person
    for item, org_ref in zip(clean, plan.org_refs, strict=True):
        if item["kind"] != "person":
            plan.person_refs.append(None)
            continue
        email = item["email"].casefold()
        # A new organisation has no pk yet: its (unique) unsaved record stands in for it in the key.
        org_id: int | None = pk_of(org_ref) if not isinstance(org_ref, Organisation) else id(org_ref)
        name_key = (person_key(item["name"]), org_id)
        pk = (by_email.get(email) if email else None) or by_name.get(name_key)
        if pk is not None:
            plan.matched_people.add(pk)
            plan.person_refs.append(pk)
            continue
        person = (new_people.get(("email", email)) if email else None) or new_people.get(("name",) + name_key)
        if person is None:
            person = Person(
                full_name=item["name"],
                job_title=item["job_title"],
                email=item["email"],
                lawful_basis=lawful_basis,
                created_by=by,
            )
        elif email and not person.email:
            person.email = item["email"]
        if email:
            new_people[("email", email)] = person
        new_people.setdefault(("name",) + name_key, person)
        plan.person_refs.append(person)
    plan.new_people = list({id(p): p for p in new_people.values()}.values())


def plan_rows(
    clean: list[dict], by: User | None, *, refused: set[str] | frozenset = frozenset(), lawful_basis: str = ""
) -> Plan:
    """The directory records the rows join or create, reading the directory twice whatever the number of rows.

    A new person's organisation is set when the organisation is saved (see `link_people`)."""
    plan = Plan()
    _organisations(plan, clean, by, set(refused))
    _people(plan, clean, by, set(refused), lawful_basis)
    return plan


def link_people(plan: Plan) -> None:
    """Point the new people at their organisations, saved by now."""
    for org_ref, person_ref in zip(plan.org_refs, plan.person_refs, strict=True):
        if isinstance(person_ref, Person) and not person_ref.pk:
            person_ref.organisation_id = pk_of(org_ref)


# ---------------------------------------------------------------------------------------------------------------
# The preview


@dataclass
class Match:
    """A directory record some rows will join, as the check page lists it."""

    key: str
    kind: str  # "organisation" or "person"
    in_file: str
    name: str
    detail: str  # the organisation's sector, or the person's organisation and email
    rows: int = 0
    different_name: bool = False
    different_sector: bool = False

    @property
    def doubtful(self) -> bool:
        return self.different_name or self.different_sector

    @property
    def label(self) -> str:
        rows = f"{self.rows:,} {'row' if self.rows == 1 else 'rows'}"
        warning = " – the sector differs" if self.different_sector else ""
        return f"“{self.in_file}” joins {self.name} ({self.detail}), {rows}{warning}"


def _sector_label(sector: str) -> str:
    return Sector(sector).label if sector else "no sector"


def preview_matches(clean: list[dict], plan: Plan) -> tuple[list[str], list[Match]]:
    """(per row, the key of the record it joins or ""; the distinct matches, doubtful ones first)."""
    orgs = {
        pk: (name, sector)
        for pk, name, sector in Organisation.objects.filter(pk__in=plan.matched_orgs).values_list(
            "pk", "name", "sector"
        )
    }
    people = {
        row[0]: row[1:]
        for row in Person.objects.filter(pk__in=plan.matched_people).values_list(
            "pk", "full_name", "email", "organisation__name"
        )
    }
    per_row, matches = [], {}
    for item, org_ref, person_ref in zip(clean, plan.org_refs, plan.person_refs, strict=True):
        if isinstance(person_ref, int):
            key = match_key("person", person_ref)
            name, email, organisation = people[person_ref]
            if key not in matches:
                detail = ", ".join(part for part in (organisation, email) if part) or "no organisation"
                matches[key] = Match(key, "person", item["name"], name, detail)
                matches[key].different_name = person_key(name) != person_key(item["name"])
        elif isinstance(org_ref, int):
            key = match_key("organisation", org_ref)
            name, sector = orgs[org_ref]
            in_file = item["name"] if item["kind"] == "organisation" else item["organisation"]
            if key not in matches:
                matches[key] = Match(key, "organisation", in_file, name, _sector_label(sector))
            matches[key].different_name |= name.casefold() != in_file.casefold()
            matches[key].different_sector |= bool(item["sector"] and sector and item["sector"] != sector)
        else:
            key = ""
        if key:
            matches[key].rows += 1
        per_row.append(key)
    return per_row, sorted(matches.values(), key=lambda m: (not m.doubtful, m.kind, m.name.casefold()))
