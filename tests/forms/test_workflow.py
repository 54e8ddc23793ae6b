"""Procedures: two-step approval, return for correction, rejection, inbox, exports, permissions."""

import io
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from madoguchi.forms import services
from madoguchi.forms.enums import SubmissionStatus
from madoguchi.forms.errors import FormsError, NotAllowed
from madoguchi.forms.models import Submission
from tests.forms.conftest import make_business, make_staff
from tests.forms.test_filling import complete, start

pytestmark = pytest.mark.django_db


def decide(
    client: Client, user: Any, submission: Submission, decision: str, comment: str = ""
) -> Any:
    client.force_login(user)
    return client.post(
        reverse("forms:staff-submission", args=[submission.pk]),
        {"action": "decide", "decision": decision, "comment": comment},
    )


def test_two_step_approval(
    client: Client, submitted: Submission, reviewers: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first, second = reviewers
    # The second step's staff cannot act on the first step.
    response = decide(client, second, submitted, "approve")
    assert response.status_code == 400
    assert "この段階の審査を担当するグループの職員だけが処理できます。" in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client, first, submitted, "approve").status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == SubmissionStatus.SUBMITTED and submitted.step == 2
    assert any("second@city.example.jp" in m.to for m in mail.outbox)  # next group told
    assert any("課長決裁に進みました。" in m.body for m in mail.outbox)  # the step's e-mail
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, second, submitted, "approve", "承認します")
    submitted.refresh_from_db()
    assert submitted.status == SubmissionStatus.APPROVED and submitted.decided_at
    assert any("承認されました" in m.subject for m in mail.outbox)


