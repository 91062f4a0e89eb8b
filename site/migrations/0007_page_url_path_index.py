"""An index on Wagtail's page URL paths, which lifelong_site.http.routing looks
pages up by. Wagtail itself never queries the column, so ships none."""

from django.db import migrations

INDEX = "lifelong_site_page_url_path"


class Migration(migrations.Migration):
    dependencies = [
        ("lifelong_site", "0006_glossary_terms"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (url_path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
