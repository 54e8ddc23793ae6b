"""No applicant file is public (issue 10, section 1).

For every file-bearing model: the file lands in the private storage under a random name; the owner
(and those acting for the business, and staff with the right role) download it with the original,
Japanese name; anonymous visitors, another business and an unrelated staff role get 404 from every
download view; and the storage name, the old guessable names and plausible variations get 404 under
the media and static URL prefixes, with DEBUG off and on. Files of drafts reach only their makers.
The same code stores and serves the files from an S3-compatible object store configured by settings
alone (moto's server on 127.0.0.1 stands in for the object store, which lies outside the project).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module, reload
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.db import models
from django.db.models.fields.files import FieldFile
from django.test import Client, RequestFactory, override_settings
from django.urls import clear_url_caches
from django.utils import timezone

from madoguchi.core.files import content_disposition, move_field_to_private, private_storage
from madoguchi.forms import services as forms_services
from madoguchi.forms.engine import FORMAT
from madoguchi.forms.models import Submission, SubmissionFile
from madoguchi.grants import services as grants_services
from madoguchi.grants.applications import services as lifecycle
from madoguchi.grants.applications.documents import install_stage_forms
from madoguchi.grants.applications.enums import Stage
from madoguchi.grants.applications.models import ApplicationFile
from madoguchi.grants.review import services as review_services
from madoguchi.grants.review.enums import NoticeKind, NoticeStatus
from madoguchi.grants.review.models import Notice
from madoguchi.identity.enums import AccountType, Service, StaffRole
from madoguchi.identity.models import Mandate, User
from madoguchi.identity.services.verification import ApplicationData, verification_request_submit
from tests.forms.conftest import make_business
from tests.grants.applications.conftest import fill_stage
from tests.grants.applications.conftest import make_org as make_verified_org
from tests.grants.applications.conftest import make_user as make_business_user
from tests.grants.conftest import subsidy_input
from tests.staff import make_division, make_staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe7\xa7\x98\xe5\xaf\x86 private test file\n" + uuid.uuid4().bytes + b"\n%%EOF\n"
RANDOM_NAME = re.compile(r"[a-z/]+/\d{4}/\d{2}/[0-9a-f]{32}\.pdf")


# --- building one file of each kind -----------------------------------------------------------------


def staff(username: str, role: str, *, elsewhere: bool = False) -> User:
    """A staff account holding one role of the role table (identity.roles), in the division that
    owns the files' subsidy and procedure — or, ``elsewhere``, in another division."""
    division = make_division("other", "別の部署") if elsewhere else make_division()
    return make_staff(username, role, division)


@dataclass
class Case:
    """One stored file and who may read it."""

    kind: str
    stored: FieldFile
    urls: list[str]  # every download view of this file
    readers: list[User]  # the owner first; then those acting for it, and staff with the right role
    unrelated_staff: list[User]  # staff roles with no business with this file
    filename: str  # the original name, sent in Content-Disposition
    legacy: list[str] = field(default_factory=list)  # where an old install put it, or could have
    admin_url: str = ""  # the admin page showing the file's row, if any

    @property
    def content(self) -> bytes:
        with self.stored.storage.open(self.stored.name, "rb") as handle:
            return handle.read()


FORM_DOCUMENT = {
    "format": FORMAT,
    "title": "添付書類の届出",
    "description": "",
    "ui": {
        "pages": [
            {
                "id": "main",
                "title": "内容",
                "sections": [{"title": "", "fields": ["subject", "plan"]}],
            }
        ],
        "fields": {
            "subject": {"type": "short_text", "label": "件名", "required": True},
            "plan": {"type": "file", "label": "開催要項", "required": True, "accept": [".pdf"]},
        },
    },
}


def _procedure() -> tuple[Any, User]:
    builder = staff("builder", StaffRole.PROCEDURE_BUILDER)
    group = Group.objects.create(name="文化振興課")
    form = forms_services.form_import(actor=builder, document=FORM_DOCUMENT)
    forms_services.form_version_publish(actor=builder, version=form.versions.get())
    procedure = forms_services.procedure_save(
        actor=builder,
        form=form,
        title="添付書類の届出",
        slug="todoke",
        audience=["guest", "entry", "prime", "member"],
        reference_prefix="TOD",
    )
    forms_services.workflow_step_add(actor=builder, procedure=procedure, name="確認", group=group)
    return procedure, make_staff("step", None, groups=(group,))


