from django.urls import path

from madoguchi.registry.webapi_v4 import views

app_name = "webapi_v4"
urlpatterns = [
    path("num", views.num, name="num"),
    path("diff", views.diff, name="diff"),
    path("name", views.name, name="name"),
]
