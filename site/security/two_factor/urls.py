"""Admin URLs under /admin/two-factor/ (added by the register_admin_urls hook,
so Wagtail's admin-access check wraps them)."""

from __future__ import annotations

from django.urls import path

from . import administration, verify, views

app_name = "two_factor"

urlpatterns = [
    path("", views.TwoFactorOverviewView.as_view(), name="overview"),
    path("start/", views.StartEnrolmentView.as_view(), name="start"),
    path("confirm/", views.ConfirmEnrolmentView.as_view(), name="confirm"),
    path("recovery-codes/", views.NewRecoveryCodesView.as_view(), name="recovery_codes"),
    path("disable/", views.DisableView.as_view(), name="disable"),
    path("verify/", verify.VerifyView.as_view(), name="verify"),
    path("users/<int:user_id>/reset/", administration.ResetUserView.as_view(), name="reset_user"),
]
