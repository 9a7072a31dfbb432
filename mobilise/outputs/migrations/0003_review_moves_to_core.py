"""Review moves to core (core/reviews.py): each output's comments, and its place in review, become a core review.

An output in review or approved gets a round in that state, sent by whoever started it, for its current version;
its comments go into that round (or, for a draft or published output, into a closed round), on the whole output.
Approvals given before reviewers were named have no reviewer to record: the round is simply approved."""

from django.db import migrations

STATES = {"in_review": "requested", "approved": "approved"}


def move(apps, schema_editor):
    Output = apps.get_model("outputs", "Output")
    Comment = apps.get_model("outputs", "Comment")
    Review = apps.get_model("core", "Review")
    ReviewComment = apps.get_model("core", "ReviewComment")
    ContentType = apps.get_model("contenttypes", "ContentType")
    with_comments = set(Comment.objects.values_list("output_id", flat=True))
    outputs = Output.objects.filter(status__in=list(STATES)) | Output.objects.filter(pk__in=with_comments)
    if not outputs.exists():
        return
    kind, _ = ContentType.objects.get_or_create(app_label="outputs", model="output")
    for output in outputs.distinct():
        review = Review.objects.create(
            content_type=kind,
            object_id=output.pk,
            object_version=output.version,
            requested_by_id=output.created_by_id,
            state=STATES.get(output.status, "withdrawn"),
        )
        ReviewComment.objects.bulk_create(
            ReviewComment(
                review=review, author_id=c.author_id, text=c.text, object_version=c.version, created=c.created
            )
            for c in Comment.objects.filter(output=output)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_reviews"),
        ("outputs", "0002_glossary_terms"),
    ]

    operations = [
        migrations.RunPython(move, migrations.RunPython.noop),
        migrations.DeleteModel(name="Comment"),
    ]
