"""The translation glossary: fixed English renderings that machine
translation must not paraphrase.

Each term is a Chinese source text and the one English text it always becomes
(全民终身学习活动周 → National Lifelong Learning Activity Week). The glossary
step of machine translation (lifelong_site.translation.glossary) puts these in
the draft verbatim; region and organisation names come from their own snippets
and need no entry here. Not translatable itself: it *is* the zh → en mapping.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

__all__ = ["GlossaryTerm", "GlossaryTermKind"]


class GlossaryTermKind(models.TextChoices):
    TERM = "term", _("固定译法")
    ORGANISATION = "organisation", _("机构名称")
    PERSON = "person", _("人名")
    PLACE = "place", _("地名")


class GlossaryTerm(index.Indexed, models.Model):
    source = models.CharField(_("中文"), max_length=200, unique=True)
    target = models.CharField(_("英文译法"), max_length=300)
    kind = models.CharField(
        _("类别"), max_length=20, choices=GlossaryTermKind.choices, default=GlossaryTermKind.TERM
    )
    note = models.CharField(
        _("说明"), max_length=300, blank=True, help_text=_("出处或用法，供译员参考。")
    )

    panels = [
        FieldRowPanel([FieldPanel("source"), FieldPanel("target")]),
        FieldPanel("kind"),
        FieldPanel("note"),
    ]
    search_fields = [
        index.SearchField("source"),
        index.SearchField("target"),
        index.AutocompleteField("source"),
        index.FilterField("kind"),
    ]

    class Meta:
        # Made with the site's first models: its table, content type and
        # migrations stay the core app's (lifelong_site 0006).
        app_label = "lifelong_site"
        ordering = ["source"]
        verbose_name = _("术语")
        verbose_name_plural = _("术语表")

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"