def _submission(*, submit: bool, capture: Any) -> tuple[Submission, SubmissionFile, User, User]:
    procedure, step_staff = _procedure()
    prime = make_business("prime@example.jp")
    submission = forms_services.submission_start(actor=prime, procedure=procedure, session_key=None)
    forms_services.submission_answers_save(
        actor=prime, submission=submission, data={"subject": "後援のお願い"}, session_key=None
    )
    upload = SimpleUploadedFile("開催要項（案）.pdf", PDF, content_type="application/pdf")
    submission = forms_services.submission_file_attach(
        actor=prime, submission=submission, field_name="plan", upload=upload, session_key=None
    )
    if submit:
        with capture(execute=True):  # the PDF copy is rendered after the commit
            submission = forms_services.submission_submit(
                actor=prime, submission=submission, session_key=None
            )
    submission = Submission.objects.get(pk=submission.pk)
    return submission, submission.files.get(), prime, step_staff


def procedure_attachment(capture: Any) -> Case:
    submission, stored, prime, step_staff = _submission(submit=True, capture=capture)
    return Case(
        kind="procedure attachment",
        stored=stored.file,
        urls=[f"/procedures/s/{submission.pk}/files/{stored.pk}/"],
        readers=[prime, step_staff, staff("po", StaffRole.PROGRAMME_OFFICER)],
        unrelated_staff=[
            staff("idrev", StaffRole.IDENTITY_REVIEWER),
            staff("po-other", StaffRole.PROGRAMME_OFFICER, elsewhere=True),
        ],
        filename="開催要項（案）.pdf",
        legacy=[f"forms/files/{timezone.now():%Y/%m}/開催要項（案）.pdf"],
        admin_url=f"/admin/forms/submission/{submission.pk}/change/",
    )


def procedure_copy(capture: Any) -> Case:
    submission, _, prime, step_staff = _submission(submit=True, capture=capture)
    assert submission.pdf, "the copy is rendered after the commit"
    return Case(
        kind="procedure copy",
        stored=submission.pdf,
        urls=[f"/procedures/s/{submission.pk}/pdf/", f"/staff/submissions/{submission.pk}/pdf/"],
        readers=[prime, step_staff],
        unrelated_staff=[
            staff("idrev", StaffRole.IDENTITY_REVIEWER),
            staff("po-other", StaffRole.PROGRAMME_OFFICER, elsewhere=True),
        ],
        filename=f"{submission.reference}.pdf",
        legacy=[f"forms/pdf/{timezone.now():%Y/%m}/{submission.reference}.pdf"],
        admin_url=f"/admin/forms/submission/{submission.pk}/change/",
    )


def published_subsidy() -> tuple[Any, User]:
    officer = staff("po", StaffRole.PROGRAMME_OFFICER)
    subsidy = grants_services.subsidy_create(actor=officer, data=subsidy_input())
    return grants_services.subsidy_publish(actor=officer, subsidy=subsidy), officer


def _business_with_helpers() -> tuple[Any, User, User, User]:
    """A business with its Prime, a Member allowed grants, and an agent's Prime under a mandate."""
    org = make_verified_org("株式会社窓口商事")
    prime = make_business_user("prime@example.jp", org, AccountType.PRIME)
    member = make_business_user(
        "member@example.jp", org, AccountType.MEMBER, parent=prime, services=[Service.GRANTS]
    )
    agent = make_business_user(
        "agent@example.jp", make_verified_org("税理士法人代理"), AccountType.PRIME
    )
    today = timezone.localdate()
    Mandate.objects.create(
        principal=org,
        agent=agent.organisation,
        services=[Service.GRANTS],
        valid_from=today - dt.timedelta(days=1),
        valid_until=today + dt.timedelta(days=30),
        granted_by=prime,
    )
    return org, prime, member, agent


