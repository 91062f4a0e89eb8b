"""An index on the search entry's page id as text.

Wagtail's search table keys objects by a text ``object_id``, so the
PostgreSQL backend joins ``page_id::varchar(50)::text = object_id``. Without
an index on that expression every search read all search entries (54 ms at
100,000 pages, even for 734 matches); with it, each match is one index
lookup (a 26 ms query in all). PostgreSQL only, like 0003.
"""

from django.db import migrations

INDEX_NAME = "site_search_entry_page_id_text"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON site_search_searchentry (((page_id)::varchar(50)::text))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0004_kind_regional")]

    operations = [migrations.RunPython(create_index, drop_index)]
