from django.urls import path

app_name = "webapi_v4"
urlpatterns: list = []  # type: ignore[type-arg]