def _draft(prime: User, subsidy: Any) -> Any:
    return lifecycle.application_draft_create(
        actor=prime,
        subsidy=subsidy,
        project_title="展示会への出展による販路開拓",
        requested_amount=1_000_000,
        idempotency_key=uuid.uuid4().hex,
    )


def published_document(officer: User, subsidy: Any) -> Any:
    """A subsidy's guidelines (公募要領), a public document."""
    return grants_services.subsidy_document_add(
        actor=officer,
        subsidy=subsidy,
        kind="application_guidelines",
        upload=SimpleUploadedFile("公募要領.pdf", PDF, content_type="application/pdf"),
    )


def _application(*, submit: bool) -> tuple[Any, ApplicationFile, list[User], User]:
    subsidy, officer = published_subsidy()
    install_stage_forms(
        builder=staff("builder", StaffRole.PROCEDURE_BUILDER), officer=officer, subsidy=subsidy
    )
    _, prime, member, agent = _business_with_helpers()
    application = _draft(prime, subsidy)
    fill_stage(application, prime, Stage.APPLICATION)
    upload = SimpleUploadedFile("事業計画書.pdf", PDF, content_type="application/pdf")
    lifecycle.application_file_attach(
        actor=prime, application=application, field_name="plan_file", upload=upload
    )
    if submit:
        application = lifecycle.application_submit(actor=prime, application=application)
    stored = ApplicationFile.objects.get(stage_data__application=application)
    return application, stored, [prime, member, agent], officer


def application_file(capture: Any) -> Case:
    application, stored, business, officer = _application(submit=True)
    return Case(
        kind="application file",
        stored=stored.file,
        urls=[
            f"/applications/{application.pk}/files/{stored.pk}/",
            f"/staff/applications/{application.pk}/files/{stored.pk}/",
        ],
        readers=[*business, officer],
        unrelated_staff=[
            staff("idrev", StaffRole.IDENTITY_REVIEWER),
            staff("rev", StaffRole.REVIEWER),
            staff("po-other", StaffRole.PROGRAMME_OFFICER, elsewhere=True),
        ],
        filename="事業計画書.pdf",
        legacy=[f"applications/{application.pk}/{stored.file.name.rsplit('/', 1)[-1]}"],
    )


def notice(capture: Any) -> Case:
    subsidy, officer = published_subsidy()
    _, prime, member, agent = _business_with_helpers()
    review_services.review_setting_set(
        actor=officer, subsidy=subsidy, budget=10_000_000, issuer="中小企業庁長官"
    )
    application = lifecycle.application_submit(actor=prime, application=_draft(prime, subsidy))
    application = lifecycle.application_review_start(actor=officer, application=application)
    with capture(execute=True):  # the notice is rendered after the commit
        lifecycle.application_adopt(actor=officer, application=application)
    found = Notice.objects.get(application=application, kind=NoticeKind.ADOPTION)
    assert found.status == NoticeStatus.READY, found.error
    return Case(
        kind="notice",
        stored=found.file,
        urls=[
            f"/notices/{found.pk}/",
            f"/applications/{application.pk}/notices/{found.pk}/",
            f"/staff/review/notices/{found.pk}/",
        ],
        readers=[prime, member, agent, officer],
        unrelated_staff=[
            staff("idrev", StaffRole.IDENTITY_REVIEWER),
            staff("rev", StaffRole.REVIEWER),
            staff("po-other", StaffRole.PROGRAMME_OFFICER, elsewhere=True),
        ],
        filename=found.filename,
        legacy=[
            f"notices/{application.pk}/{found.pk}.pdf",
            f"private-notices/notices/{application.pk}/{found.pk}.pdf",
        ],
        admin_url=f"/admin/grant_review/notice/{found.pk}/change/",
    )


