"""The library's full-text index on SQLite: an FTS5 table of each case study's text, kept in step by triggers.

PostgreSQL searches the table itself (see library/search.py), so this migration does nothing there."""

from django.db import migrations

TEXT = (
    "coalesce(new.summary, '') || ' ' || coalesce(new.what_we_did, '') || ' ' || coalesce(new.outcome, '') || ' ' || "
    "coalesce(new.testimonial, '') || ' ' || coalesce(new.testimonial_name, '') || ' ' || "
    "coalesce(new.testimonial_organisation, '')"
)
INSERT = f"INSERT INTO library_casestudy_fts(rowid, title, body) VALUES (new.id, new.title, {TEXT});"
FORWARDS = [
    "CREATE VIRTUAL TABLE library_casestudy_fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER library_casestudy_fts_insert AFTER INSERT ON library_casestudy BEGIN {INSERT} END",
    "CREATE TRIGGER library_casestudy_fts_update AFTER UPDATE ON library_casestudy BEGIN "
    f"DELETE FROM library_casestudy_fts WHERE rowid = old.id; {INSERT} END",
    "CREATE TRIGGER library_casestudy_fts_delete AFTER DELETE ON library_casestudy BEGIN "
    "DELETE FROM library_casestudy_fts WHERE rowid = old.id; END",
    "INSERT INTO library_casestudy_fts(rowid, title, body) SELECT id, title, "
    + TEXT.replace("new.", "")
    + " FROM library_casestudy",
]
BACKWARDS = [
    "DROP TRIGGER IF EXISTS library_casestudy_fts_insert",
    "DROP TRIGGER IF EXISTS library_casestudy_fts_update",
    "DROP TRIGGER IF EXISTS library_casestudy_fts_delete",
    "DROP TABLE IF EXISTS library_casestudy_fts",
]


class SQLiteOnly(migrations.RunSQL):
    """RunSQL that runs only on SQLite."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_case_study_library")]

    operations = [SQLiteOnly(FORWARDS, BACKWARDS)]
