"""Demo procedures: 後援名義使用申請 and 事業者情報の変更届, each with two approval steps, and a few
submissions in different states. Loaded by ``madoguchi demo`` (portal.demo.load_all); idempotent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from madoguchi.forms import services
from madoguchi.forms.documents import change_notice_document, sponsorship_document
from madoguchi.forms.models import Procedure, Submission
from madoguchi.forms.tasks import submission_pdfs_render_stale
from madoguchi.identity import demo as identity_demo
from madoguchi.identity.models import Division, User

SPONSORSHIP_SLUG = "kouen-meigi"
CHANGE_SLUG = "henko-todoke"
# Their divisions (identity.demo.DIVISIONS): builder@ sets up the first, officer@ reads the second.
SPONSORSHIP_DIVISION = "kanbo-koho"
CHANGE_DIVISION = "chusho-keiei"
FIRST_GROUP = "手続き審査（担当課）"
SECOND_GROUP = "手続き審査（決裁）"
# (e-mail, group, last name, first name, published TOTP secret: staff log in with MFA, README)
REVIEWERS = (
    (
        "forms-first@madoguchi.example",
        FIRST_GROUP,
        "担当課",
        "審査",
        "MADOGUCHIDEMOFORMSFIRSTKEY234567",
    ),
    (
        "forms-second@madoguchi.example",
        SECOND_GROUP,
        "決裁",
        "課長",
        "MADOGUCHIDEMOFORMSSECONDKEY23456",
    ),
)
DEMO_PASSWORD = "madoguchi-demo-2026"  # noqa: S105 - published demo password (README)
APPLICANT_EMAIL = "prime@madoguchi.example"  # the identity demo's Prime

_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _reviewers() -> tuple[Group, Group, list[User]]:
    groups = [Group.objects.get_or_create(name=name)[0] for name in (FIRST_GROUP, SECOND_GROUP)]
    users = []
    for email, group_name, last, first, secret in REVIEWERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(
                username=email, email=email, is_staff=True, last_name=last, first_name=first
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            TOTP.activate(user, secret)
        user.groups.add(Group.objects.get(name=group_name))
        users.append(user)
    return groups[0], groups[1], users


def _procedure(
    actor: Any,
    document: dict[str, Any],
    *,
    slug: str,
    title: str,
    summary: str,
    audience: list[str],
    prefix: str,
    groups: tuple[Group, Group],
    division: Division,
) -> Procedure:
    form = services.form_import(actor=actor, document=document, division=division)
    services.form_version_publish(actor=actor, version=form.versions.get())
    procedure = services.procedure_save(
        actor=actor,
        form=form,
        title=title,
        slug=slug,
        summary=summary,
        audience=audience,
        reference_prefix=prefix,
        division=division,
        receipt_message="審査には通常2週間ほどかかります。結果はメールでお知らせします。",
    )
    services.workflow_step_add(
        actor=actor,
        procedure=procedure,
        name="担当課の確認",
        group=groups[0],
        approval_message="担当課の確認が終わり、決裁に進みました。",
    )
    services.workflow_step_add(actor=actor, procedure=procedure, name="課長の決裁", group=groups[1])
    return procedure


def _sponsorship_answers(n: int) -> dict[str, Any]:
    return {
        "event_name": ["中小企業DXフォーラム2026", "地域ものづくり展示会", "市民健康マラソン大会"][
            n % 3
        ],
        "event_kind": ["seminar", "exhibition", "sports"][n % 3],
        "start_date": "2027-02-10",
        "end_date": "2027-02-11",
        "venue": "市民会館 大ホール",
        "venue_postal_code": "1000001",
        "venue_address": "東京都千代田区千代田1-1",
        "expected_attendance": 300 + 100 * n,
        "admission_fee": n % 2 == 1,
        **({"fee_amount": 1000} if n % 2 == 1 else {}),
        "programme": "13:00 開会\n13:10 基調講演\n14:30 事例発表\n16:00 交流会",
        "expenses": [
            {"item": "会場費", "amount": 180000},
            {"item": "講師謝金", "amount": 50000},
            {"item": "広報費", "amount": 30000},
        ],
        "past_sponsorship": n == 0,
        **({"past_year": 2025, "past_event_name": "中小企業DXフォーラム2025"} if n == 0 else {}),
        "consent": True,
    }


# Used where the demo business's registration lacks something (the prefilled answers win).
_ORGANISER_FALLBACK = {
    "organiser_postal_code": "1000013",
    "organiser_address": "東京都千代田区霞が関1-3-1",
    "representative": "窓口 一郎",
    "contact_name": "窓口 一郎",
    "contact_phone": "0312345678",
}


def _submit(
    procedure: Procedure, applicant: User, answers: dict[str, Any], *, with_file: bool
) -> Submission:
    submission = services.submission_start(actor=applicant, procedure=procedure, session_key=None)
    submission = services.submission_answers_save(
        actor=applicant,
        submission=submission,
        data={**_ORGANISER_FALLBACK, **submission.data, **answers},
        session_key=None,
    )
    if with_file:
        submission = services.submission_file_attach(
            actor=applicant,
            submission=submission,
            field_name="plan_document",
            upload=SimpleUploadedFile("開催要項.pdf", _PDF, content_type="application/pdf"),
            session_key=None,
        )
    return services.submission_submit(actor=applicant, submission=submission, session_key=None)


def load() -> Iterator[str]:
    if Procedure.objects.filter(slug=SPONSORSHIP_SLUG).exists():
        # PDF copies an earlier version wrote without the Japanese font are written again.
        stale = submission_pdfs_render_stale()
        yield "手続きのデモ: 作成済み（スキップ）" + (
            f"。PDF の控えを {stale} 件作り直しました" if stale else ""
        )
        return
    actor = User.objects.filter(username="staff", is_superuser=True).first()
    if actor is None:
        yield "手続きのデモ: 職員 staff がいないため省略しました。"
        return
    by_code = identity_demo.divisions()
    with transaction.atomic():
        first_group, second_group, (first, second) = _reviewers()
        groups = (first_group, second_group)
        sponsorship = _procedure(
            actor,
            sponsorship_document(),
            slug=SPONSORSHIP_SLUG,
            title="後援名義使用申請",
            summary="講演会・展示会・スポーツ大会などの行事に、後援として名義を使用することの承認を申請します。",
            audience=["entry", "prime", "member"],
            prefix="KOU",
            groups=groups,
            division=by_code[SPONSORSHIP_DIVISION],
        )
        _procedure(
            actor,
            change_notice_document(),
            slug=CHANGE_SLUG,
            title="事業者情報の変更届",
            summary="所在地や代表者が変わったときに届け出ます。ログインなしでも提出できます。",
            audience=["guest", "entry", "prime", "member"],
            prefix="HEN",
            groups=groups,
            division=by_code[CHANGE_DIVISION],
        )
        applicant = User.objects.filter(email=APPLICANT_EMAIL).first()
        made = 0
        if applicant is not None and applicant.organisation_id:
            approved = _submit(sponsorship, applicant, _sponsorship_answers(0), with_file=True)
            services.submission_decide(actor=first, submission=approved, decision="approve")
            services.submission_decide(
                actor=second, submission=approved, decision="approve", comment="承認します。"
            )
            returned = _submit(sponsorship, applicant, _sponsorship_answers(1), with_file=True)
            services.submission_decide(
                actor=first,
                submission=returned,
                decision="return",
                comment="参加費の使いみちを「行事の内容」に書き加えてください。",
            )
            waiting = _submit(sponsorship, applicant, _sponsorship_answers(2), with_file=True)
            services.submission_decide(actor=first, submission=waiting, decision="approve")
            draft = services.submission_start(
                actor=applicant, procedure=sponsorship, session_key=None
            )
            services.submission_answers_save(
                actor=applicant,
                submission=draft,
                data={**draft.data, "event_name": "秋の産業フェア（入力途中）"},
                session_key=None,
            )
            made = 4
    yield (
        f"手続きのデモ: 後援名義使用申請・事業者情報の変更届（申請 {made}件）。"
        f"審査する職員: {REVIEWERS[0][0]}（担当課）、{REVIEWERS[1][0]}（決裁）/ {DEMO_PASSWORD}"
    )