def proof(capture: Any) -> Case:
    org = make_verified_org("株式会社申請予定")
    org.verified_at = None
    org.save(update_fields=["verified_at"])
    applicant = make_business_user("entry@example.jp", org, AccountType.ENTRY)
    from tests.registry.factories import CorporationFactory

    corporation = CorporationFactory()
    request = verification_request_submit(
        applicant=applicant,
        data=ApplicationData(
            corp_type=1,
            corporate_number=corporation.corporate_number,
            organisation_name=corporation.name,
            rep_last_name="申請",
            rep_first_name="五郎",
            rep_last_name_kana="シンセイ",
            rep_first_name_kana="ゴロウ",
            rep_birthday=dt.date(1975, 5, 5),
            postal_code="1000013",
            prefecture_name="東京都",
            address1="千代田区",
            address2="霞が関1-3-1",
            phone="0300000005",
        ),
        proof=SimpleUploadedFile("印鑑証明書 2026年.pdf", PDF, content_type="application/pdf"),
    )
    return Case(
        kind="proof",
        stored=request.proof,
        urls=[
            f"/identity/prime/applications/{request.pk}/proof/",
            f"/staff/identity/review/{request.pk}/proof/",
        ],
        readers=[applicant, staff("idrev", StaffRole.IDENTITY_REVIEWER)],
        unrelated_staff=[
            staff("po", StaffRole.PROGRAMME_OFFICER),
            staff("analyst", StaffRole.ANALYST),
        ],
        filename="印鑑証明書 2026年.pdf",
        legacy=[f"identity/proofs/{request.proof.name.rsplit('/', 1)[-1]}"],
    )


BUILDERS: dict[str, Callable[[Any], Case]] = {
    "procedure copy": procedure_copy,
    "procedure attachment": procedure_attachment,
    "application file": application_file,
    "notice": notice,
    "proof": proof,
}
# Every file field of the project, and the kind above that covers it; published documents apart.
FILE_FIELDS = {
    "forms.Submission.pdf": "procedure copy",
    "forms.SubmissionFile.file": "procedure attachment",
    "applications.ApplicationFile.file": "application file",
    "grant_review.Notice.file": "notice",
    "identity.VerificationRequest.proof": "proof",
}
PUBLIC_FILE_FIELDS = {"grants.SubsidyDocument.file"}


@pytest.fixture(params=list(BUILDERS))
def case(request: Any, django_capture_on_commit_callbacks: Any) -> Case:
    return BUILDERS[request.param](django_capture_on_commit_callbacks)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def urls_for(case: Case, reader: User) -> list[str]:
    """A business reader uses the business links; staff every link (the staff area does not exist for
    business accounts: identity.middleware.StaffAccessMiddleware answers 404)."""
    if reader.is_staff:
        return case.urls
    return [url for url in case.urls if not url.startswith("/staff/")]


def outsiders(case: Case) -> list[tuple[str, Client]]:
    other = make_business_user(
        "other@example.jp", make_verified_org("株式会社よその会社"), AccountType.PRIME
    )
    found = [("anonymous", Client()), ("another business", client_for(other))]
    found += [(f"staff {u.username}", client_for(u)) for u in case.unrelated_staff]
    return found


# --- the tests ---------------------------------------------------------------------------------------


def test_every_file_field_is_private_or_a_declared_public_document() -> None:
    """A new file-bearing model must choose: private storage (and a kind here) or public."""
    found = set()
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.FileField):
                label = f"{model._meta.label}.{model_field.name}"
                found.add(label)
                if label in PUBLIC_FILE_FIELDS:
                    continue
                assert label in FILE_FIELDS, f"{label}: private, with a case in this module?"
                assert model_field.storage is private_storage(), label
    assert found == set(FILE_FIELDS) | PUBLIC_FILE_FIELDS


