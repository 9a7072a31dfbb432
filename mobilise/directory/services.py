"""Writes to the directory, and the duplicate check that keeps one record per organisation or person."""

from django.db import transaction
from rapidfuzz import fuzz, process, utils

from mobilise.core.services import save_fields

from .models import Organisation, Person

MATCH_THRESHOLD = 88


def _close(name, choices, limit):
    """The keys of `choices` (pk -> name) whose names are close to `name`, whatever the word order and case."""
    matches = process.extract(
        name,
        choices,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=MATCH_THRESHOLD,
        limit=limit,
    )
    return [m[2] for m in matches]


def likely_duplicate_organisations(name, *, exclude_pk=None, limit=5):
    choices = dict(Organisation.objects.exclude(pk=exclude_pk).values_list("pk", "name"))
    return list(Organisation.objects.filter(pk__in=_close(name, choices, limit)))


def likely_duplicate_people(full_name, *, email="", exclude_pk=None, limit=5):
    people = Person.objects.exclude(pk=exclude_pk)
    pks = set(_close(full_name, dict(people.values_list("pk", "full_name")), limit))
    if email:
        pks.update(people.filter(email__iexact=email).values_list("pk", flat=True)[:limit])
    return list(Person.objects.filter(pk__in=pks).select_related("organisation"))


@transaction.atomic
def create_organisation(*, by, **fields):
    return Organisation.objects.create(created_by=by, **fields)


@transaction.atomic
def update_organisation(*, organisation, **fields):
    return save_fields(organisation, fields)


class DirectoryError(Exception):
    pass


def _check_lawful_basis(person: Person) -> None:
    """Contact details are held only with a lawful basis recorded (UK GDPR Article 6): every path that stores
    them must ask for one."""
    if (person.email or person.phone) and not person.lawful_basis:
        raise DirectoryError("Select the lawful basis for holding this person's contact details")


@transaction.atomic
def create_person(*, by, **fields):
    person = Person(created_by=by, **fields)
    _check_lawful_basis(person)
    person.save()
    return person


@transaction.atomic
def update_person(*, person, **fields):
    contact = {"email", "phone", "lawful_basis"} & fields.keys()
    return save_fields(person, fields, check=_check_lawful_basis if contact else None)
