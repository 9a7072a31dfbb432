"""The move of review to core keeps each output's comments and place in review."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("outputs", "0002_glossary_terms"), ("core", "0004_reviews")]
AFTER = [("outputs", "0003_review_moves_to_core")]


@pytest.mark.django_db(transaction=True)
def test_comments_and_review_state_move_to_core_reviews():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    User = apps.get_model("core", "User")
    Project = apps.get_model("projects", "Project")
    Audience = apps.get_model("outputs", "Audience")
    Output = apps.get_model("outputs", "Output")
    Comment = apps.get_model("outputs", "Comment")
    author = User.objects.create(email="a@example.org", full_name="Ann Author")
    project = Project.objects.create(title="P", short_title="P")
    audience = Audience.objects.create(project=project, kind="public", name="Public", target_grade=7)
    in_review = Output.objects.create(
        project=project,
        kind="case_study",
        title="A",
        audience=audience,
        status="in_review",
        version=3,
        created_by=author,
    )
    draft = Output.objects.create(project=project, kind="case_study", title="B", audience=audience, created_by=author)
    untouched = Output.objects.create(project=project, kind="case_study", title="C", audience=audience)
    Comment.objects.create(output=in_review, version=2, author=author, text="Shorter, please")
    Comment.objects.create(output=draft, version=1, author=author, text="Old note")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Review = apps.get_model("core", "Review")
    moved = {r.object_id: r for r in Review.objects.all()}
    assert set(moved) == {in_review.pk, draft.pk} and untouched.pk not in moved
    assert moved[in_review.pk].state == "requested" and moved[in_review.pk].object_version == 3
    assert moved[draft.pk].state == "withdrawn"
    comment = moved[in_review.pk].comments.get()
    assert (comment.text, comment.object_version, comment.author_id, comment.section) == (
        "Shorter, please",
        2,
        author.pk,
        "",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