def test_only_its_readers_download_it(case: Case, admin_client: Client) -> None:
    # Stored in the private storage under a random name; nothing in the media folder.
    name = case.stored.name
    assert RANDOM_NAME.fullmatch(name), name
    assert case.stored.storage is private_storage()
    private_root = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    assert (private_root / name).is_file()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))

    # The owner, those acting for the business and staff with the right role: the bytes, under the
    # original name, with the headers every download carries.
    for reader in case.readers:
        client = client_for(reader)
        for url in urls_for(case, reader):
            response = client.get(url)
            assert response.status_code == 200, (case.kind, reader.username, url)
            assert b"".join(response.streaming_content) == case.content
            disposition = response["Content-Disposition"]
            assert f"filename*=UTF-8''{quote(case.filename)}" in disposition, disposition
            assert re.search(r'filename="[\x20-\x7e]+"', disposition), disposition
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Security-Policy"] == "sandbox"
            assert "no-store" in response["Cache-Control"]

    # Anonymous, another business, unrelated staff roles: 404 from every download view.
    for who, client in outsiders(case):
        for url in case.urls:
            response = client.get(url)
            assert response.status_code == 404, (case.kind, who, url, response.status_code)

    # The admin shows the row, never a link to the storage.
    if case.admin_url:
        page = admin_client.get(case.admin_url)
        assert page.status_code == 200 and name not in page.content.decode()

    # A lost file is a clear 404, not a 500; a procedure copy is rendered again.
    case.stored.storage.delete(name)
    response = client_for(case.readers[0]).get(case.urls[0])
    assert response.status_code == (200 if case.kind == "procedure copy" else 404)


@contextmanager
def urls_in_mode(*, debug: bool) -> Iterator[None]:
    """The project's URLs as they are built with DEBUG on or off (the module is read again)."""
    module = import_module(settings.ROOT_URLCONF)
    login = admin.site.login
    try:
        with override_settings(DEBUG=debug):
            clear_url_caches()
            reload(module)
            yield
    finally:
        clear_url_caches()
        reload(module)
        admin.site.login = login  # type: ignore[method-assign]


def guesses(case: Case) -> list[str]:
    name = case.stored.name
    paths = [name, f"private/{name}", f"../private/{name}", f"..%2Fprivate/{name}", *case.legacy]
    paths += [name.split("/", 1)[1], name.rsplit("/", 1)[1]]
    return [
        f"{prefix}{path}" for prefix in (settings.MEDIA_URL, settings.STATIC_URL) for path in paths
    ]


def test_nothing_under_the_media_or_static_prefix_reaches_it(case: Case) -> None:
    for debug in (False, True):
        assert_unreachable(case, debug=debug)


def assert_unreachable(case: Case, *, debug: bool) -> None:
    owner = client_for(case.readers[0])
    runserver_static = StaticFilesHandler(WSGIHandler())  # what runserver adds in DEBUG
    with urls_in_mode(debug=debug):
        for client in (Client(), owner):
            for url in guesses(case):
                response = client.get(url)
                assert response.status_code == 404, (case.kind, debug, url, response.status_code)
        if debug:
            for url in guesses(case):
                request = RequestFactory().get(url)
                if not runserver_static._should_handle(request.path):
                    continue
                try:
                    status = runserver_static.get_response(request).status_code
                except SuspiciousFileOperation:  # Django's own guard against "..": refused
                    continue
                assert status == 404, url


def test_content_disposition_keeps_japanese_names_and_gives_an_ascii_fallback() -> None:
    assert content_disposition("開催要項（案）.pdf") == (
        "attachment; filename=\"download.pdf\"; filename*=UTF-8''"
        "%E9%96%8B%E5%82%AC%E8%A6%81%E9%A0%85%EF%BC%88%E6%A1%88%EF%BC%89.pdf"
    )
    assert content_disposition("ＫＯＵ-2026-000001.pdf", inline=True).startswith(
        'inline; filename="KOU-2026-000001.pdf"; '
    )
    header = content_disposition('../../etc/pa"ss\r\nwd.pdf')
    assert "\r" not in header and "\n" not in header and '"ss' not in header.split(";")[1]
    assert "filename*=UTF-8''pa%22sswd.pdf" in header


# --- drafts --------------------------------------------------------------------------------------------


def test_a_procedure_draft_attachment_reaches_only_its_maker(
    django_capture_on_commit_callbacks: Any,
) -> None:
    submission, stored, prime, step_staff = _submission(
        submit=False, capture=django_capture_on_commit_callbacks
    )
    url = f"/procedures/s/{submission.pk}/files/{stored.pk}/"
    assert client_for(prime).get(url).status_code == 200
    for user in (step_staff, staff("po", StaffRole.PROGRAMME_OFFICER), None):
        assert client_for(user).get(url).status_code == 404
    assert client_for(prime).get(f"/procedures/s/{submission.pk}/pdf/").status_code == 404


