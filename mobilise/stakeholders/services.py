"""Writes to stakeholder maps. Each function is one transaction."""

import datetime
from collections.abc import Callable, Iterable, Mapping

from django.db import IntegrityError, transaction

from mobilise.core.versioning import check_version
from mobilise.directory import access as directory_access
from mobilise.directory import services as directory_services
from mobilise.projects import generations

from .access import already_on_map
from .models import Relationship, ScoreChange, Stakeholder, StakeholderRole, due_date


class StakeholderError(Exception):
    pass


ALREADY_ON_MAP = "They are already on this project's stakeholder map (or in an import that is running)"


PROFILE_FIELDS = [
    "what_matters",
    "decisions",
    "formats",
    "channels",
    "underserved",
    "group_sector",
    "purpose",
    "cadence",
    "channel",
    "owner",
    "engaged",
]


def _set_roles(stakeholder, roles):
    generations.bump([stakeholder.project_id])  # roles are written without signals
    stakeholder.roles.exclude(role__in=roles).delete()
    have = set(stakeholder.roles.values_list("role", flat=True))
    StakeholderRole.objects.bulk_create(
        StakeholderRole(stakeholder=stakeholder, role=r) for r in roles if r not in have
    )


@transaction.atomic
def add_stakeholder(
    *,
    project,
    by,
    organisation=None,
    person=None,
    group_name="",
    roles=(),
    interest=None,
    influence=None,
    impact=None,
    attitude="unknown",
    **profile,
):
    """Put someone on the project's map. Without scores it is "not yet scored" (off the grid) until rescore()
    scores it; with them, they are its first history point."""
    if not (organisation or person or group_name.strip()):
        raise StakeholderError("Choose an organisation or a person from the directory, or name a group")
    if {interest, influence, impact} & {None} and {interest, influence, impact} != {None}:
        raise StakeholderError("Score influence, interest and impact together, or none of them")
    if already_on_map(project, person=person, organisation=organisation, group_name=group_name):
        raise StakeholderError(ALREADY_ON_MAP)
    try:
        with transaction.atomic():
            stakeholder = Stakeholder.objects.create(
                project=project,
                organisation=organisation,
                person=person,
                group_name="" if (organisation or person) else group_name.strip(),
                interest=interest,
                influence=influence,
                impact=impact,
                attitude=attitude,
                **{k: v for k, v in profile.items() if k in PROFILE_FIELDS},
            )
    except IntegrityError:  # added at the same moment by someone else
        raise StakeholderError(ALREADY_ON_MAP) from None
    _set_roles(stakeholder, roles)
    if interest is not None:
        _record_scores(stakeholder, by=by, reason="First assessment")
    return stakeholder


def _record_scores(stakeholder: Stakeholder, *, by, reason: str) -> None:
    """A point in the stakeholder's score history: the scores it has just been given, who gave them and why."""
    ScoreChange.objects.create(
        stakeholder=stakeholder,
        interest=stakeholder.interest,
        influence=stakeholder.influence,
        impact=stakeholder.impact,
        attitude=stakeholder.attitude,
        reason=reason,
        changed_by=by,
    )


@transaction.atomic
def update_profile(*, stakeholder, expected_version, roles, **profile):
    current = Stakeholder.objects.select_for_update().get(pk=stakeholder.pk)
    check_version(current, expected_version, profile)
    for name, value in profile.items():
        if name in PROFILE_FIELDS + ["group_name"]:
            setattr(current, name, value)
    if current.kind == "group" and already_on_map(
        current.project, group_name=current.group_name, exclude_pk=current.pk
    ):
        raise StakeholderError("Another group on this project's stakeholder map already has this name")
    current.version += 1
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError:  # renamed at the same moment by someone else
        raise StakeholderError("Another group on this project's stakeholder map already has this name") from None
    _set_roles(current, roles)
    return current


