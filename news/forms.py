"""Admin form for notices: checks that need the inline issuers too."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from lifelong_site.document_numbers import parse_document_number


class NoticePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Editors give every notice its 索引号; only imported archive notices
        # (older than the disclosure catalogue) may lack one.
        if "index_number" in self.fields and not getattr(self.instance, "import_key", ""):
            self.fields["index_number"].required = True

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("document_number")
        parsed = parse_document_number(number) if number else None
        issuers = self.formsets.get("issuers")
        # The inline formsets are validated after the page form; validate the
        # issuers now (the result is cached) so their choices can be compared.
        if parsed is None or issuers is None or not issuers.is_valid():
            return cleaned_data
        abbreviations: list[str] = []
        for form in issuers.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            organisation = form.cleaned_data.get("organisation")
            if organisation is not None:
                abbreviations.extend(organisation.abbreviations)
        # Only when the issuing bodies declare their 机关代字 can we check it.
        if abbreviations and not any(parsed.prefix.startswith(a) for a in abbreviations):
            self.add_error(
                "document_number",
                _("文号应以发文机关的代字开头（%(options)s）。")
                % {"options": "、".join(abbreviations)},
            )
        return cleaned_data
