"""The role × page/action table (docs/roles.md), derived from identity.roles, walked cell by cell.

- docs/roles.md is what ``madoguchi roles_table`` writes from the declaration;
- every URL under a staff prefix (tests/urlwalk.py) has a rule, and every rule names a real URL;
- every row of the table has a case here, and for every role each case is a real request with real
  objects: a subsidy (and its applications, notices, files) in the officer's division and one in
  another division, a form and a procedure in each, an assignment of the reviewer and one of
  another reviewer, a procedure whose step the step handler's group handles and one it does not.
  Allowed → the page answers 200 or the action redirects and really happened; refused → 403 when
  the role lacks the right, 404 when its right does not reach the object (another division, another
  reviewer's assignment, another group's procedure). List pages show the other division's rows
  only to roles that reach every division.

The world is built once for the module; every cell runs in a savepoint rolled back afterwards.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import resolve, reverse
from django.utils import timezone

from madoguchi.core.errors import MadoguchiError
from madoguchi.forms import services as forms_services
from madoguchi.forms.demo import _sponsorship_answers, _submit
from madoguchi.forms.documents import sponsorship_document
from madoguchi.forms.models import Form, FormVersion, Procedure, Submission, SubmissionEvent
from madoguchi.grants import services as grants_services
from madoguchi.grants.applications import services as lifecycle
from madoguchi.grants.applications.documents import install_stage_forms
from madoguchi.grants.applications.enums import ApplicationStatus, Stage
from madoguchi.grants.applications.models import Application, ApplicationFile, StageForm
from madoguchi.grants.enums import DocumentKind, SubsidyStatus
from madoguchi.grants.models import Subsidy, SubsidyDocument
from madoguchi.grants.review import services as review_services
from madoguchi.grants.review.enums import NoticeKind, NoticeStatus
from madoguchi.grants.review.models import (
    Assignment,
    ConflictDeclaration,
    Notice,
    ReviewSetting,
    Score,
)
from madoguchi.grants.review.notices import notice_issue
from madoguchi.identity.enums import AccountType, StaffRole, VerificationStatus
from madoguchi.identity.models import Division, User, VerificationRequest
from madoguchi.identity.roles import (
    ROLE_RIGHTS,
    RULES_BY_NAME,
    STAFF_PREFIXES,
    STAFF_RULES,
    STEP_HANDLER,
    Right,
    Scope,
    rule_for,
)
from madoguchi.identity.roles_table import COLUMNS, REFUSED, Row, cell, markdown, rows
from tests.grants.applications.conftest import fill_stage, make_org
from tests.grants.applications.conftest import make_user as make_business_user
from tests.grants.conftest import pdf_upload, subsidy_input
from tests.identity.conftest import pdf_proof
from tests.staff import make_staff
from tests.urlwalk import iter_urls

ROOT = Path(__file__).resolve().parents[1]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


# --- the declaration and the URLs ---------------------------------------------------------------


def test_docs_roles_md_is_generated_from_the_declaration() -> None:
    committed = (ROOT / "docs" / "roles.md").read_text(encoding="utf-8")
    assert committed == markdown(), (
        "docs/roles.md is out of date: run `madoguchi roles_table -o docs/roles.md`"
    )


def _namespace_and_name(entry: Any) -> tuple[str, str]:
    """The namespace and view name of a URL pattern (unnamed ones: by resolving a sample path)."""
    if entry.name:
        namespace = entry.name.rpartition(":")[0]
        return namespace, entry.name
    path = entry.fill(lambda name, converter: "1") if not entry.is_regex else None
    if path is None:  # a regular expression: its literal beginning, then anything
        literal = entry.route.split("(", 1)[0].replace("\\", "")
        path = "/" + literal + "x"
    match = resolve(path)
    return match.namespace, match.view_name


def test_every_staff_url_has_a_rule_and_every_rule_a_url() -> None:
    missing = []
    names = set()
    for entry in iter_urls():
        if entry.name:
            names.add(entry.name)
        if not entry.route.startswith(STAFF_PREFIXES):
            continue
        namespace, name = _namespace_and_name(entry)
        if rule_for(name, namespace) is None:
            missing.append(f"/{entry.route} ({name})")
    assert not missing, "staff URLs without a rule in identity.roles.STAFF_RULES:\n" + "\n".join(
        missing
    )
    stale = [
        rule.name for rule in STAFF_RULES if not rule.name.endswith(":*") and rule.name not in names
    ]
    assert not stale, f"rules naming no URL: {stale}"
    assert {rule.name for rule in STAFF_RULES if rule.public} == {"admin:login", "admin:logout"}


def test_a_staff_url_without_a_rule_answers_404(client: Client, db: None) -> None:
    """Fail closed: the gate refuses a staff page nobody declared (as if one were added)."""
    admin = make_staff("admin", StaffRole.ADMINISTRATOR)
    client.force_login(admin)
    saved = RULES_BY_NAME.pop("grants_staff:list")
    try:
        assert client.get(reverse("grants_staff:list")).status_code == 404
    finally:
        RULES_BY_NAME["grants_staff:list"] = saved
    assert client.get(reverse("grants_staff:list")).status_code == 200


# --- the world ----------------------------------------------------------------------------------


@dataclasses.dataclass
class World:
    """Objects per division: ``a`` is the officer's and builder's, ``b`` another division's."""

    users: dict[str, User]
    clients: dict[str, Client]
    division: dict[str, Division]
    subsidy: dict[str, Subsidy]
    draft: dict[str, Subsidy]
    document: dict[str, SubsidyDocument]
    submitted: dict[str, Application]
    in_review: dict[str, Application]
    notice: dict[str, Notice]
    failed_notice: dict[str, Notice]
    file: dict[str, ApplicationFile]
    assignment: dict[str, Assignment]  # a: the reviewer's, b: another reviewer's
    alt_version: dict[str, FormVersion]
    form: dict[str, Form]
    procedure: dict[str, Procedure]
    submission: dict[str, Submission]
    verification: VerificationRequest
    other_reviewer: User


