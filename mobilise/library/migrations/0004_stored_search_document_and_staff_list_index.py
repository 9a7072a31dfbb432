"""The library searched at scale. On PostgreSQL the weighted document is stored in a generated column with its own
GIN index, so a search reads each match's vector instead of parsing its text again to rank it (0003's expression
index found the rows, but ranking them built every document anew: seconds for a word in every entry). SQLite keeps
its FTS5 table (0002), which already stores the document. On both: an index in the staff list's order.

PostgreSQL refuses to change the type of a column a generated column reads: a later migration that changes the
type of the title or of one of the texts drops `search_document` first and adds it again after."""

from django.db import migrations, models

# The document of 0003, unchanged: the title weighted A, the texts B.
DOCUMENT = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('en"
    "glish'::regconfig, coalesce(summary, '') || ' ' || coalesce(what_we_did, '') || ' ' || coalesce(outc"
    "ome, '') || ' ' || coalesce(testimonial, '') || ' ' || coalesce(testimonial_name, '') || ' ' || coal"
    "esce(testimonial_organisation, '')), 'B'))"
)
FORWARDS = [
    # Foreign-key checks still pending would forbid changing the table; the update below leaves none either.
    "SET CONSTRAINTS ALL IMMEDIATE",
    f"ALTER TABLE library_casestudy ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED",
    # Kept in the row (the long texts go out to TOAST first): a vector stored apart is fetched and decompressed
    # for every match, which made a search for a common word four times slower.
    "ALTER TABLE library_casestudy ALTER COLUMN search_document SET STORAGE MAIN",
    "CREATE INDEX library_casestudy_search_document ON library_casestudy USING GIN (search_document)",
    "DROP INDEX IF EXISTS library_casestudy_search",
    # Last: the existing rows written again, so their vectors are stored in the row too.
    "UPDATE library_casestudy SET title = title",
]
BACKWARDS = [
    "SET CONSTRAINTS ALL IMMEDIATE",
    f"CREATE INDEX library_casestudy_search ON library_casestudy USING GIN ({DOCUMENT})",
    "ALTER TABLE library_casestudy DROP COLUMN search_document",
]


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that runs only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("library", "0003_postgresql_full_text_index")]

    operations = [
        migrations.AddIndex(
            model_name="casestudy",
            index=models.Index(fields=["-updated", "-id"], name="library_cas_updated_9d71ec_idx"),
        ),
        PostgreSQLOnly(FORWARDS, BACKWARDS),
    ]
