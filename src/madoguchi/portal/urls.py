from django.urls import path

from madoguchi.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("developers/", views.developers, name="developers"),
    path("staff/", views.staff_home, name="staff-home"),
]
