"""URLs of the news app outside the page tree: the view counter beacon."""

from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("<int:page_id>/", views.count_view, name="count_view"),
]
