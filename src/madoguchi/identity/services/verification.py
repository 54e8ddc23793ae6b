"""Prime applications (本人確認): submission, and the identity reviewer's approval or rejection.

One flow serves a new Prime, an Entry→Prime upgrade and a representative change (the kind is
decided from the organisation's state when the application is made).
"""

import datetime
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from madoguchi.identity.enums import (
    AccountStatus,
    AccountType,
    CorpType,
    VerificationKind,
    VerificationStatus,
)
from madoguchi.identity.errors import IdentityError, IdentityErrorCode
from madoguchi.identity.mail import absolute_url, send_on_commit
from madoguchi.identity.models import Organisation, User, VerificationRequest
from madoguchi.identity.proofs import proof_content_type
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_has
from madoguchi.identity.services.audit import identity_audit
from madoguchi.identity.services.registry_check import corporation_for_number


@dataclass(frozen=True, kw_only=True)
class ApplicationData:
    corp_type: int
    corporate_number: str
    organisation_name: str
    rep_last_name: str
    rep_first_name: str
    rep_last_name_kana: str
    rep_first_name_kana: str
    rep_birthday: datetime.date | None
    postal_code: str
    prefecture_name: str
    address1: str
    address2: str
    phone: str


@transaction.atomic
def verification_request_submit(
    *,
    applicant: User,
    data: ApplicationData,
    proof: UploadedFile,
    request: HttpRequest | None = None,
) -> VerificationRequest:
    if applicant.is_staff or (
        applicant.account_type == AccountType.MEMBER and not _is_rep_change(data)
    ):
        raise IdentityError(
            IdentityErrorCode.NOT_ALLOWED, "このアカウントからはプライムを申請できません。"
        )
    if VerificationRequest.objects.filter(
        applicant=applicant, status=VerificationStatus.SUBMITTED
    ).exists():
        raise IdentityError(
            IdentityErrorCode.APPLICATION_PENDING,
            "審査中の申請があります。結果が出るまでお待ちいただくか、申請を取り下げてください。",
        )
    content_type = proof_content_type(proof)
    number = ""
    organisation: Organisation | None = None
    name = data.organisation_name.strip()
    if data.corp_type == CorpType.CORPORATION:
        corporation = corporation_for_number(data.corporate_number)
        number = corporation.corporate_number
        name = name or corporation.name
        organisation = Organisation.objects.filter(corporate_number=number).first()
    if organisation is not None and organisation.is_verified:
        if applicant.organisation_id == organisation.pk and applicant.is_prime:
            raise IdentityError(
                IdentityErrorCode.NOT_ALLOWED,
                "この事業者のプライムアカウントは既にあなたです。",
                field="corporate_number",
            )
        kind = VerificationKind.REPRESENTATIVE_CHANGE
    elif applicant.account_type == AccountType.ENTRY:
        kind = VerificationKind.UPGRADE
    elif applicant.is_prime:
        raise IdentityError(
            IdentityErrorCode.NOT_ALLOWED,
            "プライムアカウントで別の事業者は申請できません。新しい事業者の代表者のアカウントで申請してください。",
        )
    else:
        kind = VerificationKind.NEW_PRIME
    application = VerificationRequest(
        kind=kind,
        applicant=applicant,
        corp_type=data.corp_type,
        corporate_number=number,
        organisation_name=name,
        rep_last_name=data.rep_last_name.strip(),
        rep_first_name=data.rep_first_name.strip(),
        rep_last_name_kana=data.rep_last_name_kana.strip(),
        rep_first_name_kana=data.rep_first_name_kana.strip(),
        rep_birthday=data.rep_birthday,
        postal_code=data.postal_code,
        prefecture_name=data.prefecture_name,
        address1=data.address1,
        address2=data.address2,
        phone=data.phone,
        proof=proof,
        proof_name=PurePosixPath((proof.name or "").replace("\\", "/")).name[:255],
        proof_content_type=content_type,
        organisation=organisation if kind == VerificationKind.REPRESENTATIVE_CHANGE else None,
    )
    application.save()
    identity_audit(
        action="identity.verification_submitted",
        request=request,
        actor=applicant,
        target=application,
        organisation=organisation or applicant.organisation_id,
        data={"kind": kind, "corporate_number": number},
    )
    return application


def _is_rep_change(data: ApplicationData) -> bool:
    if data.corp_type != CorpType.CORPORATION:
        return False
    return Organisation.objects.filter(
        corporate_number=data.corporate_number, verified_at__isnull=False
    ).exists()


def _check_reviewer(application: VerificationRequest, reviewer: User) -> None:
    if not staff_has(reviewer, Right.IDENTITY_REVIEW):
        raise IdentityError(IdentityErrorCode.NOT_ALLOWED, "本人確認の審査をする権限がありません。")
    if reviewer.pk == application.applicant_id:
        raise IdentityError(IdentityErrorCode.NOT_ALLOWED, "自分の申請は審査できません。")
    if application.status != VerificationStatus.SUBMITTED:
        raise IdentityError(
            IdentityErrorCode.WRONG_STATE,
            f"この申請は既に「{application.get_status_display()}」です。",
        )