@transaction.atomic
def rescore(*, stakeholder, by, interest, influence, impact, attitude, reason=""):
    """Set new scores and keep the old ones in the history, with the reason for the change. The first scoring of
    a stakeholder added unscored is its first history point; an attitude change while it is still unscored (all
    three scores None) is kept without one, as the history is of scorings."""
    current = Stakeholder.objects.select_for_update().get(pk=stakeholder.pk)
    if None in (interest, influence, impact):
        if current.scored or {interest, influence, impact} != {None}:
            raise StakeholderError("Score influence, interest and impact together")
        if current.attitude != attitude:
            current.attitude = attitude
            current.version += 1
            current.save()
        return current
    if not current.scored and not reason:
        reason = "First assessment"
    if (current.interest, current.influence, current.impact, current.attitude) == (
        interest,
        influence,
        impact,
        attitude,
    ):
        return current
    current.interest, current.influence, current.impact, current.attitude = interest, influence, impact, attitude
    current.version += 1
    current.save()
    _record_scores(current, by=by, reason=reason)
    return current


@transaction.atomic
def remove_stakeholder(*, stakeholder):
    stakeholder.delete()


@transaction.atomic
def add_relationship(*, source, target, kind, note=""):
    if source.project_id != target.project_id:
        raise StakeholderError("Both stakeholders must be on the same project")
    if source.pk == target.pk:
        raise StakeholderError("A stakeholder cannot have a relationship with themselves")
    if Relationship.objects.filter(source=source, target=target, kind=kind).exists():
        raise StakeholderError("This relationship is already recorded")
    return Relationship.objects.create(project_id=source.project_id, source=source, target=target, kind=kind, note=note)


@transaction.atomic
def remove_relationship(*, relationship):
    relationship.delete()


@transaction.atomic
def record_contacts(
    *,
    stakeholder_ids: Iterable[int],
    latest_contacts: Callable[[set[int]], Mapping[int, datetime.date]],
) -> None:
    """Set the last and next contact dates of these stakeholders. latest_contacts(ids) reads the date of each
    one's latest contact (the engagement app's interactions); none means never contacted."""
    ids = set(stakeholder_ids)
    if not ids:
        return
    # Locked first, in a fixed order, and only then the latest contacts read, so a profile saved at the same
    # time cannot write back an older date or cadence and two overlapping updates cannot deadlock.
    rows = list(
        Stakeholder.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .only("project_id", "cadence", "last_contact", "next_contact")
    )
    latest = latest_contacts(ids)
    changed = []
    for s in rows:
        last = latest.get(s.pk)
        if (s.last_contact, s.next_contact) != (last, due_date(last, s.cadence)):
            s.last_contact, s.next_contact = last, due_date(last, s.cadence)
            changed.append(s)
    Stakeholder.objects.bulk_update(changed, ["last_contact", "next_contact"])
    generations.bump(s.project_id for s in changed)  # bulk_update sends no signals


@transaction.atomic
def create_in_directory(
    *,
    by,
    organisation_name="",
    sector="",
    person_name="",
    job_title="",
    email="",
    lawful_basis="",
    consent_date=None,
):
    """Create what a stakeholder points at when it is not in the directory yet; a person's email address only
    with the lawful basis for holding it."""
    organisation = (
        directory_services.create_organisation(by=by, name=organisation_name, sector=sector)
        if organisation_name
        else None
    )
    person = None
    if person_name:
        try:
            person = directory_services.create_person(
                by=by,
                full_name=person_name,
                job_title=job_title,
                organisation=organisation,
                email=email,
                lawful_basis=lawful_basis if email else "",
                consent_date=consent_date if email else None,
            )
        except directory_services.DirectoryError as error:
            raise StakeholderError(str(error)) from None
    return organisation, person


@transaction.atomic
def add_people_by_email(
    *, project, by, people: Iterable[tuple[str, str]], lawful_basis: str = "", consent_date=None
) -> list[Stakeholder]:
    """Put the people of an email, (name, address) pairs, on the project's map: someone already in the
    directory with that address is reused as they are; anyone else is added to the directory with the address
    and the one lawful basis given for them all."""
    added = []
    for name, email in people:
        person = directory_access.person_with_email(email)
        if person is None:
            try:
                person = directory_services.create_person(
                    by=by,
                    full_name=name.strip() or email,
                    email=email,
                    lawful_basis=lawful_basis,
                    consent_date=consent_date,
                )
            except directory_services.DirectoryError as error:
                raise StakeholderError(str(error)) from None
        on_map = Stakeholder.objects.filter(project=project, person=person).first()
        added.append(on_map or add_stakeholder(project=project, by=by, person=person, organisation=person.organisation))
    return added
