"""Factories for the site's own models."""

from __future__ import annotations

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from lifelong_site.models import HomePage, SiteIdentity

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.cn")
    password = factory.django.Password(TEST_PASSWORD)


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "全民终身学习活动周"
    slug = "home"
    intro = "让学习成为一种生活方式"
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="zh-hans"))


class SiteIdentityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteIdentity
        django_get_or_create = ("site",)

    site_name_zh = "全民终身学习活动周"
    site_name_en = "National Lifelong Learning Activity Week"
    organiser_zh = "中华人民共和国教育部"
    organiser_en = "Ministry of Education of the People's Republic of China"
    undertaker_zh = "中国成人教育协会"
    undertaker_en = "China Adult Education Association"
    site_id_code = "bm05000001"
    icp_number = "京ICP备10028400号"
    public_security_number = "京公网安备11040102700080号"
    address_zh = "北京市西城区大木仓胡同37号"
    address_en = "37 Damucang Hutong, Xicheng District, Beijing"
    phone = "010-66096114"
    email = "webmaster@example.cn"