def _target_organisation(application: VerificationRequest) -> Organisation:
    applicant = application.applicant
    own = applicant.organisation
    if application.corp_type == CorpType.CORPORATION:
        existing = Organisation.objects.filter(
            corporate_number=application.corporate_number
        ).first()
        if existing is not None:
            return existing
    reusable = (
        own is not None
        and not own.is_verified
        and own.corp_type == application.corp_type
        and not own.users.exclude(pk=applicant.pk).exists()
    )
    if reusable and own is not None:
        own.corporate_number = application.corporate_number or None
        return own
    return Organisation(
        corp_type=application.corp_type,
        corporate_number=application.corporate_number or None,
        name=application.organisation_name,
    )


@transaction.atomic
def verification_request_approve(
    *, application: VerificationRequest, reviewer: User, request: HttpRequest | None = None
) -> Organisation:
    """Verify the organisation and make the applicant its Prime (the old Prime, on a
    representative change, becomes a Member with no services until the new Prime decides)."""
    application = VerificationRequest.objects.select_for_update().get(pk=application.pk)
    _check_reviewer(application, reviewer)
    organisation = _target_organisation(application)
    if application.corp_type == CorpType.CORPORATION:
        corporation = corporation_for_number(application.corporate_number)
        organisation.name = corporation.name
        organisation.name_kana = corporation.furigana
        organisation.en_name = corporation.en_name
        organisation.postal_code = corporation.post_code
        organisation.prefecture_name = corporation.prefecture_name
        organisation.address1 = corporation.city_name
        organisation.address2 = corporation.street_number
    else:
        organisation.name = application.organisation_name
        organisation.postal_code = application.postal_code
        organisation.prefecture_name = application.prefecture_name
        organisation.address1 = application.address1
        organisation.address2 = application.address2
    organisation.rep_last_name = application.rep_last_name
    organisation.rep_first_name = application.rep_first_name
    organisation.rep_last_name_kana = application.rep_last_name_kana
    organisation.rep_first_name_kana = application.rep_first_name_kana
    organisation.rep_birthday = application.rep_birthday
    organisation.verified_at = timezone.now()
    organisation.save()

    applicant = application.applicant
    previous_primes = list(
        User.objects.filter(organisation=organisation, account_type=AccountType.PRIME).exclude(
            pk=applicant.pk
        )
    )
    for old in previous_primes:
        old.account_type = AccountType.MEMBER
        old.services = []
        old.parent = applicant
        old.save(update_fields=["account_type", "services", "parent"])
    User.objects.filter(organisation=organisation, account_type=AccountType.MEMBER).exclude(
        pk=applicant.pk
    ).update(parent=applicant)
    applicant.organisation = organisation
    applicant.account_type = AccountType.PRIME
    applicant.account_status = AccountStatus.ACTIVE
    applicant.parent = None
    applicant.services = []
    applicant.save(
        update_fields=["organisation", "account_type", "account_status", "parent", "services"]
    )
    application.approve()
    application.reviewer = reviewer
    application.decided_at = timezone.now()
    application.organisation = organisation
    application.save(
        update_fields=["status", "reviewer", "decided_at", "organisation", "updated_at"]
    )
    identity_audit(
        action="identity.verification_approved",
        request=request,
        actor=reviewer,
        target=application,
        organisation=organisation,
        data={
            "kind": application.kind,
            "applicant": str(applicant.subject),
            "previous_primes": [str(u.subject) for u in previous_primes],
        },
    )
    send_on_commit(
        to=[applicant.email],
        subject="プライムアカウントの申請が承認されました",
        template="verification_approved",
        context={
            "application": application,
            "organisation": organisation,
            "url": absolute_url("identity:home"),
        },
    )
    return organisation


@transaction.atomic
def verification_request_reject(
    *,
    application: VerificationRequest,
    reviewer: User,
    reason: str,
    request: HttpRequest | None = None,
) -> VerificationRequest:
    application = VerificationRequest.objects.select_for_update().get(pk=application.pk)
    _check_reviewer(application, reviewer)
    reason = (reason or "").strip()
    if not reason:
        raise IdentityError(
            IdentityErrorCode.REASON_REQUIRED,
            "却下の理由を入力してください（申請者に表示されます）。",
            field="reason",
        )
    application.reject()
    application.reviewer = reviewer
    application.decided_at = timezone.now()
    application.rejection_reason = reason
    application.save(
        update_fields=["status", "reviewer", "decided_at", "rejection_reason", "updated_at"]
    )
    identity_audit(
        action="identity.verification_rejected",
        request=request,
        actor=reviewer,
        target=application,
        organisation=application.organisation_id or application.applicant.organisation_id,
        data={"kind": application.kind, "reason": reason},
    )
    send_on_commit(
        to=[application.applicant.email],
        subject="プライムアカウントの申請は却下されました",
        template="verification_rejected",
        context={
            "application": application,
            "url": absolute_url("identity:application-status"),
        },
    )
    return application


@transaction.atomic
def verification_request_withdraw(
    *, application: VerificationRequest, applicant: User, request: HttpRequest | None = None
) -> VerificationRequest:
    if application.applicant_id != applicant.pk:
        raise IdentityError(IdentityErrorCode.NOT_ALLOWED, "この申請は取り下げられません。")
    if application.status != VerificationStatus.SUBMITTED:
        raise IdentityError(
            IdentityErrorCode.WRONG_STATE, "審査が終わった申請は取り下げられません。"
        )
    application.withdraw()
    application.save(update_fields=["status", "updated_at"])
    identity_audit(
        action="identity.verification_withdrawn",
        request=request,
        actor=applicant,
        target=application,
    )
    return application
