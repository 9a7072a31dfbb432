"""The library's full-text index on PostgreSQL: a GIN index on the weighted document that library/search.py
searches (the same expression, so the planner uses it). SQLite has its FTS5 table instead (0002)."""

from django.db import migrations

DOCUMENT = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('en"
    "glish'::regconfig, coalesce(summary, '') || ' ' || coalesce(what_we_did, '') || ' ' || coalesce(outc"
    "ome, '') || ' ' || coalesce(testimonial, '') || ' ' || coalesce(testimonial_name, '') || ' ' || coal"
    "esce(testimonial_organisation, '')), 'B'))"
)


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that runs only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("library", "0002_sqlite_full_text_search")]

    operations = [
        PostgreSQLOnly(
            f"CREATE INDEX library_casestudy_search ON library_casestudy USING GIN ({DOCUMENT})",
            "DROP INDEX IF EXISTS library_casestudy_search",
        )
    ]
