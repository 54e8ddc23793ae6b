from django.urls import path

from madoguchi.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.search, name="search"),
    path("<str:corporate_number>/", views.corporation, name="corporation"),
]
