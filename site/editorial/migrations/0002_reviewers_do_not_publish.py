"""Reviewers approve; they no longer publish directly (four-eyes review).

Earlier releases gave the reviewer groups Wagtail's "publish" page permission,
with which the page editor let a reviewer publish their own edit. The rule is
also enforced in code (editorial/four_eyes.py); this removes the stale rows so
that the groups' permission screens say what is true.
"""

from django.db import migrations

REVIEWER_GROUPS = ("审核员", "英文审核员")


def revoke_publish(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name__in=REVIEWER_GROUPS,
        permission__content_type__app_label="wagtailcore",
        permission__codename="publish_page",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(revoke_publish, migrations.RunPython.noop)]
