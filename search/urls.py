"""The search page's address, included by the site's URL map by name (the
core imports no app) under each language's prefix."""

from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search, name="search"),
]
