from django.urls import URLPattern

app_name = "webapi_v4"
urlpatterns: list[URLPattern] = []
