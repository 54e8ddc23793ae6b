"""The local outbox viewer, staff roles, and each user's sessions."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import NoReverseMatch, reverse

from madoguchi.identity.enums import StaffRole
from madoguchi.identity.roles import ensure_roles
from tests.identity.conftest import PASSWORD, login, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.urls("tests.demo_urls")
def test_outbox_lists_file_backend_mail_with_clickable_links(
    client, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    settings.MADOGUCHI_OUTBOX_VIEWER = True
    mail.send_mail(
        "確認してください",
        "リンク: http://testserver/accounts/confirm-email/abc/",
        None,
        ["a@example.jp"],
    )
    page = client.get("/outbox/").content.decode()
    assert "確認してください" in page
    message_id = next(p.stem for p in tmp_path.glob("*.log")) + "-0"
    body = client.get(f"/outbox/{message_id}/").content.decode()
    assert '<a href="http://testserver/accounts/confirm-email/abc/"' in body


def test_outbox_does_not_exist_outside_demo_mode(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/outbox/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("outbox:list")


@pytest.mark.urls("tests.demo_urls")
def test_outbox_view_refuses_when_the_viewer_is_off(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MADOGUCHI_OUTBOX_VIEWER = False
    assert client.get("/outbox/").status_code == 404


def test_roles_exist_with_permissions_and_are_idempotent() -> None:
    ensure_roles()
    ensure_roles()
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.value for role in StaffRole} <= names
    reviewer = Group.objects.get(name=StaffRole.IDENTITY_REVIEWER)
    codenames = set(reviewer.permissions.values_list("codename", flat=True))
    assert "review_verificationrequest" in codenames
    assert "view_auditevent" not in codenames  # the identity queue only (least privilege)
    admin = Group.objects.get(name=StaffRole.ADMINISTRATOR)
    assert admin.permissions.count() > reviewer.permissions.count()


def test_user_sees_and_ends_sessions(client) -> None:  # type: ignore[no-untyped-def]
    from allauth.usersessions.models import UserSession

    user = make_user("sessions@example.jp")
    other = client.__class__(HTTP_USER_AGENT="OtherBrowser/1.0")
    login(other, user.email)
    login(client, user.email, PASSWORD)
    assert UserSession.objects.filter(user=user).count() == 2
    page = client.get("/accounts/sessions/")
    assert page.status_code == 200
    assert "OtherBrowser" in page.content.decode()
    response = client.post("/accounts/sessions/", {"action": "logout"})
    assert response.status_code in (200, 302)
    assert UserSession.objects.filter(user=user).count() == 1
    assert other.get("/identity/").status_code == 302  # the other browser was logged out


def test_user_ends_one_session_and_nobody_elses(client) -> None:  # type: ignore[no-untyped-def]
    from allauth.usersessions.models import UserSession

    user = make_user("one@example.jp")
    stranger = make_user("stranger@example.jp")
    other = client.__class__(HTTP_USER_AGENT="OtherBrowser/1.0")
    login(other, user.email)
    login(client, user.email)
    other_session = UserSession.objects.get(user=user, user_agent="OtherBrowser/1.0")

    intruder = client.__class__()
    login(intruder, stranger.email)
    assert intruder.post(f"/identity/sessions/{other_session.pk}/end/").status_code == 404

    response = client.post(f"/identity/sessions/{other_session.pk}/end/")
    assert response.status_code == 302
    assert not UserSession.objects.filter(pk=other_session.pk).exists()
    assert other.get("/identity/").status_code == 302
    assert client.get("/identity/").status_code == 200
