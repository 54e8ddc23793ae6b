"""/outbox/: the local demo's mail viewer. config/urls.py includes it only when
MADOGUCHI_OUTBOX_VIEWER is on, which only MADOGUCHI_MODE=demo turns on: elsewhere the URLs do not exist."""

from django.urls import path

from madoguchi.identity.views import outbox

app_name = "outbox"
urlpatterns = [
    path("outbox/", outbox.outbox, name="list"),
    path("outbox/<str:message_id>/", outbox.outbox_message, name="message"),
]
