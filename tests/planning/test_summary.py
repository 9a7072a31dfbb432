"""The model summary the plan health check reads is kept in the cache under the model's fingerprint: after any
edit through the services the kept answer is the one worked out afresh, and an unchanged model is not read again."""

from django.core.cache import caches

from mobilise.planning import access, services, starters
from mobilise.planning.models import Column

from ..queries import assert_max_queries


def kept_and_fresh(project):
    kept = access.summaries_of_projects([project.pk]).get(project.pk)
    caches["summaries"].clear()
    return kept, access.summaries_of_projects([project.pk]).get(project.pk)


def test_every_kind_of_edit_gives_the_fresh_answer(project):
    def check():
        kept, fresh = kept_and_fresh(project)
        assert kept == fresh
        return fresh

    services.replace_contents(project=project, data=starters.service_evaluation(), by=None, snapshot_name="x")
    first = check()
    assert first.elements and first.findings == 0
    model = project.logic_model
    activity = model.elements.filter(column=Column.ACTIVITIES).first()
    short = model.elements.filter(column=Column.SHORT).first()
    alone = services.add_element(project=project, column=Column.MEDIUM, text="Fewer missed appointments")
    assert check().findings > first.findings
    link = services.add_link(source=short, target=alone)
    check()
    moved = services.move_element(element=alone, direction="right")
    check()
    services.update_element(
        element=moved, expected_version=moved.version, text=moved.text, description="", column=Column.ACTIVITIES
    )
    check()
    note = services.add_element(project=project, column=Column.ASSUMPTIONS, text="Clinics stay open", about_link=link)
    check()
    services.delete_link(link=link)  # the assumption is now attached to nothing
    check()
    services.update_element(
        element=note, expected_version=note.version, text=note.text, description="", column=note.column
    )
    check()
    services.delete_element(element=activity)
    check()
    snapshot = services.take_snapshot(project=project, name="Now", by=None)
    services.replace_contents(project=project, data=starters.service_evaluation(), by=None, snapshot_name="y")
    check()
    services.restore_snapshot(snapshot=snapshot, by=None)
    assert check() != first


def test_an_unchanged_model_is_not_read_again(project):
    services.replace_contents(project=project, data=starters.service_evaluation(), by=None, snapshot_name="x")
    with assert_max_queries(4):
        first = access.summaries_of_projects([project.pk])
    with assert_max_queries(2):
        assert access.summaries_of_projects([project.pk]) == first