def _division_objects(
    key: str, division: Division, admin: User, prime: User, reviewer: User
) -> dict[str, Any]:
    title = {"a": "甲", "b": "乙"}[key]
    subsidy = grants_services.subsidy_create(
        actor=admin,
        division=division,
        data=subsidy_input(title=f"{title}部署の補助金", is_enable_multiple_request=True),
    )
    subsidy = grants_services.subsidy_publish(actor=admin, subsidy=subsidy)
    draft = grants_services.subsidy_create(
        actor=admin, division=division, data=subsidy_input(title=f"{title}部署の下書き")
    )
    document = grants_services.subsidy_document_add(
        actor=admin, subsidy=subsidy, kind=DocumentKind.APPLICATION_GUIDELINES, upload=pdf_upload()
    )
    install_stage_forms(builder=admin, officer=admin, subsidy=subsidy)
    review_services.criteria_set(
        actor=admin,
        subsidy=subsidy,
        criteria=[review_services.CriterionInput(name="事業の新規性", weight=1, max_score=5)],
    )

    def application(name: str, target: str) -> Application:
        made = lifecycle.application_draft_create(
            actor=prime,
            subsidy=subsidy,
            project_title=f"{title}{name}",
            requested_amount=1_000_000,
            idempotency_key=f"{key}-{name}",
        )
        fill_stage(made, prime, Stage.APPLICATION)
        if name == "submitted":
            lifecycle.application_file_attach(
                actor=prime,
                application=made,
                field_name="plan_file",
                upload=SimpleUploadedFile("計画書.pdf", PDF, content_type="application/pdf"),
            )
        made = lifecycle.application_submit(actor=prime, application=made)
        if target != ApplicationStatus.SUBMITTED:
            made = lifecycle.application_review_start(actor=admin, application=made)
        if target == ApplicationStatus.ADOPTED:
            made = lifecycle.application_adopt(actor=admin, application=made)
        return made

    submitted = application("submitted", ApplicationStatus.SUBMITTED)
    in_review = application("in_review", ApplicationStatus.UNDER_REVIEW)
    adopted = application("adopted", ApplicationStatus.ADOPTED)
    failing = application("failing", ApplicationStatus.ADOPTED)
    notice = Notice.objects.get(application=adopted, kind=NoticeKind.ADOPTION)
    notice.file.save("notice.pdf", ContentFile(PDF), save=False)
    notice.status = NoticeStatus.READY
    notice.save()
    failed_notice = Notice.objects.get(application=failing, kind=NoticeKind.ADOPTION)
    failed_notice.status = NoticeStatus.FAILED
    failed_notice.save()
    assignment = review_services.reviewer_assign(
        actor=admin, application=in_review, reviewer=reviewer
    )

    form = forms_services.form_create(
        actor=admin, title=f"{title}部署のフォーム", division=division
    )
    forms_services.page_add(actor=admin, form=form, title="2ページ目")
    for name, label in (("q1", "質問1"), ("q2", "質問2")):
        forms_services.field_save(
            actor=admin,
            form=form,
            page_id="p1",
            name=name,
            spec={"type": "short_text", "label": label},
        )
    alt = forms_services.form_import(
        actor=admin, document=sponsorship_document(), division=division
    )
    alt_version = forms_services.form_version_publish(actor=admin, version=alt.versions.get())

    groups = (
        Group.objects.create(name=f"{title}担当課"),
        Group.objects.create(name=f"{title}決裁"),
    )
    procedure_form = forms_services.form_import(
        actor=admin, document=sponsorship_document(), division=division
    )
    forms_services.form_version_publish(actor=admin, version=procedure_form.versions.get())
    procedure = forms_services.procedure_save(
        actor=admin,
        form=procedure_form,
        title=f"{title}部署の後援名義",
        slug=f"kouen-{key}",
        audience=["entry", "prime", "member"],
        reference_prefix={"a": "KOU", "b": "OTSU"}[key],
        division=division,
    )
    for name, group in zip(("担当課の確認", "決裁"), groups, strict=True):
        forms_services.workflow_step_add(actor=admin, procedure=procedure, name=name, group=group)
    submission = _submit(procedure, prime, _sponsorship_answers(0), with_file=True)
    submission.pdf.save("copy.pdf", ContentFile(PDF), save=False)
    Submission.objects.filter(pk=submission.pk).update(pdf=submission.pdf.name)
    return {
        "subsidy": subsidy,
        "draft": draft,
        "document": document,
        "submitted": submitted,
        "in_review": in_review,
        "notice": notice,
        "failed_notice": failed_notice,
        "file": ApplicationFile.objects.get(stage_data__application=submitted),
        "assignment": assignment,
        "alt_version": alt_version,
        "form": form,
        "procedure": procedure,
        "submission": submission,
        "step_group": groups[0],
    }


