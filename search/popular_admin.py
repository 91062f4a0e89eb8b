"""The editors' list of popular searches (设置 → 热门搜索): candidates with
their distinct clients, results and last search, and the buttons that
approve, hide or ban each. Editors may also add a term themselves.

Seeing the list needs one of the model's permissions (add, change,
delete); moderating needs site_search.change_popularsearch."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import BaseColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import PopularSearch

Status = PopularSearch.Status

# Action → (new status, button label).
ACTIONS = {
    "approve": (Status.APPROVED, gettext_lazy("批准")),
    "hide": (Status.HIDDEN, gettext_lazy("隐藏")),
    "ban": (Status.BANNED, gettext_lazy("禁止")),
}


class ModerationColumn(BaseColumn):
    """One small form per action the row's status allows (POST, with the
    CSRF token), so deciding takes one click."""

    cell_template_name = "search/admin/moderation_cell.html"

    def get_cell_context_data(self, instance: PopularSearch, parent_context: Any) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        index = reverse("popular_searches:index")
        context.update(
            url=reverse("popular_searches:moderate", args=[instance.pk]),
            actions=[
                (action, label)
                for action, (status, label) in ACTIONS.items()
                if status != instance.status
            ],
            csrf_token=get_token(request) if request is not None else "",
            next_url=f"{index}?{request.GET.urlencode()}"
            if request is not None and request.GET
            else index,
        )
        return context


class PopularSearchIndexView(IndexView):
    @cached_property
    def columns(self) -> list[BaseColumn]:
        columns = list(super().columns)
        if self.user_has_permission("change"):
            columns.append(ModerationColumn("moderate", label=_("审核")))
        return columns


class ModerateView(View):
    """POST action=approve|hide|ban: set the row's status, then back to the list."""

    http_method_names = ["post"]
    permission_policy: BasePermissionPolicy | None = None  # given by the viewset's as_view()

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        policy = self.permission_policy
        if policy is None or not policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        popular = get_object_or_404(PopularSearch, pk=pk)
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            return HttpResponseBadRequest(_("未知的审核操作。"))
        status, _label = ACTIONS[action]
        if popular.status != status:
            popular.status = status
            popular.save(update_fields=["status", "updated_at"])
            log(popular, "wagtail.edit", user=request.user)
        messages.success(
            request,
            _("“%(term)s”（%(language)s）：%(status)s。")
            % {
                "term": popular.term,
                "language": popular.get_language_display(),
                "status": popular.get_status_display(),
            },
        )
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("popular_searches:index")
        return redirect(next_url)


class PopularSearchViewSet(ModelViewSet):
    model = PopularSearch
    name = "popular_searches"
    url_prefix = "popular-searches"
    icon = "search"
    menu_label = gettext_lazy("热门搜索")
    add_to_settings_menu = True
    index_view_class = PopularSearchIndexView
    list_display = ["term", "language", "status", "clients", "results", "last_seen"]
    list_filter = ["status", "language"]
    search_fields = ["term"]
    search_backend_name = None
    ordering = ["-clients", "term"]
    form_fields = ["term", "language", "status"]
    copy_view_enabled = False

    @property
    def moderate_view(self):
        return ModerateView.as_view(permission_policy=self.permission_policy)

    def get_urlpatterns(self) -> list:
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/", self.moderate_view, name="moderate")
        ]
