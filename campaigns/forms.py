"""Admin forms of the campaign pages: checks across a page and its inline
rows, and adding a whole collection of photos to a gallery at once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Collection


def _live_forms(formset: Any) -> list[forms.Form]:
    return [
        form
        for form in formset.forms
        if hasattr(form, "cleaned_data")
        and form.cleaned_data
        and not form.cleaned_data.get("DELETE")
    ]


class CampaignWeekPageForm(WagtailAdminPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        schedule = self.formsets.get("schedule")
        # The formsets are validated after the page form; validating them now
        # (the result is cached) lets the rows be compared with the year.
        if not year or schedule is None or not schedule.is_valid():
            return cleaned_data
        seen: dict[int, forms.Form] = {}
        for form in _live_forms(schedule):
            starts_on, region = form.cleaned_data.get("starts_on"), form.cleaned_data.get("region")
            if starts_on and starts_on.year != year:
                form.add_error("starts_on", _("日期应在 %(year)s 年内。") % {"year": year})
            if region is not None:
                if region.pk in seen:
                    form.add_error("region", _("%(region)s 已经有一行安排。") % {"region": region})
                seen[region.pk] = form
        if any(form.errors for form in schedule.forms):
            self.add_error(None, _("各地安排有误，请检查标出的行。"))
        return cleaned_data


class CeremonyGalleryPageForm(WagtailAdminPageForm):
    """Adds every image of a collection as photos, in one save: upload the
    ceremony's photos with the image library's multiple upload into a
    collection, pick it here, then fill in each photo's alt text."""

    add_photos_from = forms.ModelChoiceField(
        queryset=Collection.objects.all(),
        required=False,
        label=gettext_lazy("从图片集合批量添加"),
        help_text=gettext_lazy(
            "选择一个图片集合，保存时把其中尚未加入的图片按标题顺序加入图集。"
            "可先在“图片 → 添加图片”中一次上传多张到该集合。发布前须为每张照片填写替代文本。"
        ),
    )

    def save(self, commit: bool = True):
        page = super().save(commit=False)
        collection = self.cleaned_data.get("add_photos_from")
        if collection is not None:
            page.add_photos_from_collection(collection)
        if commit:
            page.save()
            self.save_m2m()
        return page
