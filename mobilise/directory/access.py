"""Who may use the shared directory, and the scoped querysets every directory view reads through.

Contact details are personal data, so only people who work on projects see them: advisers, administrators,
and anyone who leads or is a member of a project (not viewers). The membership check reads the reverse
relation by name so that the directory does not import the projects app above it.
"""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Organisation, Person


def can_use_directory(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_adviser or user.is_staff:
        return True
    if not hasattr(user, "_directory_access"):
        user._directory_access = user.memberships.exclude(role="viewer").exists()
    return user._directory_access


def _require(user):
    if not can_use_directory(user):
        raise Http404


def organisations_for(user):
    _require(user)
    return Organisation.objects.annotate(people_count=Count("people"))


def people_for(user):
    _require(user)
    return Person.objects.select_related("organisation")


def get_organisation(user, pk):
    return get_object_or_404(organisations_for(user), pk=pk)


def get_person(user, pk):
    return get_object_or_404(people_for(user), pk=pk)
