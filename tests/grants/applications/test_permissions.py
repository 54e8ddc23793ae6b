"""Every transition's permission: who may fire it, and who is refused (an agent without mandate, a
Member without the grants service, an Entry account, another business, staff without permission)."""

from __future__ import annotations

from typing import Any

import pytest

from madoguchi.grants.applications import services
from madoguchi.grants.applications.enums import ApplicationStatus, Stage
from madoguchi.grants.applications.errors import PermissionDenied
from madoguchi.grants.applications.models import Application
from tests.grants.applications.conftest import fill_stage, reload
from tests.grants.applications.test_lifecycle import advance

S = ApplicationStatus

# name → (state it starts from, stage form to fill first or None, call)
APPLICANT_TRANSITIONS: dict[str, tuple[str, str | None, Any]] = {
    "submit": (S.DRAFT, None, lambda a, u: services.application_submit(actor=u, application=a)),
    "resubmit": (
        S.RETURNED,
        None,
        lambda a, u: services.application_resubmit(actor=u, application=a),
    ),
    "grant_apply": (
        S.ADOPTED,
        Stage.GRANT_APPLICATION,
        lambda a, u: services.application_grant_apply(actor=u, application=a),
    ),
    "change_request": (
        S.GRANT_DECIDED,
        Stage.CHANGE_REQUEST,
        lambda a, u: services.application_change_request(
            actor=u, application=a, message="変更します"
        ),
    ),
    "report": (
        S.GRANT_DECIDED,
        Stage.REPORT,
        lambda a, u: services.application_report(actor=u, application=a),
    ),
    "payment_request": (
        S.AMOUNT_CONFIRMED,
        Stage.PAYMENT_REQUEST,
        lambda a, u: services.application_payment_request(actor=u, application=a),
    ),
    "withdraw": (
        S.SUBMITTED,
        None,
        lambda a, u: services.application_withdraw(actor=u, application=a),
    ),
    "save_draft": (
        S.DRAFT,
        None,
        lambda a, u: services.application_save_draft(actor=u, application=a, data={}),
    ),
}
OFFICER_TRANSITIONS: dict[str, tuple[str, Any, str]] = {
    "return": (
        S.SUBMITTED,
        lambda a, u: services.application_return(actor=u, application=a, message="直してください"),
        S.RETURNED,
    ),
    "review_start": (
        S.SUBMITTED,
        lambda a, u: services.application_review_start(actor=u, application=a),
        S.UNDER_REVIEW,
    ),
    "adopt": (
        S.UNDER_REVIEW,
        lambda a, u: services.application_adopt(actor=u, application=a),
        S.ADOPTED,
    ),
    "not_adopt": (
        S.UNDER_REVIEW,
        lambda a, u: services.application_not_adopt(actor=u, application=a),
        S.NOT_ADOPTED,
    ),
    "grant_decide": (
        S.GRANT_APPLIED,
        lambda a, u: services.application_grant_decide(actor=u, application=a),
        S.GRANT_DECIDED,
    ),
    "change_decide": (
        S.CHANGE_REQUESTED,
        lambda a, u: services.application_change_decide(actor=u, application=a, approved=True),
        S.GRANT_DECIDED,
    ),
    "amount_confirm": (
        S.REPORTED,
        lambda a, u: services.application_amount_confirm(actor=u, application=a, amount=1000),
        S.AMOUNT_CONFIRMED,
    ),
    "pay": (
        S.PAYMENT_REQUESTED,
        lambda a, u: services.application_pay(actor=u, application=a),
        S.PAID,
    ),
}


def bring_to(state: str, make_draft: Any, prime: Any, officer: Any) -> Application:
    application = make_draft(prime)
    if state == S.RETURNED:
        application = advance(application, S.SUBMITTED, prime, officer)
        services.application_return(
            actor=officer, application=application, message="直してください"
        )
        return reload(application)
    if state == S.CHANGE_REQUESTED:
        application = advance(application, S.GRANT_DECIDED, prime, officer)
        fill_stage(application, prime, Stage.CHANGE_REQUEST)
        services.application_change_request(
            actor=prime, application=application, message="変更します"
        )
        return reload(application)
    return advance(application, state, prime, officer)


REFUSED_APPLICANTS = [
    "member_without_grants",
    "entry_user",
    "agent",
    "other_prime",
    "programme_officer",
    "viewer_staff",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(APPLICANT_TRANSITIONS))
@pytest.mark.parametrize("who", REFUSED_APPLICANTS)
def test_applicant_transitions_refuse_others(
    name: str, who: str, request: Any, make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    """``agent`` here holds no mandate: its organisation is a stranger to the applicant's."""
    state, stage, call = APPLICANT_TRANSITIONS[name]
    application = bring_to(state, make_draft, prime, programme_officer)
    if stage:
        fill_stage(application, prime, stage)
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        call(application, actor)
    assert reload(application).status == state


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(APPLICANT_TRANSITIONS))
@pytest.mark.parametrize("who", ["prime", "member", "agent_with_mandate"])
def test_applicant_transitions_allow_prime_member_and_mandated_agent(
    name: str, who: str, request: Any, make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    state, stage, call = APPLICANT_TRANSITIONS[name]
    application = bring_to(state, make_draft, prime, programme_officer)
    if who == "agent_with_mandate":
        request.getfixturevalue("mandate")
        actor = request.getfixturevalue("agent")
    else:
        actor = request.getfixturevalue(who)
    if stage:
        fill_stage(application, actor, stage)
    call(application, actor)
    if name != "save_draft":
        assert reload(application).status != state


@pytest.mark.django_db
def test_revoked_or_other_service_mandate_is_refused(
    make_draft: Any, prime: Any, agent: Any, mandate: Any, org: Any
) -> None:
    from django.utils import timezone

    mandate.services = ["procedures"]
    mandate.save(update_fields=["services"])
    with pytest.raises(PermissionDenied):
        make_draft(agent, organisation=org)
    mandate.services = ["grants"]
    mandate.revoked_at = timezone.now()
    mandate.save(update_fields=["services", "revoked_at"])
    with pytest.raises(PermissionDenied):
        make_draft(agent, organisation=org)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(OFFICER_TRANSITIONS))
@pytest.mark.parametrize("who", ["prime", "member", "viewer_staff", "agent_with_mandate"])
def test_officer_transitions_refuse_applicants_and_staff_without_permission(
    name: str, who: str, request: Any, make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    state, call, _target = OFFICER_TRANSITIONS[name]
    application = bring_to(state, make_draft, prime, programme_officer)
    if who == "agent_with_mandate":
        request.getfixturevalue("mandate")
        actor = request.getfixturevalue("agent")
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="権限のある職員だけ"):
        call(application, actor)
    assert reload(application).status == state


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(OFFICER_TRANSITIONS))
def test_officer_transitions_allow_programme_officer(
    name: str, make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    state, call, target = OFFICER_TRANSITIONS[name]
    application = bring_to(state, make_draft, prime, programme_officer)
    call(application, programme_officer)
    assert reload(application).status == target


@pytest.mark.django_db
def test_transition_from_the_wrong_state_names_the_state(
    make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    from madoguchi.grants.applications.errors import ApplicationError

    application = make_draft(prime)
    with pytest.raises(ApplicationError, match="「下書き」のため、採択はできません"):
        services.application_adopt(actor=programme_officer, application=application)


@pytest.mark.django_db
def test_status_cannot_be_set_by_hand(make_draft: Any, prime: Any) -> None:
    application = make_draft(prime)
    with pytest.raises(AttributeError):
        application.status = S.PAID
