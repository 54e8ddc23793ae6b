"""Forms test helpers: businesses, staff in step groups, a published procedure with two steps, and
one application submitted to it."""

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from madoguchi.forms import services
from madoguchi.forms.documents import sponsorship_document
from madoguchi.forms.enums import SubmissionStatus
from madoguchi.forms.models import Procedure, Submission
from madoguchi.identity.enums import AccountType, CorpType, StaffRole
from madoguchi.identity.models import Division, Organisation, User
from tests.registry.factories import CorporationFactory
from tests.staff import make_staff as staff_user


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def make_business(
    email: str,
    *,
    account_type: int = AccountType.PRIME,
    organisation: Organisation | None = None,
    **fields: Any,
) -> User:
    if organisation is None:
        corporation = CorporationFactory()
        organisation = Organisation.objects.create(
            corp_type=CorpType.CORPORATION,
            corporate_number=corporation.corporate_number,
            name=corporation.name,
            postal_code="1000013",
            prefecture_name="東京都",
            address1="千代田区霞が関",
            address2="1-3-1",
            rep_last_name="山田",
            rep_first_name="太郎",
        )
    return User.objects.create_user(
        username=email,
        email=email,
        password="test-pass-2026",
        organisation=organisation,
        account_type=account_type,
        last_name="佐藤",
        first_name="花子",
        phone="0312345678",
        **fields,
    )


def make_staff(username: str, *groups: Group, builder_of: Division | None = None) -> User:
    """Staff in step ``groups``; with ``builder_of``, a procedure builder of that division."""
    return staff_user(
        username,
        StaffRole.PROCEDURE_BUILDER if builder_of is not None else None,
        *([builder_of] if builder_of is not None else []),
        groups=groups,
        password="test-pass-2026",
        email=f"{username}@city.example.jp",
    )


@pytest.fixture
def builder_user(division: Division) -> User:
    """A procedure builder of ``division``; the procedures and forms it makes are that division's."""
    return make_staff("builder", builder_of=division)


@pytest.fixture
def groups(db: Any) -> tuple[Group, Group]:
    return Group.objects.create(name="文化振興課"), Group.objects.create(name="総務課")


@pytest.fixture
def reviewers(groups: tuple[Group, Group]) -> tuple[User, User]:
    return make_staff("first", groups[0]), make_staff("second", groups[1])


def publish_procedure(
    builder: User,
    groups: tuple[Group, Group],
    document: dict[str, Any] | None = None,
    *,
    slug: str = "kouen",
    audience: list[str] | None = None,
) -> Procedure:
    form = services.form_import(actor=builder, document=document or sponsorship_document())
    services.form_version_publish(actor=builder, version=form.versions.get())
    procedure = services.procedure_save(
        actor=builder,
        form=form,
        title="後援名義使用申請",
        slug=slug,
        audience=audience or ["entry", "prime", "member"],
        reference_prefix="KOU",
    )
    services.workflow_step_add(
        actor=builder,
        procedure=procedure,
        name="担当課の確認",
        group=groups[0],
        approval_message="担当課の確認が終わり、課長決裁に進みました。",
    )
    services.workflow_step_add(
        actor=builder, procedure=procedure, name="課長の決裁", group=groups[1]
    )
    return procedure


@pytest.fixture
def procedure(builder_user: User, groups: tuple[Group, Group]) -> Procedure:
    return publish_procedure(builder_user, groups)


@pytest.fixture
def business(db: Any) -> User:
    return make_business("prime@example.jp")


@pytest.fixture
def submitted(
    client: Client,
    procedure: Any,
    business: Any,
    reviewers: Any,
    django_capture_on_commit_callbacks: Any,
) -> Submission:
    """A sponsorship application submitted through the pages (copy and e-mails done after commit)."""
    from tests.forms.test_filling import complete, start  # here: test_filling imports this module

    client.force_login(business)
    submission = start(client, procedure)
    complete(client, submission)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("forms:check", args=[submission.pk]))
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    return submission