def _build() -> World:
    divisions = {
        "a": Division.objects.create(code="kou", name="甲部署"),
        "b": Division.objects.create(code="otsu", name="乙部署"),
    }
    a = divisions["a"]
    users: dict[str, User] = {
        StaffRole.ADMINISTRATOR: make_staff("admin", StaffRole.ADMINISTRATOR),
        StaffRole.PROGRAMME_OFFICER: make_staff("officer", StaffRole.PROGRAMME_OFFICER, a),
        StaffRole.REVIEWER: make_staff("reviewer", StaffRole.REVIEWER),
        StaffRole.PROCEDURE_BUILDER: make_staff("builder", StaffRole.PROCEDURE_BUILDER, a),
        StaffRole.ANALYST: make_staff("analyst", StaffRole.ANALYST),
        StaffRole.IDENTITY_REVIEWER: make_staff("id-reviewer", StaffRole.IDENTITY_REVIEWER),
    }
    other_reviewer = make_staff("reviewer2", StaffRole.REVIEWER)
    org = make_org("株式会社役割表")
    prime = make_business_user("prime@roles.example", org, AccountType.PRIME)
    admin = users[StaffRole.ADMINISTRATOR]
    per = {
        key: _division_objects(
            key,
            division,
            admin,
            prime,
            users[StaffRole.REVIEWER] if key == "a" else other_reviewer,
        )
        for key, division in divisions.items()
    }
    # The step handler: staff of the group of step 1 of division a's procedure (no role).
    users[STEP_HANDLER] = make_staff("stepper", None, groups=(per["a"]["step_group"],))
    applicant = make_business_user("entry@roles.example", make_org("見本商店"), AccountType.ENTRY)
    verification = VerificationRequest.objects.create(
        kind="upgrade",
        applicant=applicant,
        corp_type=1,
        corporate_number=org.corporate_number,
        organisation_name="見本商店",
        rep_last_name="見本",
        rep_first_name="三郎",
        rep_last_name_kana="ミホン",
        rep_first_name_kana="サブロウ",
        phone="0300000000",
        proof=pdf_proof(),
    )
    clients: dict[str, Client] = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)

    def of(name: str) -> dict[str, Any]:
        return {key: per[key][name] for key in per}

    return World(
        users=users,
        clients=clients,
        division=divisions,
        verification=verification,
        other_reviewer=other_reviewer,
        **{f.name: of(f.name) for f in dataclasses.fields(World) if f.name not in _NOT_PER},
    )


_NOT_PER = {"users", "clients", "division", "verification", "other_reviewer"}


