"""The JSON API's addresses, included by the site's URL map by name, outside
the language prefix."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/search/", views.api_search, name="api_search"),
    path("api/search/suggest/", views.api_suggest, name="api_search_suggest"),
]