def test_return_for_correction_and_resubmit(
    client: Client,
    submitted: Submission,
    reviewers: Any,
    business: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    first, _second = reviewers
    response = decide(client, first, submitted, "return")
    assert "差戻し・却下の理由をコメントに入力してください" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, first, submitted, "return", "会場の所在地を番地まで書いてください。")
    submitted.refresh_from_db()
    assert submitted.status == SubmissionStatus.RETURNED
    assert any("修正をお願いします" in m.subject and "番地まで" in m.body for m in mail.outbox)
    applicant = Client()
    applicant.force_login(business)
    status_page = applicant.get(reverse("forms:submission", args=[submitted.pk])).content.decode()
    assert "会場の所在地を番地まで書いてください。" in status_page
    assert "差戻し" in status_page
    response = applicant.post(
        reverse("forms:fill", args=[submitted.pk, "event"]),
        {
            "_action": "save",
            "_fields": ["venue_address"],
            "venue_address": "東京都千代田区千代田1-1-1",
        },
    )
    assert response.status_code == 302
    reference = submitted.reference
    with django_capture_on_commit_callbacks(execute=True):
        applicant.post(reverse("forms:check", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert submitted.status == SubmissionStatus.SUBMITTED and submitted.step == 1
    assert submitted.reference == reference  # the same reference number
    assert submitted.data["venue_address"] == "東京都千代田区千代田1-1-1"


def test_reject(client: Client, submitted: Submission, reviewers: Any) -> None:
    decide(client, reviewers[0], submitted, "reject", "営利目的のため")
    submitted.refresh_from_db()
    assert submitted.status == SubmissionStatus.REJECTED
    with pytest.raises(FormsError):
        services.submission_decide(actor=reviewers[0], submission=submitted, decision="approve")


def test_submitted_answers_cannot_be_changed(
    client: Client, submitted: Submission, business: Any
) -> None:
    client.force_login(business)
    response = client.post(
        reverse("forms:fill", args=[submitted.pk, "event"]), {"_fields": ["venue"], "venue": "x"}
    )
    assert response["Location"] == reverse("forms:submission", args=[submitted.pk])
    submitted.refresh_from_db()
    assert submitted.data["venue"] == "市民会館"


def test_inbox_filter_assign_comment_and_exports(
    client: Client, submitted: Submission, reviewers: Any
) -> None:
    first, _second = reviewers
    client.force_login(first)
    inbox = client.get(reverse("forms:inbox", args=[submitted.procedure.slug]))
    assert submitted.reference in inbox.content.decode()
    filtered = client.get(
        reverse("forms:inbox", args=[submitted.procedure.slug]), {"status": "approved"}
    )
    assert submitted.reference not in filtered.content.decode()
    client.post(
        reverse("forms:staff-submission", args=[submitted.pk]),
        {"action": "assign", "assignee": first.pk},
    )
    client.post(
        reverse("forms:staff-submission", args=[submitted.pk]),
        {"action": "comment", "comment": "会場に確認中"},
    )
    submitted.refresh_from_db()
    assert submitted.assignee == first
    page = client.get(reverse("forms:staff-submission", args=[submitted.pk])).content.decode()
    assert "会場に確認中" in page
    mine = client.get(
        reverse("forms:inbox", args=[submitted.procedure.slug]), {"assignee": str(first.pk)}
    )
    assert submitted.reference in mine.content.decode()
    # Internal notes never reach the applicant.
    applicant_page = Client()
    applicant_page.force_login(submitted.applicant)
    assert (
        "会場に確認中"
        not in applicant_page.get(reverse("forms:submission", args=[submitted.pk])).content.decode()
    )
    csv_body = client.get(
        reverse("forms:inbox-csv", args=[submitted.procedure.slug])
    ).content.decode("utf-8-sig")
    header, row = csv_body.splitlines()[:2]
    assert "受付番号" in header and "行事の名称" in header
    assert submitted.reference in row and "中小企業DXフォーラム2026" in row
    xlsx = client.get(reverse("forms:inbox-xlsx", args=[submitted.procedure.slug]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=1).value == submitted.reference
    assert "行事の名称" in [c.value for c in sheet[1]]


def test_exports_never_make_formulas(
    client: Client,
    procedure: Any,
    reviewers: Any,
    business: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(business)
    submission = start(client, procedure)
    complete(client, submission)
    Submission.objects.filter(pk=submission.pk).update(
        data={
            **Submission.objects.get(pk=submission.pk).data,
            "event_name": '=HYPERLINK("http://evil")',
        }
    )
    client.post(reverse("forms:check", args=[submission.pk]))
    client.force_login(reviewers[0])
    xlsx = client.get(reverse("forms:inbox-xlsx", args=[procedure.slug]))
    values = [c.value for c in load_workbook(io.BytesIO(xlsx.content)).active[2]]
    assert '\'=HYPERLINK("http://evil")' in values


def test_staff_outside_the_steps_see_nothing(client: Client, submitted: Submission) -> None:
    # Staff of another step group: they reach the inbox pages, but not this procedure's.
    outsider = make_staff("outsider", Group.objects.create(name="他課の審査"))
    client.force_login(outsider)
    assert client.get(reverse("forms:inbox", args=[submitted.procedure.slug])).status_code == 404
    assert client.get(reverse("forms:staff-submission", args=[submitted.pk])).status_code == 404
    with pytest.raises(NotAllowed):
        services.submission_comment(actor=outsider, submission=submitted, comment="x")


def test_another_organisation_never_sees_a_submission(
    client: Client, submitted: Submission, business: Any
) -> None:
    other = make_business("other@example.jp")
    client.force_login(other)
    for name in ("forms:submission", "forms:check", "forms:pdf"):
        assert client.get(reverse(name, args=[submitted.pk])).status_code == 404
    assert client.get(reverse("forms:fill", args=[submitted.pk, "event"])).status_code == 404
    stored = submitted.files.get()
    assert client.get(reverse("forms:file", args=[submitted.pk, stored.pk])).status_code == 404
    assert submitted.reference not in client.get(reverse("forms:my")).content.decode()
    # Colleagues: a Member allowed 各種手続き sees the organisation's submissions and their files, as the
    # Prime does; a Member without that service sees only their own.
    member = make_business(
        "colleague@example.jp",
        account_type=3,
        organisation=business.organisation,
        services=["procedures"],
    )
    prime = make_business("boss@example.jp", organisation=business.organisation)
    for colleague in (member, prime):
        client.force_login(colleague)
        assert client.get(reverse("forms:submission", args=[submitted.pk])).status_code == 200
        file_url = reverse("forms:file", args=[submitted.pk, stored.pk])
        assert client.get(file_url).status_code == 200
        assert submitted.reference in client.get(reverse("forms:my")).content.decode()
    grants_only = make_business(
        "grants-only@example.jp",
        account_type=3,
        organisation=business.organisation,
        services=["grants"],
    )
    client.force_login(grants_only)
    assert client.get(reverse("forms:submission", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("forms:file", args=[submitted.pk, stored.pk])).status_code == 404
    assert submitted.reference not in client.get(reverse("forms:my")).content.decode()


def test_closed_procedure_refuses_new_drafts(client: Client, procedure: Any, business: Any) -> None:
    from django.utils import timezone

    procedure.closes_at = timezone.now()
    procedure.save(update_fields=["closes_at"])
    client.force_login(business)
    response = client.post(reverse("forms:start", args=[procedure.slug]), follow=True)
    assert "この手続きの受付は終了しました。" in response.content.decode()


def test_procedure_settings_pages(client: Client, builder_user: Any, groups: Any) -> None:
    form = services.form_import(
        actor=builder_user,
        document={
            **__import__("madoguchi.forms.documents", fromlist=["x"]).change_notice_document()
        },
    )
    services.form_version_publish(actor=builder_user, version=form.versions.get())
    client.force_login(builder_user)
    response = client.post(
        reverse("forms:staff-procedure-new"),
        {
            "title": "変更届",
            "slug": "henko",
            "form": form.pk,
            "audience": ["prime", "guest"],
            "reference_prefix": "HEN",
        },
    )
    assert response.status_code == 302, response.content.decode()
    response = client.post(
        reverse("forms:staff-procedure-edit", args=["henko"]),
        {"add_step": "1", "name": "受付", "group": groups[0].pk},
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("forms:staff-procedure-new"),
        {
            "title": "x",
            "slug": "henko",
            "form": form.pk,
            "audience": ["prime"],
            "reference_prefix": "X",
        },
    )
    assert "URL名「henko」はすでに使われています。" in bad.content.decode()
    page = client.get(reverse("forms:staff-procedures")).content.decode()
    assert "変更届" in page


def test_admin_pages_open(client: Client, submitted: Submission) -> None:
    from madoguchi.identity.models import User

    admin = User.objects.create_superuser(
        username="root", email="root@city.example.jp", password="x-2026-root"
    )
    client.force_login(admin)
    for url in (
        "/admin/forms/submission/",
        f"/admin/forms/submission/{submitted.pk}/change/",
        "/admin/forms/procedure/",
        f"/admin/forms/form/{submitted.procedure.form_id}/change/",
    ):
        assert client.get(url).status_code == 200, url


def test_procedure_list_counts_waiting_submissions(
    client: Client, submitted: Submission, reviewers: Any
) -> None:
    client.force_login(reviewers[0])
    page = client.get(reverse("forms:staff-procedures")).content.decode()
    assert re.search(r"後援名義使用申請</a></td>\s*<td>[^<]*</td>\s*<td>1</td>", page)
    client.force_login(make_staff("nobody", Group.objects.create(name="他課の審査")))
    assert "後援名義使用申請" not in client.get(reverse("forms:staff-procedures")).content.decode()
    client.force_login(make_staff("no-role"))  # no role and no step group: not even the list
    assert client.get(reverse("forms:staff-procedures")).status_code == 403
