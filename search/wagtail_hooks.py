"""Admin registration of the search app: the popular-search moderation list."""

from wagtail import hooks

from .popular_admin import PopularSearchViewSet


@hooks.register("register_admin_viewset")
def register_popular_searches() -> PopularSearchViewSet:
    return PopularSearchViewSet()
