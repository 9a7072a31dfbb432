"""Who may use the shared directory, and the scoped querysets every directory view reads through.

Contact details are personal data, so only people who work on projects see them. Which people those are
depends on project roles, above this app, so the rule is registered under USE_DIRECTORY by the one permission
policy, mobilise/projects/rules.py.
"""

import rules
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, Lower
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Organisation, Person

USE_DIRECTORY = "directory.use_directory"
CHANGE_PERSON = "directory.change_person"  # contact details and do-not-contact: see projects/rules.py


def can_use_directory(user) -> bool:
    return rules.has_perm(USE_DIRECTORY, user)


def can_change_person(user, person: Person) -> bool:
    return rules.has_perm(CHANGE_PERSON, user, person)


def get_person_to_change(user, pk) -> Person:
    """The person if the user may change their contact details; 404 otherwise."""
    person = get_person(user, pk)
    if not can_change_person(user, person):
        raise Http404
    return person


def _require(user):
    if not can_use_directory(user):
        raise Http404


def organisations_for(user):
    _require(user)
    # Counted per row shown (a correlated subquery), not by grouping every organisation before a page is taken.
    people = Person.objects.filter(organisation=OuterRef("pk")).order_by().values("organisation")
    return Organisation.objects.annotate(people_count=Coalesce(Subquery(people.annotate(n=Count("pk")).values("n")), 0))


def people_for(user):
    _require(user)
    return Person.objects.select_related("organisation")


def get_organisation(user, pk):
    return get_object_or_404(organisations_for(user), pk=pk)


def get_person(user, pk):
    return get_object_or_404(people_for(user), pk=pk)


def organisation_named(name: str) -> Organisation | None:
    """The directory's organisation of exactly this name, whatever its case and spacing; None when there is
    none or more than one (an adviser then links the right one by hand)."""
    matches = list(Organisation.objects.filter(name__iexact=" ".join(name.split()))[:2])
    return matches[0] if len(matches) == 1 else None


def person_with_email(email: str) -> Person | None:
    """The directory's record of whoever has this email address (the oldest, should there be two), so that a
    person invited by email is not recorded twice. For services acting for a user who may use the directory."""
    return Person.objects.select_related("organisation").filter(email__iexact=email.strip()).order_by("pk").first()


def sectors_by_name(names: set[str]) -> dict[str, str]:
    """The sector of each directory organisation whose name (lower-cased, spaces tidied) is in `names`, in one
    query; a name two organisations share takes the first's."""
    found: dict[str, str] = {}
    if not names:
        return found
    rows = Organisation.objects.annotate(lowered=Lower("name")).filter(lowered__in=names).order_by("pk")
    for name, sector in rows.values_list("lowered", "sector"):
        found.setdefault(" ".join(name.split()), sector)
    return found
