"""Load every provincial-level region and the issuing organisations."""

from django.db import migrations


def load(apps, schema_editor):
    from lifelong_site.reference_data import load_organisations, load_regions

    load_regions(apps.get_model("lifelong_site", "Region"))
    load_organisations(apps.get_model("lifelong_site", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("lifelong_site", "0003_snippets_and_media")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
