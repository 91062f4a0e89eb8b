"""`manage.py load_demo` creates the demo site and is idempotent."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from lifelong_site.models import HomePage, SiteIdentity

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "homes": HomePage.objects.count(),
        "sites": Site.objects.count(),
        "identities": SiteIdentity.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_load_demo_twice_creates_no_duplicates(client, monkeypatch, tmp_path, settings):
    """One demo load checked from every side: loading it takes a minute, so
    each app's expectations of the demo are asserted here, on the same load."""
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = counts()
    first_login = login_line(out.getvalue())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == first
    assert first["homes"] == 2
    assert first["sites"] == 1
    # The generated password is kept, so every run prints the same login.
    password = (tmp_path / "demo-admin-password").read_text().strip()
    assert login_line(out.getvalue()) == first_login == f"Admin login: admin / {password}"
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert_bilingual_site(client)
    assert_embargoed_release_is_scheduled()
    assert_translation_demo()
    assert_demo_is_searchable(client)
    assert_regional_sections(client)
    assert_security_demo(client, out.getvalue())


def assert_security_demo(client, output: str) -> None:
    """The two-factor account asks for a code after its password; the private
    document's public link does not give the file to anonymous readers."""
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from wagtail.documents import get_document_model

    from demo.security import PRIVATE_DOCUMENT, TWO_FACTOR_USERNAME

    device = TOTPDevice.objects.get(user__username=TWO_FACTOR_USERNAME)
    assert device.confirmed and "Two-factor sign-in: secure_editor" in output
    client.force_login(device.user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/two-factor/verify/" in response["Location"]
    client.logout()
    document = get_document_model().objects.get(title=PRIVATE_DOCUMENT[0])
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert PRIVATE_DOCUMENT[2] not in b"".join(
        getattr(response, "streaming_content", [response.content])
    )


def login_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("Admin login:"))


def assert_bilingual_site(client) -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert home.locale.language_code == "zh-hans"
    english = home.get_translation(home.locale.__class__.objects.get(language_code="en"))
    assert english.live and english.title == "National Lifelong Learning Activity Week"
    identity = SiteIdentity.for_site(site)
    assert identity.icp_number and identity.site_id_code
    response = client.get("/", HTTP_HOST=site.hostname)
    assert response.status_code == 200
    assert identity.icp_number in response.content.decode()


def assert_demo_is_searchable(client) -> None:
    from search.models import SearchEntry

    # Every live page below the root has its entry, made by publishing alone.
    live = Page.objects.live().filter(depth__gt=1).count()
    assert SearchEntry.objects.count() == live
    html = client.get("/search/", {"q": "沈阳"}).content.decode()
    assert "开幕式在<mark>沈阳</mark>举行" in html
    promoted = client.get("/search/", {"q": "活动周通知"}).content.decode()
    assert (
        "推荐结果" in promoted
        and "教育部等五部门关于举办2024年全民终身学习活动周的通知" in promoted
    )
    english = client.get("/en/search/", {"q": "opening ceremony Shenyang"}).content.decode()
    assert "<mark>Shenyang</mark>" in english
    assert "大家都在搜" in client.get("/search/").content.decode()


def assert_regional_sections(client) -> None:
    from campaigns.models import RegionalSectionPage

    sections = sorted(
        RegionalSectionPage.objects.values_list("locale__language_code", "region__slug")
    )
    assert sections == [("en", "liaoning"), ("zh-hans", "jiangsu"), ("zh-hans", "liaoning")]
    liaoning = RegionalSectionPage.objects.get(
        locale__language_code="zh-hans", region__slug="liaoning"
    )
    english = RegionalSectionPage.objects.get(locale__language_code="en")
    assert liaoning.title == "辽宁省全民终身学习活动周" and liaoning.live
    assert english.translation_key == liaoning.translation_key
    assert (
        (english.starts_on, english.ends_on)
        == (liaoning.starts_on, liaoning.ends_on)
        == (dt.date(2024, 4, 26), dt.date(2024, 5, 2))
    )
    assert (
        english.title == "Liaoning Lifelong Learning Activity Week"
        and english.host_city == "Shenyang"
    )
    for page, text in ((liaoning, "活动安排"), (english, "Programme")):
        response = client.get(page.url)
        assert response.status_code == 200 and text in response.content.decode()


def assert_embargoed_release_is_scheduled() -> None:
    """The demo's embargoed release is approved but not yet public, in both
    languages, due a few minutes ahead, and the editorial accounts exist."""
    from django.utils import timezone
    from wagtail.models import Revision

    from demo.editorial import DEMO_ACCOUNTS, SCHEDULED_SLUG

    releases = list(Page.objects.filter(slug=SCHEDULED_SLUG))
    assert {page.locale.language_code for page in releases} == {"zh-hans", "en"}
    for page in releases:
        assert not page.live
        due = (
            Revision.page_revisions.filter(
                object_id=str(page.pk), approved_go_live_at__isnull=False
            )
            .get()
            .approved_go_live_at
        )
        assert timezone.now() < due <= timezone.now() + dt.timedelta(minutes=5)
    users = get_user_model().objects.filter(username__in=DEMO_ACCOUNTS)
    assert sorted(user.username for user in users if user.groups.exists()) == sorted(DEMO_ACCOUNTS)


@pytest.mark.django_db(transaction=True)
def test_load_demo_works_on_a_flushed_database(monkeypatch, tmp_path, settings):
    """`flush` removes what migrations made (tree root, root collection,
    locales, regions); the demo still loads."""
    settings.DATA_DIR = tmp_path
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo-password-for-tests")
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_demo", stdout=StringIO())
    assert HomePage.objects.count() == 2 and Site.objects.filter(is_default_site=True).exists()


def assert_translation_demo() -> None:
    """The glossary is seeded, an English reviewer exists, and one English
    translation is left outdated for the status report (even after a rerun)."""
    from demo.translation import OUTDATED_SLUG
    from lifelong_site.translation.models import GlossaryTerm
    from lifelong_site.translation.status import source_pages

    assert GlossaryTerm.objects.filter(source="全民终身学习活动周").exists()
    states = dict(source_pages().values_list("slug", "translation_state"))
    assert states[OUTDATED_SLUG] == "outdated"
    assert states["2024-opening-ceremony-shenyang"] == "current"
    assert (
        get_user_model()
        .objects.get(username="english_reviewer")
        .groups.filter(name="英文审核员")
        .exists()
    )
