"""Site-wide identity shown in the footer and the government-site meta tags.

Chinese government websites must show who runs them and their filing numbers:
the site identification code (政府网站标识码), the MIIT ICP filing (ICP备案号,
linked to the MIIT filing system) and the public-security filing (公安备案号,
linked to beian.gov.cn). These belong to the Site, not to a locale, so the
texts readers see come in explicit Chinese/English pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

MIIT_FILING_URL = "https://beian.miit.gov.cn/"
PUBLIC_SECURITY_FILING_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={code}"


@dataclass(frozen=True)
class LocalisedIdentity:
    """The identity as one language's readers see it."""

    site_name: str
    organiser: str
    undertaker: str
    address: str
    phone: str
    email: str
    site_id_code: str
    icp_number: str
    icp_url: str
    public_security_number: str
    public_security_url: str


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    site_name_zh = models.CharField(
        _("网站名称（中文）"), max_length=100, default="全民终身学习活动周"
    )
    site_name_en = models.CharField(
        _("网站名称（英文）"), max_length=100, default="National Lifelong Learning Activity Week"
    )
    organiser_zh = models.CharField(_("主办单位（中文）"), max_length=200, blank=True)
    organiser_en = models.CharField(_("主办单位（英文）"), max_length=200, blank=True)
    undertaker_zh = models.CharField(_("承办单位（中文）"), max_length=200, blank=True)
    undertaker_en = models.CharField(_("承办单位（英文）"), max_length=200, blank=True)
    site_id_code = models.CharField(
        _("政府网站标识码"),
        max_length=20,
        blank=True,
        help_text=_("由全国政府网站信息报送系统分配，例如 bm05000001。"),
    )
    icp_number = models.CharField(
        _("ICP备案号"), max_length=60, blank=True, help_text=_("例如 京ICP备10028400号")
    )
    public_security_number = models.CharField(
        _("公安备案号"), max_length=60, blank=True, help_text=_("例如 京公网安备11010202000001号")
    )
    address_zh = models.CharField(_("地址（中文）"), max_length=200, blank=True)
    address_en = models.CharField(_("地址（英文）"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    email = models.EmailField(_("联系邮箱"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("site_name_zh"), FieldPanel("site_name_en")])],
            heading=_("网站名称"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organiser_zh"), FieldPanel("organiser_en")]),
                FieldRowPanel([FieldPanel("undertaker_zh"), FieldPanel("undertaker_en")]),
            ],
            heading=_("主办与承办"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_id_code"),
                FieldPanel("icp_number"),
                FieldPanel("public_security_number"),
            ],
            heading=_("标识码与备案"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("address_zh"), FieldPanel("address_en")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading=_("联系方式"),
        ),
    ]

    class Meta:
        verbose_name = _("网站标识与页脚")

    @property
    def public_security_code(self) -> str:
        """The digits of the public-security filing, which its lookup URL needs."""
        return "".join(re.findall(r"\d", self.public_security_number))

    def for_language(self, language_code: str | None) -> LocalisedIdentity:
        english = (language_code or "").startswith("en")

        def pick(zh: str, en: str) -> str:
            # An English reader gets the Chinese text rather than nothing.
            return (en or zh) if english else zh

        code = self.public_security_code
        return LocalisedIdentity(
            site_name=pick(self.site_name_zh, self.site_name_en),
            organiser=pick(self.organiser_zh, self.organiser_en),
            undertaker=pick(self.undertaker_zh, self.undertaker_en),
            address=pick(self.address_zh, self.address_en),
            phone=self.phone,
            email=self.email,
            site_id_code=self.site_id_code,
            icp_number=self.icp_number,
            icp_url=MIIT_FILING_URL if self.icp_number else "",
            public_security_number=self.public_security_number,
            public_security_url=PUBLIC_SECURITY_FILING_URL.format(code=code) if code else "",
        )
