"""Members (invite, services, suspend, remove) and mandates (委任) with acting_for."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from madoguchi.core.models import AuditEvent
from madoguchi.identity.enums import AccountStatus, AccountType, Service
from madoguchi.identity.errors import IdentityError
from madoguchi.identity.models import Invitation, Mandate, User
from madoguchi.identity.selectors import acting_for, active_mandates_for
from madoguchi.identity.services.mandates import mandate_grant, mandate_revoke
from tests.identity.conftest import PASSWORD, login, make_member, make_org, make_prime, make_user

pytestmark = pytest.mark.django_db


def invite(client, prime, django_capture_on_commit_callbacks, email="new@example.jp"):  # type: ignore[no-untyped-def]
    client.force_login(prime)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/identity/members/",
            {"email": email, "last_name": "招待", "services": [Service.GRANTS, Service.REGISTRY]},
        )
    assert response.status_code == 302
    match = re.search(r"http://testserver(/identity/invitations/accept/\S+/)", mail.outbox[-1].body)
    assert match is not None
    return match.group(1)


def test_invited_member_joins_the_inviting_organisation_only(
    client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    prime = make_prime()
    link = invite(client, prime, django_capture_on_commit_callbacks)
    client.logout()
    page = client.get(link)
    assert prime.organisation.name in page.content.decode()
    response = client.post(
        link,
        {"last_name": "招待", "first_name": "次郎", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    member = User.objects.get(email="new@example.jp")
    assert member.account_type == AccountType.MEMBER
    assert member.organisation == prime.organisation and member.parent == prime
    assert member.services == [Service.GRANTS, Service.REGISTRY]
    # the link is single-use
    assert client.get(link).status_code == 410
    # first login: MFA (TOTP) set-up is required before anything else
    login(client, "new@example.jp")
    assert client.get("/identity/").status_code == 302
    assert AuditEvent.objects.filter(action="identity.member_invited").exists()
    assert AuditEvent.objects.filter(action="identity.member_joined", actor=member).exists()


def test_expired_invitation_refused(client, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    prime = make_prime()
    link = invite(client, prime, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(link)
    assert response.status_code == 410
    assert "有効期限が切れています" in response.content.decode()


def test_invitation_to_existing_address_refused(client) -> None:  # type: ignore[no-untyped-def]
    prime = make_prime()
    make_user("taken@example.jp")
    client.force_login(prime)
    response = client.post("/identity/members/", {"email": "taken@example.jp"})
    assert "既に窓口のアカウントで使われている" in response.content.decode()


def test_prime_sets_services_suspends_and_removes(client) -> None:  # type: ignore[no-untyped-def]
    prime = make_prime()
    member = make_member(prime)
    client.force_login(prime)
    page = client.get("/identity/members/").content.decode()
    assert member.email in page and "未ログイン" in page
    client.post(f"/identity/members/{member.pk}/", {"services": [Service.PROCEDURES]})
    member.refresh_from_db()
    assert member.services == [Service.PROCEDURES]
    assert member.may_use(Service.PROCEDURES) and not member.may_use(Service.GRANTS)
    client.post(f"/identity/members/{member.pk}/", {"action": "suspended"})
    member.refresh_from_db()
    assert member.account_status == AccountStatus.SUSPENDED and not member.is_active
    client.logout()
    response = login(client, member.email)
    assert "_auth_user_id" not in client.session
    client.force_login(prime)
    client.post(f"/identity/members/{member.pk}/", {"action": "removed"})
    member.refresh_from_db()
    assert member.account_status == AccountStatus.REMOVED
    assert response.status_code in (200, 302)


def test_prime_sees_members_last_login(client) -> None:  # type: ignore[no-untyped-def]
    prime = make_prime()
    member = make_member(prime)
    User.objects.filter(pk=member.pk).update(last_login=timezone.now())
    client.force_login(prime)
    page = client.get("/identity/members/").content.decode()
    assert (
        timezone.localtime(User.objects.get(pk=member.pk).last_login).strftime("%Y-%m-%d") in page
    )


def test_mandate_lets_agent_act_for_business_until_revoked(client) -> None:  # type: ignore[no-untyped-def]
    principal = make_prime("principal@example.jp")
    agent_prime = make_prime("agent@example.jp")
    agent_member = make_member(agent_prime, "agent-staff@example.jp", services=[Service.GRANTS])
    business = principal.organisation
    assert acting_for(agent_prime, business, Service.GRANTS) is False

    client.force_login(principal)
    until = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(
        "/identity/mandates/",
        {
            "agent_corporate_number": agent_prime.organisation.corporate_number,
            "services": [Service.GRANTS],
            "valid_until": until.isoformat(),
        },
    )
    assert response.status_code == 302
    mandate = Mandate.objects.get()
    assert acting_for(agent_prime, business, Service.GRANTS) == mandate
    assert acting_for(agent_member, business, Service.GRANTS) == mandate
    assert acting_for(agent_prime, business, Service.PROCEDURES) is False
    assert acting_for(principal, business, Service.PROCEDURES) is True
    assert list(active_mandates_for(business)) == [mandate]
    assert list(active_mandates_for(agent_prime.organisation)) == [mandate]
    event = AuditEvent.objects.get(action="identity.mandate_granted")
    assert event.agent_organisation_id == str(agent_prime.organisation_id)

    client.post(f"/identity/mandates/{mandate.pk}/revoke/")
    assert acting_for(agent_prime, business, Service.GRANTS) is False
    assert list(active_mandates_for(business)) == []


def test_mandate_refuses_unverified_agent_self_and_past_dates() -> None:
    prime = make_prime()
    unverified = make_org(verified=False)
    today = timezone.localdate()
    with pytest.raises(IdentityError, match="本人確認が済んでいない"):
        mandate_grant(
            prime=prime,
            agent_corporate_number=unverified.corporate_number,
            services=[Service.GRANTS],
            valid_until=today,
        )
    with pytest.raises(IdentityError, match="自分の事業者"):
        mandate_grant(
            prime=prime,
            agent_corporate_number=prime.organisation.corporate_number,
            services=[Service.GRANTS],
            valid_until=today,
        )
    other = make_prime("other@example.jp")
    with pytest.raises(IdentityError, match="今日以降"):
        mandate_grant(
            prime=prime,
            agent_corporate_number=other.organisation.corporate_number,
            services=[Service.GRANTS],
            valid_until=today - datetime.timedelta(days=1),
        )


def test_only_the_principal_prime_revokes() -> None:
    principal = make_prime("p@example.jp")
    agent = make_prime("a@example.jp")
    mandate = mandate_grant(
        prime=principal,
        agent_corporate_number=agent.organisation.corporate_number,
        services=[Service.GRANTS],
        valid_until=timezone.localdate(),
    )
    with pytest.raises(IdentityError):
        mandate_revoke(prime=agent, mandate=mandate)
    member = make_member(principal)
    with pytest.raises(IdentityError):
        mandate_revoke(prime=member, mandate=mandate)
