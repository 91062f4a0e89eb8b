from django.db import migrations, models


def fill_facet_keys(apps, schema_editor):
    SearchEntry = apps.get_model("site_search", "SearchEntry")
    batch = []
    for entry in SearchEntry.objects.only("pk", "kind", "year", "region_id").iterator(chunk_size=2000):
        entry.facet_key = f"{entry.kind}|{entry.year or ''}|{entry.region_id or ''}"
        batch.append(entry)
        if len(batch) >= 2000:
            SearchEntry.objects.bulk_update(batch, ["facet_key"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["facet_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="facet_key",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.RunPython(fill_facet_keys, migrations.RunPython.noop),
    ]
