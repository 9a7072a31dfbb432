"""Scoped reads of stakeholder maps, through the project's roles."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from mobilise.projects import access as project_access

from .models import ImportBatch, Relationship, ScoreChange, Stakeholder


def get_project(user, pk, perm="projects.view_project"):
    return project_access.get_project(user, pk, perm)


def stakeholders(project):
    """The project's stakeholders with what every list shows, in a fixed number of queries."""
    return (
        Stakeholder.objects.filter(project=project)
        .select_related("organisation", "person__organisation", "owner")
        .prefetch_related("roles")
    )


def relationships(project):
    return Relationship.objects.filter(project=project)


def get_stakeholder(project, pk):
    return get_object_or_404(
        stakeholders(project).prefetch_related(
            Prefetch("score_changes", queryset=ScoreChange.objects.select_related("changed_by"))
        ),
        pk=pk,
    )


def get_batch(project, user, pk):
    """The user's own import batch on this project; 404 for anyone else's."""
    return get_object_or_404(ImportBatch, project=project, created_by=user, pk=pk)


def get_relationship(project, pk):
    return get_object_or_404(relationships(project).select_related("source", "target"), pk=pk)
