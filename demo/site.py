"""Demo content of the site itself: locales, home pages, site identity and the
admin account. Every step finds what an earlier run made and updates it, so
`load_demo` can run any number of times."""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from demo.report import DemoReport
from lifelong_site.models import HomePage, SiteIdentity
from lifelong_site.translation.tools import translate_instance

SOURCE_LANGUAGE = "zh-hans"
TRANSLATION_LANGUAGE = "en"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD_FILE = "demo-admin-password"

HOME_ZH = {
    "title": "全民终身学习活动周",
    "intro": "让学习成为一种生活方式——自2005年起，每年一届，全国各地同步开展。",
    "body": (
        "<p>全民终身学习活动周由教育部等部门共同主办，各省（区、市）和新疆生产建设兵团"
        "按照“一省一周”的方式在全年陆续举办。本网站发布活动周的新闻、通知公告、"
        "历届活动周资料以及百姓学习之星和终身学习品牌项目。</p>"
    ),
}
HOME_EN = {
    "全民终身学习活动周": "National Lifelong Learning Activity Week",
    HOME_ZH[
        "intro"
    ]: "Make learning a lifestyle: held every year since 2005, across the whole country.",
    HOME_ZH["body"][3:-4]: (
        "The National Lifelong Learning Activity Week is organised by the Ministry of Education "
        "together with other departments. The provinces, autonomous regions, municipalities and the "
        "Xinjiang Production and Construction Corps hold their own weeks through the year, one "
        "province after another. This site publishes the week's news, official notices, the archive "
        "of past weeks, and the Learning Stars and lifelong-learning brand projects."
    ),
}

IDENTITY = {
    "site_name_zh": "全民终身学习活动周",
    "site_name_en": "National Lifelong Learning Activity Week",
    "organiser_zh": "中华人民共和国教育部",
    "organiser_en": "Ministry of Education of the People's Republic of China",
    "undertaker_zh": "中国成人教育协会",
    "undertaker_en": "China Adult Education Association",
    # Placeholders in the official formats; a real deployment enters its own.
    "site_id_code": "bm05000000",
    "icp_number": "京ICP备00000000号",
    "public_security_number": "京公网安备11010200000000号",
    "address_zh": "北京市西城区大木仓胡同37号",
    "address_en": "37 Damucang Hutong, Xicheng District, Beijing",
    "phone": "010-66090000",
    "email": "contact@lifelong-learning.example.cn",
}


def ensure_locales() -> tuple[Locale, Locale]:
    source, _ = Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)
    target, _ = Locale.objects.get_or_create(language_code=TRANSLATION_LANGUAGE)
    return source, target


def get_home(locale: Locale) -> HomePage | None:
    return HomePage.objects.filter(locale=locale, depth=2).first()


def ensure_home_pages(report: DemoReport) -> tuple[HomePage, HomePage]:
    zh, en = ensure_locales()
    # Wagtail's install leaves a "Welcome" placeholder page (and a Site pointing
    # at it); our home page takes its place.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    home = get_home(zh)
    created = home is None
    if home is None:
        # Migrations make the tree's root and the root collection; a database
        # emptied by `flush` has neither, and the demo must still load.
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=zh)
        Collection.get_first_root_node() or Collection.add_root(name="Root")
        home = HomePage(locale=zh, slug="home", **HOME_ZH)
        root.add_child(instance=home)
    else:
        for name, value in HOME_ZH.items():
            setattr(home, name, value)
    home.save_revision().publish()
    report.record("首页 (zh-hans)", created)

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", int(os.environ.get("PORT") or 8000)
    site.site_name = IDENTITY["site_name_zh"]
    site.root_page = home
    site.save()

    had_english = get_home(en) is not None
    # translate_instance returns the translation, of the same type as the source.
    home_en = translate_instance(home, en, HOME_EN)
    report.record("Home (en)", not had_english)
    return home, home_en


def ensure_identity(report: DemoReport) -> SiteIdentity:
    site = Site.objects.get(is_default_site=True)
    identity, created = SiteIdentity.objects.update_or_create(site=site, defaults=IDENTITY)
    report.record("网站标识与页脚", created)
    return identity


def admin_password() -> str:
    """DEMO_ADMIN_PASSWORD if set; otherwise a random password kept in the data
    folder so every run of `make run` prints the same one."""
    from_env = os.environ.get("DEMO_ADMIN_PASSWORD", "").strip()
    if from_env:
        return from_env
    password_file = settings.DATA_DIR / ADMIN_PASSWORD_FILE
    if password_file.exists():
        return password_file.read_text().strip()
    password_file.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    password_file.write_text(password)
    password_file.chmod(0o600)
    return password


def ensure_admin(report: DemoReport) -> None:
    User = get_user_model()
    password = admin_password()
    user, created = User.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={
            "email": "admin@lifelong-learning.example.cn",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.is_staff = user.is_superuser = True
        user.save()
    report.record(f"admin user '{ADMIN_USERNAME}'", created)
    report.notes.append(f"Admin login: {ADMIN_USERNAME} / {password}")


@transaction.atomic
def load(report: DemoReport) -> None:
    ensure_home_pages(report)
    ensure_identity(report)
    ensure_admin(report)
