"""Seed the translation glossary with the week's fixed terms."""

from django.db import migrations


def load(apps, schema_editor):
    from lifelong_site.translation.glossary import load_glossary_terms

    load_glossary_terms(apps.get_model("lifelong_site", "GlossaryTerm"))


class Migration(migrations.Migration):
    dependencies = [("lifelong_site", "0005_glossary")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