@pytest.fixture(autouse=True)
def _file_storages() -> None:
    """The world's files live in the module's storages (set up by ``world``), not a test's own."""


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(
            MEDIA_ROOT=media,
            STORAGES={
                **settings.STORAGES,
                "private": {
                    "BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path_factory.mktemp("private"))},
                },
            },
            VAR_DIR=tmp_path_factory.mktemp("var"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            GRANTS_API_CACHE=False,
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield _build()
        transaction.set_rollback(True)


# --- the cases ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Target:
    """A request: its URL, what it posts, and the effect that shows the action really happened."""

    url: str
    data: dict[str, Any] | None = None
    done: Callable[[], bool] | None = None
    location: str | None = None  # where an allowed POST redirects to, when it matters
    check: Callable[[Any], str | None] | None = None  # a problem with the page, or None


Make = Callable[[World, str, User], Target]


@dataclasses.dataclass
class Case:
    """``target(world, key, user)`` for the object of division ``key`` ("a": within reach of the
    officer, the builder, the reviewer's assignment, the step handler's procedure; "b": not);
    ``per_object`` False for pages without an object. ``markers``: on list pages, text of a row
    of division a and of division b."""

    target: Make
    per_object: bool = True
    markers: Callable[[World], tuple[str, str]] | None = None


def _r(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def _subsidy_form(world: World, key: str, title: str) -> dict[str, Any]:
    now = timezone.localtime()
    return {
        "division": str(world.division[key].pk),
        "title": title,
        "institution_name": "中小企業庁",
        "granttype": "補助金",
        "detail": "<p>概要</p>",
        "use_purpose": ["新たな事業を行いたい"],
        "industry": ["製造業"],
        "target_area_search": ["全国"],
        "subsidy_rate": "1/2以内",
        "subsidy_max_limit": "1000000",
        "acceptance_start_datetime": (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "acceptance_end_datetime": (now + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "request_reception_presence": "on",
        "rounds-TOTAL_FORMS": "0",
        "rounds-INITIAL_FORMS": "0",
        "rounds-MIN_NUM_FORMS": "0",
        "rounds-MAX_NUM_FORMS": "20",
    }


def _procedure_form(world: World, key: str, title: str, slug: str) -> dict[str, Any]:
    procedure = world.procedure[key]
    return {
        "division": str(world.division[key].pk),
        "title": title,
        "slug": slug,
        "form": str(procedure.form_id),
        "audience": ["prime"],
        "reference_prefix": "NEW",
    }


def _pages(form: Form) -> list[dict[str, Any]]:
    version = form.versions.order_by("-number").first()
    assert version is not None
    pages: list[dict[str, Any]] = version.document["ui"]["pages"]
    return pages


def _field_names(form: Form) -> list[str]:
    return [
        name for page in _pages(form) for section in page["sections"] for name in section["fields"]
    ]


def _status(model: Any, pk: Any) -> str:
    return str(model.objects.get(pk=pk).status)


CASES: dict[tuple[str, str, str], Case] = {}


def case(name: str, method: str = "GET", action: str = "", **kwargs: Any) -> Callable[[Make], Make]:
    def register(make: Make) -> Make:
        CASES[(name, method, action)] = Case(make, **kwargs)
        return make

    return register


def _page(
    name: str,
    args: Callable[[World, str], tuple[Any, ...]] | None = None,
    *,
    per_object: bool | None = None,
    markers: Callable[[World], tuple[str, str]] | None = None,
) -> None:
    """A page that only has to open (200): ``args`` are its URL arguments for the object of
    division ``key`` (None: a page without an object)."""

    def target(w: World, key: str, user: User) -> Target:
        return Target(_r(name, *(args(w, key) if args else ())))

    CASES[(name, "GET", "")] = Case(
        target, per_object=args is not None if per_object is None else per_object, markers=markers
    )


def _subsidy_markers(w: World) -> tuple[str, str]:
    return w.subsidy["a"].title, w.subsidy["b"].title


# Pages that only have to open, with the object they show.
_page("grants_staff:list", markers=_subsidy_markers)
_page("grants_staff:new")
_page("grants_staff:edit", lambda w, key: (w.subsidy[key].pk,))
_page("applications_staff:subsidies", markers=_subsidy_markers)
_page("applications_staff:list", lambda w, key: (w.subsidy[key].pk,))
_page("applications_staff:stage-forms", lambda w, key: (w.subsidy[key].pk,))
_page("applications_staff:detail", lambda w, key: (w.submitted[key].pk,))
_page("grant_review_staff:index", markers=_subsidy_markers)
_page(
    "grant_review_staff:queue",
    markers=lambda w: (
        w.in_review["a"].receipt_number or "",
        w.in_review["b"].receipt_number or "",
    ),
)
_page("grant_review_staff:score", lambda w, key: (w.assignment[key].pk,))
_page("grant_review_staff:notice", lambda w, key: (w.notice[key].pk,))
_page("grant_review_staff:overview", lambda w, key: (w.subsidy[key].pk,))
_page("grant_review_staff:setup", lambda w, key: (w.subsidy[key].pk,))
_page("grant_review_staff:assign", lambda w, key: (w.subsidy[key].pk,))
_page("grant_review_staff:ranking", lambda w, key: (w.subsidy[key].pk,))
_page(
    "grant_review_staff:export",
    lambda w, key: (
        w.subsidy[key].pk,
        "applications",
        "csv",
    ),
)
_page("forms:builder-list", markers=lambda w: (w.form["a"].title, w.form["b"].title))
_page("forms:builder", lambda w, key: (w.form[key].pk,))
_page(
    "forms:builder-field-new",
    lambda w, key: (
        w.form[key].pk,
        "p1",
    ),
)
_page(
    "forms:builder-field",
    lambda w, key: (
        w.form[key].pk,
        "q1",
    ),
)
_page(
    "forms:builder-preview",
    lambda w, key: (
        w.form[key].pk,
        "p1",
    ),
)
_page("forms:builder-export", lambda w, key: (w.form[key].pk,))
_page("forms:staff-procedures", markers=lambda w: (w.procedure["a"].title, w.procedure["b"].title))
_page("forms:staff-procedure-new")
_page("forms:staff-procedure-edit", lambda w, key: (w.procedure[key].slug,))
_page("forms:inbox", lambda w, key: (w.procedure[key].slug,))
_page("forms:inbox-csv", lambda w, key: (w.procedure[key].slug,))
_page("forms:inbox-xlsx", lambda w, key: (w.procedure[key].slug,))
_page("forms:staff-submission", lambda w, key: (w.submission[key].pk,))
_page("forms:staff-pdf", lambda w, key: (w.submission[key].pk,))
_page("identity:review-queue")
_page("identity:review-detail", lambda w, key: (w.verification.pk,), per_object=False)
_page("identity:review-proof", lambda w, key: (w.verification.pk,), per_object=False)
_page("identity:audit")
_page("admin:index")
_page("admin:identity_division_changelist")
_page("admin:oidc_relyingparty_changelist")


def _reaches(role: str, right: Right, key: str) -> bool:
    """Does the declaration give ``role`` ``right`` on division ``key``'s objects?"""
    scope = ROLE_RIGHTS[role].get(right)
    return scope == Scope.ALL or (scope == Scope.DIVISIONS and key == "a")


@case("grants_staff:preview")
def _grants_preview(w: World, key: str, user: User) -> Target:
    """The preview offers edit, publish and documents only to those who may use them."""
    may_edit = _reaches(_role_of(w, user), Right.SUBSIDY_EDIT, key)

    def check(response: Any) -> str | None:
        shown = _r("grants_staff:edit", w.subsidy[key].pk) in response.content.decode()
        return None if shown == may_edit else f"edit link {'shown' if shown else 'missing'}"

    return Target(_r("grants_staff:preview", w.subsidy[key].pk), check=check)


def _role_of(w: World, user: User) -> str:
    return next(role for role, member in w.users.items() if member.pk == user.pk)


@case("portal:staff-home", per_object=False)
def _staff_home(w: World, key: str, user: User) -> Target:
    """The menu links exactly the pages of the declaration the role may open."""
    role = _role_of(w, user)

    def check(response: Any) -> str | None:
        text = response.content.decode()
        for rule in STAFF_RULES:
            if rule.menu is None:
                continue
            shown = str(rule.menu) in text
            allowed = cell(role, rule.rights_for("GET") or ()) != REFUSED
            if shown != allowed:
                return f"menu entry {rule.menu} {'shown' if shown else 'missing'}"
        return None

    return Target(_r("portal:staff-home"), check=check)


# grants: the catalogue
@case("grants_staff:new", "POST", per_object=False)
def _grants_create(w: World, key: str, user: User) -> Target:
    title = f"新しい補助金（{user.username}）"
    return Target(
        _r("grants_staff:new"),
        _subsidy_form(w, "a", title),
        done=lambda: Subsidy.objects.filter(title=title, division=w.division["a"]).exists(),
    )


@case("grants_staff:edit", "POST")
def _grants_save(w: World, key: str, user: User) -> Target:
    subsidy = w.subsidy[key]
    return Target(
        _r("grants_staff:edit", subsidy.pk),
        _subsidy_form(w, key, "書き換えた補助金名"),
        done=lambda: Subsidy.objects.get(pk=subsidy.pk).title == "書き換えた補助金名",
    )


@case("grants_staff:publish", "POST")
def _grants_publish(w: World, key: str, user: User) -> Target:
    draft = w.draft[key]
    return Target(
        _r("grants_staff:publish", draft.pk),
        {},
        done=lambda: _status(Subsidy, draft.pk) == SubsidyStatus.PUBLISHED,
    )


@case("grants_staff:withdraw", "POST")
def _grants_withdraw(w: World, key: str, user: User) -> Target:
    subsidy = w.subsidy[key]
    return Target(
        _r("grants_staff:withdraw", subsidy.pk),
        {"reason": "見直し"},
        done=lambda: _status(Subsidy, subsidy.pk) == SubsidyStatus.WITHDRAWN,
    )


@case("grants_staff:document-add", "POST")
def _grants_document_add(w: World, key: str, user: User) -> Target:
    subsidy = w.subsidy[key]
    return Target(
        _r("grants_staff:document-add", subsidy.pk),
        {"kind": DocumentKind.APPLICATION_FORM, "file": pdf_upload("様式.pdf")},
        done=lambda: subsidy.documents.filter(name="様式.pdf").exists(),
    )


@case("grants_staff:document")
def _grants_document(w: World, key: str, user: User) -> Target:
    document = w.document[key]
    return Target(_r("grants_staff:document", document.subsidy_id, document.pk))


@case("grants_staff:document-remove", "POST")
def _grants_document_remove(w: World, key: str, user: User) -> Target:
    document = w.document[key]
    return Target(
        _r("grants_staff:document-remove", document.subsidy_id, document.pk),
        {},
        done=lambda: not SubsidyDocument.objects.filter(pk=document.pk).exists(),
    )


# grants: applications
@case("applications_staff:stage-forms", "POST")
def _stage_forms_set(w: World, key: str, user: User) -> Target:
    subsidy, version = w.subsidy[key], w.alt_version[key]
    return Target(
        _r("applications_staff:stage-forms", subsidy.pk),
        {Stage.APPLICATION: str(version.pk)},
        done=lambda: StageForm.objects.filter(
            subsidy=subsidy, stage=Stage.APPLICATION, form_version=version
        ).exists(),
    )


@case("applications_staff:action", "POST")
def _application_action(w: World, key: str, user: User) -> Target:
    application = w.submitted[key]
    return Target(
        _r("applications_staff:action", application.pk, "review_start"),
        {},
        done=lambda: _status(Application, application.pk) == ApplicationStatus.UNDER_REVIEW,
    )


@case("applications_staff:file")
def _application_file(w: World, key: str, user: User) -> Target:
    stored = w.file[key]
    return Target(_r("applications_staff:file", w.submitted[key].pk, stored.pk))


# grants: review
@case("grant_review_staff:score", "POST")
def _review_score_save(w: World, key: str, user: User) -> Target:
    assignment = w.assignment[key]
    criterion = assignment.application.subsidy.criteria.get()
    return Target(
        _r("grant_review_staff:score", assignment.pk),
        {f"score-{criterion.pk}": "4", f"comment-{criterion.pk}": "具体的", "action": "save"},
        done=lambda: Score.objects.filter(assignment=assignment, score=4).exists(),
    )


@case("grant_review_staff:conflict", "POST")
def _review_conflict(w: World, key: str, user: User) -> Target:
    assignment = w.assignment[key]
    return Target(
        _r("grant_review_staff:conflict", assignment.pk),
        {"reason": "親族が役員です。"},
        done=lambda: ConflictDeclaration.objects.filter(
            application=assignment.application, reviewer=user
        ).exists(),
    )


@case("grant_review_staff:notice-retry", "POST")
def _review_notice_retry(w: World, key: str, user: User) -> Target:
    notice = w.failed_notice[key]
    return Target(
        _r("grant_review_staff:notice-retry", notice.pk),
        {},
        done=lambda: _status(Notice, notice.pk) == NoticeStatus.PENDING,
    )


@case("grant_review_staff:setup", "POST")
def _review_setup_save(w: World, key: str, user: User) -> Target:
    subsidy = w.subsidy[key]
    return Target(
        _r("grant_review_staff:setup", subsidy.pk),
        {"form": "setting", "budget": "12345678", "issuer": "甲", "conditions": ""},
        done=lambda: ReviewSetting.objects.filter(subsidy=subsidy, budget=12_345_678).exists(),
    )


@case("grant_review_staff:assign", "POST")
def _review_assign_save(w: World, key: str, user: User) -> Target:
    application = w.submitted[key]
    return Target(
        _r("grant_review_staff:assign", w.subsidy[key].pk),
        {
            "action": "assign",
            "application": str(application.pk),
            "reviewer": str(w.other_reviewer.pk),
        },
        done=lambda: Assignment.objects.filter(
            application=application, reviewer=w.other_reviewer
        ).exists(),
    )


@case("grant_review_staff:ranking", "POST")
def _review_decide(w: World, key: str, user: User) -> Target:
    application = w.in_review[key]
    return Target(
        _r("grant_review_staff:ranking", w.subsidy[key].pk),
        {"applications": [str(application.pk)], "decision": "reject"},
        done=lambda: _status(Application, application.pk) == ApplicationStatus.NOT_ADOPTED,
    )


# forms: the builder
@case("forms:builder-list", "POST", per_object=False)
def _builder_create(w: World, key: str, user: User) -> Target:
    title = f"新しいフォーム（{user.username}）"
    return Target(
        _r("forms:builder-list"),
        {"title": title, "division": str(w.division["a"].pk)},
        done=lambda: Form.objects.filter(title=title, division=w.division["a"]).exists(),
    )


@case("forms:builder-import", "POST", per_object=False)
def _builder_import(w: World, key: str, user: User) -> Target:
    document = {**sponsorship_document(), "title": f"読み込んだフォーム（{user.username}）"}
    upload = SimpleUploadedFile(
        "form.json", json.dumps(document).encode(), content_type="application/json"
    )
    return Target(
        _r("forms:builder-import"),
        {"document": upload, "division": str(w.division["a"].pk)},
        done=lambda: Form.objects.filter(title=document["title"]).exists(),
    )


@case("forms:builder-settings", "POST")
def _builder_settings(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    return Target(
        _r("forms:builder-settings", form.pk),
        {"title": "名前を変えたフォーム", "description": ""},
        done=lambda: Form.objects.get(pk=form.pk).title == "名前を変えたフォーム",
    )


@case("forms:builder-page-new", "POST")
def _builder_page_new(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    return Target(
        _r("forms:builder-page-new", form.pk),
        {"title": "3ページ目"},
        done=lambda: [p["title"] for p in _pages(form)][-1] == "3ページ目",
    )


@case("forms:builder-page", "POST")
def _builder_page(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    return Target(
        _r("forms:builder-page", form.pk, "p1"),
        {"title": "最初のページ"},
        done=lambda: _pages(form)[0]["title"] == "最初のページ",
    )


@case("forms:builder-page-delete", "POST")
def _builder_page_delete(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    last = _pages(form)[-1]["id"]
    return Target(
        _r("forms:builder-page-delete", form.pk, last),
        {},
        done=lambda: last not in [p["id"] for p in _pages(form)],
    )


@case("forms:builder-field-new", "POST")
def _builder_field_add(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    return Target(
        _r("forms:builder-field-new", form.pk, "p1"),
        {"type": "short_text", "label": "追加の質問", "name": "added"},
        done=lambda: "added" in _field_names(form),
    )


@case("forms:builder-field", "POST")
def _builder_field_save(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    return Target(
        _r("forms:builder-field", form.pk, "q1"),
        {"type": "short_text", "label": "変えた質問", "name": "renamed"},
        done=lambda: "renamed" in _field_names(form) and "q1" not in _field_names(form),
    )


@case("forms:builder-field-delete", "POST")
def _builder_field_delete(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    return Target(
        _r("forms:builder-field-delete", form.pk, "q2"),
        {},
        done=lambda: "q2" not in _field_names(form),
    )


@case("forms:builder-field-move", "POST")
def _builder_field_move(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    return Target(
        _r("forms:builder-field-move", form.pk, "q1"),
        {"direction": "down"},
        done=lambda: _field_names(form)[:2] == ["q2", "q1"],
    )


@case("forms:builder-preview", "POST")
def _builder_preview_next(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    second = _pages(form)[1]["id"]
    return Target(
        _r("forms:builder-preview", form.pk, "p1"),
        {"q1": "回答"},
        location=_r("forms:builder-preview", form.pk, second),
    )


@case("forms:builder-publish", "POST")
def _builder_publish(w: World, key: str, user: User) -> Target:
    form = w.form[key]
    return Target(
        _r("forms:builder-publish", form.pk),
        {},
        done=lambda: form.versions.filter(status="published").exists(),
    )


# forms: procedures and inboxes
@case("forms:staff-procedure-new", "POST", per_object=False)
def _procedure_create(w: World, key: str, user: User) -> Target:
    slug = f"new-{user.username}"
    return Target(
        _r("forms:staff-procedure-new"),
        _procedure_form(w, "a", "新しい手続き", slug),
        done=lambda: Procedure.objects.filter(slug=slug, division=w.division["a"]).exists(),
    )


@case("forms:staff-procedure-edit", "POST")
def _procedure_save(w: World, key: str, user: User) -> Target:
    procedure = w.procedure[key]
    return Target(
        _r("forms:staff-procedure-edit", procedure.slug),
        _procedure_form(w, key, "名前を変えた手続き", procedure.slug),
        done=lambda: Procedure.objects.get(pk=procedure.pk).title == "名前を変えた手続き",
    )


@case("forms:staff-submission", "POST", "decide")
def _submission_decide(w: World, key: str, user: User) -> Target:
    submission = w.submission[key]
    return Target(
        _r("forms:staff-submission", submission.pk),
        {"action": "decide", "decision": "approve", "comment": ""},
        done=lambda: Submission.objects.get(pk=submission.pk).step == 2,
    )


@case("forms:staff-submission", "POST", "assign")
def _submission_assign(w: World, key: str, user: User) -> Target:
    submission = w.submission[key]
    return Target(
        _r("forms:staff-submission", submission.pk),
        {"action": "assign", "assignee": str(user.pk)},
        done=lambda: Submission.objects.get(pk=submission.pk).assignee_id == user.pk,
    )


@case("forms:staff-submission", "POST", "comment")
def _submission_comment(w: World, key: str, user: User) -> Target:
    submission = w.submission[key]
    return Target(
        _r("forms:staff-submission", submission.pk),
        {"action": "comment", "comment": "確認中のメモ"},
        done=lambda: SubmissionEvent.objects.filter(
            submission=submission, comment="確認中のメモ"
        ).exists(),
    )


# identity
@case("identity:review-detail", "POST", per_object=False)
def _identity_reject(w: World, key: str, user: User) -> Target:
    pk = w.verification.pk
    return Target(
        _r("identity:review-detail", pk),
        {"action": "reject", "reason": "印鑑証明書の名義が違います。"},
        done=lambda: _status(VerificationRequest, pk) == VerificationStatus.REJECTED,
    )


# the admin
@case("admin:*")
def _admin_page(w: World, key: str, user: User) -> Target:
    # The admin is not divided: an administrator reads another division's subsidy too.
    return Target(_r("admin:grants_subsidy_change", w.subsidy[key].pk))


@case("admin:*", "POST", per_object=False)
def _admin_write(w: World, key: str, user: User) -> Target:
    return Target(
        _r("admin:identity_division_add"),
        {"name": "新設の部署", "code": "shinsetsu", "_save": "1"},
        done=lambda: Division.objects.filter(code="shinsetsu").exists(),
    )


# --- walking the table --------------------------------------------------------------------------

ROWS = list(rows())


def expected(role: str, row: Row, key: str | None) -> int | None:
    """None when allowed; else the status a refusal answers."""
    scopes = {ROLE_RIGHTS[role][right] for right in row.rights if right in ROLE_RIGHTS[role]}
    if not scopes:
        return 404 if row.rule.download else 403
    if key in (None, "a") or Scope.ALL in scopes:
        return None
    return 404


def test_every_row_of_the_table_has_a_case() -> None:
    missing = [
        f"{row.rule.name} {row.method} {row.action}".strip()
        for row in ROWS
        if (row.rule.name, row.method, row.action) not in CASES
    ]
    assert not missing, f"rows of docs/roles.md without a case here: {missing}"


def _request(client: Client, row: Row, target: Target) -> Any:
    if row.method == "GET":
        return client.get(target.url)
    return client.post(target.url, target.data or {})


@pytest.mark.parametrize(
    "row", ROWS, ids=[f"{r.rule.name} {r.method} {r.action}".strip() for r in ROWS]
)
def test_cell(world: World, db: None, row: Row) -> None:
    found = CASES[(row.rule.name, row.method, row.action)]
    failures = []
    for role in COLUMNS:
        user, client = world.users[role], world.clients[role]
        for key in ("a", "b") if found.per_object else (None,):
            refused = expected(role, row, key)
            if key == "b" and refused == 403:
                continue  # refused before any object is looked at: once is enough
            with transaction.atomic():
                target = found.target(world, key or "a", user)
                response = _request(client, row, target)
                where = f"{role} on {key or '-'} {row.method} {target.url}"
                if refused is not None:
                    if response.status_code != refused:
                        failures.append(f"{where}: {response.status_code}, expected {refused}")
                else:
                    failures += _allowed(world, found, role, row, target, response, where)
                transaction.set_rollback(True)
    assert not failures, "\n".join(failures)


def _allowed(
    world: World, found: Case, role: str, row: Row, target: Target, response: Any, where: str
) -> list[str]:
    """The page answered, or the action redirected and really happened."""
    wanted = 200 if row.method == "GET" else 302
    if response.status_code != wanted:
        return [f"{where}: {response.status_code}, expected {wanted}"]
    if target.location is not None and response["Location"] != target.location:
        return [f"{where}: redirected to {response['Location']}, expected {target.location}"]
    if target.done is not None and not target.done():
        return [f"{where}: answered {wanted} but nothing happened"]
    if target.check is not None and (problem := target.check(response)):
        return [f"{where}: {problem}"]
    if found.markers is not None:
        return _listing(world, found, role, row, response, where)
    return []


def _listing(
    world: World, found: Case, role: str, row: Row, response: Any, where: str
) -> list[str]:
    """A list page shows its own division's row, and another division's only to roles that reach
    every division."""
    assert found.markers is not None
    own, other = found.markers(world)
    text = response.content.decode()
    everywhere = cell(role, row.rights) == Scope.ALL.label
    problems = []
    if own not in text:
        problems.append(f"{where}: the row of the user's own division is missing ({own})")
    if (other in text) != everywhere:
        problems.append(
            f"{where}: another division's row {'missing' if everywhere else 'shown'} ({other})"
        )
    return problems


def test_business_accounts_do_not_see_the_staff_area(world: World, db: None) -> None:
    client = Client()
    client.force_login(User.objects.get(email="prime@roles.example"))
    for row in ROWS:
        if row.method != "GET" or not row.rule.gated:
            continue
        found = CASES[(row.rule.name, row.method, row.action)]
        with transaction.atomic():
            target = found.target(world, "a", world.users[StaffRole.ADMINISTRATOR])
            assert client.get(target.url).status_code == 404, target.url
            transaction.set_rollback(True)


# --- services check the division too, whatever page calls them ----------------------------------


def _officer_b_calls(w: World) -> dict[str, Callable[[User], Any]]:
    """Every write service of subsidies, applications, review and procedures, aimed at division
    b's objects (the officer and the builder belong to division a)."""
    b = "b"
    subsidy, application = w.subsidy[b], w.submitted[b]
    form, procedure, submission = w.form[b], w.procedure[b], w.submission[b]
    return {
        "subsidy_create": lambda u: grants_services.subsidy_create(
            actor=u, data=subsidy_input(), division=w.division[b]
        ),
        "subsidy_update": lambda u: grants_services.subsidy_update(
            actor=u, subsidy=subsidy, data=subsidy_input(title="書き換え")
        ),
        "subsidy_update_moving_in": lambda u: grants_services.subsidy_update(
            actor=u, subsidy=w.subsidy["a"], data=subsidy_input(), division=w.division[b]
        ),
        "subsidy_publish": lambda u: grants_services.subsidy_publish(actor=u, subsidy=w.draft[b]),
        "subsidy_withdraw": lambda u: grants_services.subsidy_withdraw(actor=u, subsidy=subsidy),
        "subsidy_document_add": lambda u: grants_services.subsidy_document_add(
            actor=u, subsidy=subsidy, kind=DocumentKind.APPLICATION_FORM, upload=pdf_upload()
        ),
        "subsidy_document_remove": lambda u: grants_services.subsidy_document_remove(
            actor=u, document=w.document[b]
        ),
        "application_review_start": lambda u: lifecycle.application_review_start(
            actor=u, application=application
        ),
        "application_return": lambda u: lifecycle.application_return(
            actor=u, application=application, message="直してください。"
        ),
        "application_adopt": lambda u: lifecycle.application_adopt(
            actor=u, application=w.in_review[b]
        ),
        "application_not_adopt": lambda u: lifecycle.application_not_adopt(
            actor=u, application=w.in_review[b]
        ),
        "stage_form_set": lambda u: lifecycle.stage_form_set(
            actor=u, subsidy=subsidy, stage=Stage.APPLICATION, form_version=w.alt_version[b]
        ),
        "criteria_set": lambda u: review_services.criteria_set(
            actor=u,
            subsidy=subsidy,
            criteria=[review_services.CriterionInput(name="新規性", weight=1, max_score=5)],
        ),
        "review_setting_set": lambda u: review_services.review_setting_set(
            actor=u, subsidy=subsidy, budget=1
        ),
        "reviewer_assign": lambda u: review_services.reviewer_assign(
            actor=u, application=application, reviewer=w.other_reviewer
        ),
        "reviewer_unassign": lambda u: review_services.reviewer_unassign(
            actor=u, assignment=w.assignment[b]
        ),
        "decisions_bulk": lambda u: review_services.decisions_bulk(
            actor=u,
            subsidy=subsidy,
            decisions=[
                review_services.DecisionItem(application_id=w.in_review[b].pk, decision="reject")
            ],
        ),
        "notice_issue": lambda u: notice_issue(
            application_id=w.failed_notice[b].application_id,
            kind=NoticeKind.ADOPTION,
            actor=u,
        ),
        "form_create": lambda u: forms_services.form_create(
            actor=u, title="x", division=w.division[b]
        ),
        "form_import": lambda u: forms_services.form_import(
            actor=u, document=sponsorship_document(), division=w.division[b]
        ),
        "form_describe": lambda u: forms_services.form_describe(
            actor=u, form=form, title="x", description=""
        ),
        "page_add": lambda u: forms_services.page_add(actor=u, form=form, title="x"),
        "field_save": lambda u: forms_services.field_save(
            actor=u, form=form, page_id="p1", name="x", spec={"type": "short_text", "label": "x"}
        ),
        "field_delete": lambda u: forms_services.field_delete(actor=u, form=form, name="q1"),
        "form_version_publish": lambda u: forms_services.form_version_publish(
            actor=u, version=form.versions.get()
        ),
        "procedure_save": lambda u: forms_services.procedure_save(
            actor=u,
            procedure=procedure,
            form=procedure.form,
            title="x",
            slug=procedure.slug,
            audience=["prime"],
        ),
        "procedure_create": lambda u: forms_services.procedure_save(
            actor=u,
            form=procedure.form,
            title="x",
            slug="x",
            audience=["prime"],
            division=w.division[b],
        ),
        "workflow_step_add": lambda u: forms_services.workflow_step_add(
            actor=u, procedure=procedure, name="x", group=Group.objects.create(name="x")
        ),
        "submission_assign": lambda u: forms_services.submission_assign(
            actor=u, submission=submission, assignee=None
        ),
        "submission_comment": lambda u: forms_services.submission_comment(
            actor=u, submission=submission, comment="x"
        ),
        "submission_decide": lambda u: forms_services.submission_decide(
            actor=u, submission=submission, decision="approve"
        ),
    }


@pytest.mark.parametrize(
    "role", [StaffRole.PROGRAMME_OFFICER, StaffRole.PROCEDURE_BUILDER, STEP_HANDLER]
)
def test_services_refuse_another_divisions_objects(world: World, db: None, role: str) -> None:
    """The services check the division themselves: calling them directly (not through a page)
    on division b's objects is refused for staff of division a, and nothing is written."""
    user = world.users[role]
    allowed = []
    for name, call in _officer_b_calls(world).items():
        with transaction.atomic():
            try:
                call(user)
            except MadoguchiError as error:
                if str(error.code) not in ("permission_denied", "not_allowed"):
                    allowed.append(f"{name}: {error.code} {error.message}")
            else:
                allowed.append(f"{name}: went through")
            transaction.set_rollback(True)
    assert not allowed, f"{role} reached division b through:\n" + "\n".join(allowed)