def test_a_guest_draft_attachment_reaches_only_its_session() -> None:
    procedure, _ = _procedure()
    guest = Client()
    response = guest.post(f"/procedures/{procedure.slug}/start/")
    assert response.status_code == 302
    submission = Submission.objects.get(procedure=procedure)
    upload = SimpleUploadedFile("届出書.pdf", PDF, content_type="application/pdf")
    guest.post(
        f"/procedures/s/{submission.pk}/main/",
        {"_action": "save", "_fields": ["subject", "plan"], "subject": "変更", "plan": upload},
    )
    stored = SubmissionFile.objects.get(submission=submission)
    url = f"/procedures/s/{submission.pk}/files/{stored.pk}/"
    response = guest.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert Client().get(url).status_code == 404  # another browser session


def test_an_application_draft_file_reaches_only_the_business() -> None:
    application, stored, business, officer = _application(submit=False)
    urls = [
        f"/applications/{application.pk}/files/{stored.pk}/",
        f"/staff/applications/{application.pk}/files/{stored.pk}/",
    ]
    for user in business:  # the business links; the staff area does not exist for them
        assert client_for(user).get(urls[0]).status_code == 200
        assert client_for(user).get(urls[1]).status_code == 404
    for url in urls:  # staff never see a draft's files, by any link
        assert client_for(officer).get(url).status_code == 404


# --- published documents stay public ------------------------------------------------------------------


def test_published_guidelines_stay_public_through_their_page_only() -> None:
    subsidy, officer = published_subsidy()
    document = published_document(officer, subsidy)
    assert document.file.storage is not private_storage()
    response = Client().get(f"/subsidies/{subsidy.pk}/documents/{document.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert f"filename*=UTF-8''{quote('公募要領.pdf')}" in response["Content-Disposition"]
    assert Client().get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404
    grants_services.subsidy_withdraw(actor=officer, subsidy=subsidy)
    assert Client().get(f"/subsidies/{subsidy.pk}/documents/{document.pk}/").status_code == 404


# --- an existing install -------------------------------------------------------------------------------


def test_files_of_an_existing_install_move_out_of_the_media_folder(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """What the data migrations do: old public files get new random private names, and the old
    copies are deleted once the migration commits."""
    submission, stored, prime, _ = _submission(
        submit=False, capture=django_capture_on_commit_callbacks
    )
    old = FileSystemStorage(location=settings.MEDIA_ROOT)
    legacy = f"forms/files/2026/05/{stored.name}"
    old.save(legacy, ContentFile(PDF))
    private_storage().delete(stored.file.name)
    SubmissionFile.objects.filter(pk=stored.pk).update(file=legacy)
    Submission.objects.filter(pk=submission.pk).update(pdf="forms/pdf/2026/05/TOD-2026-000009.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        assert move_field_to_private(SubmissionFile, "file", old) == 1
        assert move_field_to_private(Submission, "pdf", old, missing="") == 1
    stored.refresh_from_db()
    submission.refresh_from_db()
    assert RANDOM_NAME.fullmatch(stored.file.name) and stored.name == "開催要項（案）.pdf"
    assert not old.exists(legacy)
    assert submission.pdf.name == ""  # gone: rendered again at the next download
    response = client_for(prime).get(f"/procedures/s/{submission.pk}/files/{stored.pk}/")
    assert b"".join(response.streaming_content) == PDF
    with urls_in_mode(debug=True):
        assert Client().get(f"{settings.MEDIA_URL}{legacy}").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):  # a second run changes nothing
        assert move_field_to_private(SubmissionFile, "file", old) == 0


def test_the_applicant_finds_their_proof_on_the_status_page(
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = proof(django_capture_on_commit_callbacks)
    page = client_for(case.readers[0]).get("/identity/prime/applications/").content.decode()
    assert case.urls[0] in page and case.filename in page
