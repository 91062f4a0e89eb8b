"""A GIN index on ``title || body`` of Wagtail's PostgreSQL search table.

The PostgreSQL search backend matches ``(title || body) @@ query``, an
expression that neither of the table's per-column GIN indexes can answer, so
without this index every search read the whole table: 140 ms for a 153-page
result on a 20,000-page archive, 0.3 ms with it (bench/SEARCH_LATENCY.md).
Other databases have no such table; the operation does nothing there.
"""

from django.db import migrations

INDEX_NAME = "lifelong_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON wagtailsearch_indexentry USING GIN ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0002_facet_key"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
