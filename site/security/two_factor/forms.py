"""The one field every two-factor step asks for: a code."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .devices import Attempt, normalise_code


class CodeForm(forms.Form):
    """A code from the authenticator app, or (where allowed) a recovery code."""

    code = forms.CharField(
        label=_("验证码"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, accept_recovery_codes: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accept_recovery_codes = accept_recovery_codes
        field = self.fields["code"]
        if accept_recovery_codes:
            field.label = _("验证码或恢复码")
            field.help_text = _(
                "输入身份验证器应用当前显示的 6 位数字；手机不在身边时，可输入一个恢复码。"
            )
        else:
            field.help_text = _("输入身份验证器应用当前显示的 6 位数字。")
            field.widget.attrs["inputmode"] = "numeric"

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not self.accept_recovery_codes and not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("请输入身份验证器应用显示的 6 位数字。"))
        if not code:
            raise forms.ValidationError(_("请输入验证码。"))
        return code

    def refuse(self, attempt: Attempt) -> None:
        """Explain a refused code on the form."""
        if attempt.locked_until is not None:
            self.add_error("code", locked_message(attempt.locked_until))
        else:
            self.add_error("code", gettext("验证码不正确或已过期，请重新输入。"))


def locked_message(locked_until: datetime) -> str:
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    if seconds <= 120:
        return gettext("错误次数过多，请在 %(seconds)d 秒后再试。") % {"seconds": seconds}
    # Each failure doubles the wait, so after many it is counted in minutes.
    return gettext("错误次数过多，请在 %(minutes)d 分钟后再试。") % {
        "minutes": math.ceil(seconds / 60)
    }
