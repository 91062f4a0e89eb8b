"""`manage.py load_demo` creates the demo site and is idempotent."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from lifelong_site.models import HomePage, SiteIdentity

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "homes": HomePage.objects.count(),
        "sites": Site.objects.count(),
        "identities": SiteIdentity.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_load_demo_twice_creates_no_duplicates(monkeypatch, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo-password-for-tests")
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = counts()
    call_command("load_demo", stdout=out)
    assert counts() == first
    assert first["homes"] == 2
    assert first["sites"] == 1
    assert "Admin login: admin / demo-password-for-tests" in out.getvalue()
    assert_embargoed_release_is_scheduled()
    assert_translation_demo()


def assert_translation_demo() -> None:
    """The glossary is seeded, an English reviewer exists, and one English
    translation is left outdated for the status report (even after a rerun)."""
    from lifelong_site.localization.demo import OUTDATED_SLUG
    from lifelong_site.localization.status import source_pages
    from lifelong_site.models import GlossaryTerm

    assert GlossaryTerm.objects.filter(source="全民终身学习活动周").exists()
    states = dict(source_pages().values_list("slug", "translation_state"))
    assert states[OUTDATED_SLUG] == "outdated"
    assert states["2024-opening-ceremony-shenyang"] == "current"
    assert get_user_model().objects.get(username="english_reviewer").groups.filter(name="英文审核员").exists()


def assert_embargoed_release_is_scheduled() -> None:
    """The demo's embargoed release is approved but not yet public, in both
    languages, due a few minutes ahead, and the editorial accounts exist."""
    from django.utils import timezone
    from wagtail.models import Revision

    from lifelong_site.editorial.demo import DEMO_ACCOUNTS, SCHEDULED_SLUG

    releases = list(Page.objects.filter(slug=SCHEDULED_SLUG))
    assert {page.locale.language_code for page in releases} == {"zh-hans", "en"}
    for page in releases:
        assert not page.live
        due = Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).get().approved_go_live_at
        assert timezone.now() < due <= timezone.now() + dt.timedelta(minutes=5)
    users = get_user_model().objects.filter(username__in=DEMO_ACCOUNTS)
    assert sorted(user.username for user in users if user.groups.exists()) == sorted(DEMO_ACCOUNTS)


def test_load_demo_builds_a_bilingual_site(client, monkeypatch, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    call_command("load_demo", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert home.locale.language_code == "zh-hans"
    english = home.get_translation(home.locale.__class__.objects.get(language_code="en"))
    assert english.live and english.title == "National Lifelong Learning Activity Week"
    # The generated password is kept, so every run prints the same login.
    password = (tmp_path / "demo-admin-password").read_text().strip()
    assert get_user_model().objects.get(username="admin").check_password(password)
    identity = SiteIdentity.for_site(site)
    assert identity.icp_number and identity.site_id_code
    response = client.get("/", HTTP_HOST=site.hostname)
    assert response.status_code == 200
    assert identity.icp_number in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_load_demo_works_on_a_flushed_database(monkeypatch, tmp_path, settings):
    """`flush` removes what migrations made (tree root, root collection,
    locales, regions); the demo still loads."""
    settings.DATA_DIR = tmp_path
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo-password-for-tests")
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_demo", stdout=StringIO())
    assert HomePage.objects.count() == 2 and Site.objects.filter(is_default_site=True).exists()
