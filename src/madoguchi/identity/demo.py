"""Identity demo data (README, "Identity demo logins"): a verified corporation from the demo
registry with its Prime (TOTP with a published secret and recovery codes), a Member, an Entry user,
a pending Prime application in the reviewer queue, an identity reviewer, a mandate, and MFA for the
demo staff login; divisions (部署) with programme officers, a procedure builder and an analyst
(README, "Staff roles and divisions"). Loading twice changes nothing.
"""

import datetime
from collections.abc import Iterator
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import encrypt
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from madoguchi.identity.enums import (
    AccountType,
    CorpType,
    Service,
    StaffRole,
    VerificationKind,
    VerificationStatus,
)
from madoguchi.identity.models import Division, Mandate, Organisation, User, VerificationRequest
from madoguchi.identity.roles import ensure_roles
from madoguchi.registry.enums import Kind
from madoguchi.registry.models import Corporation

DEMO_PASSWORD = "madoguchi-demo-2026"  # noqa: S105 - published demo password (README)
# Published TOTP secrets (base32): add them to an authenticator app, or compute codes (README).
PRIME_TOTP_SECRET = "MADOGUCHIDEMOPRIMEKEY234567ABCDE"  # noqa: S105
MEMBER_TOTP_SECRET = "MADOGUCHIDEMOMEMBERKEY234567ABCD"  # noqa: S105
REVIEWER_TOTP_SECRET = "MADOGUCHIDEMOREVIEWERKEY234567AB"  # noqa: S105
STAFF_TOTP_SECRET = "MADOGUCHIDEMOSTAFFKEY234567ABCDE"  # noqa: S105
AGENT_TOTP_SECRET = "MADOGUCHIDEMOAGENTKEY234567ABCDE"  # noqa: S105
PRIME_RECOVERY_CODES = [f"2026{n:04d}" for n in range(1, 11)]

PRIME_EMAIL = "prime@madoguchi.example"
MEMBER_EMAIL = "member@madoguchi.example"
ENTRY_EMAIL = "entry@madoguchi.example"
APPLICANT_EMAIL = "applicant@madoguchi.example"
REVIEWER_EMAIL = "reviewer@madoguchi.example"
AGENT_EMAIL = "agent@madoguchi.example"
STAFF_EMAIL = "staff@madoguchi.example"

# Divisions (部署) of the demo: (code, name). The demo's subsidies and procedures belong to them.
DIVISIONS = (
    ("chusho-keiei", "中小企業庁 経営支援部 経営支援課"),
    ("chusho-zaimu", "中小企業庁 事業環境部 財務課"),
    ("shomu-joho", "商務情報政策局 情報技術利用促進課"),
    ("tokyo-sangyo", "東京都 産業労働局 商工部"),
    ("kanbo-koho", "大臣官房 広報室"),
    ("catalogue", "補助金カタログ（生成データ）"),
)
# Demo staff with a role and their divisions: (e-mail, role, division codes, last, first, TOTP).
DIVISION_STAFF = (
    (
        "officer@madoguchi.example",
        StaffRole.PROGRAMME_OFFICER,
        ("chusho-keiei", "chusho-zaimu", "catalogue"),
        "制度",
        "一美",
        "MADOGUCHIDEMOOFFICERKEY234567ABC",
    ),
    (
        "officer-it@madoguchi.example",
        StaffRole.PROGRAMME_OFFICER,
        ("shomu-joho",),
        "情報",
        "二郎",
        "MADOGUCHIDEMOOFFICERITKEY234567A",
    ),
    (
        "builder@madoguchi.example",
        StaffRole.PROCEDURE_BUILDER,
        ("kanbo-koho",),
        "作成",
        "三奈",
        "MADOGUCHIDEMOBUILDERKEY234567ABC",
    ),
    (
        "analyst@madoguchi.example",
        StaffRole.ANALYST,
        (),
        "分析",
        "四季",
        "MADOGUCHIDEMOANALYSTKEY234567ABC",
    ),
)

DEMO_PROOF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _open_corporations(count: int) -> list[Corporation]:
    """Open stock companies from the demo registry (20,000 generated rows, seed 2026), in a
    stable order, so every machine picks the same ones."""
    return list(
        Corporation.objects.filter(
            close_date__isnull=True, is_deleted=False, kind=Kind.KABUSHIKI_KAISHA
        )
        .exclude(prefecture_name="")
        .order_by("corporate_number")[:count]
    )


def _verified_org(corporation: Corporation, rep: tuple[str, str, str, str]) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        corporate_number=corporation.corporate_number,
        defaults={
            "corp_type": CorpType.CORPORATION,
            "name": corporation.name,
            "name_kana": corporation.furigana,
            "en_name": corporation.en_name,
            "postal_code": corporation.post_code,
            "prefecture_name": corporation.prefecture_name,
            "address1": corporation.city_name,
            "address2": corporation.street_number,
            "rep_last_name": rep[0],
            "rep_first_name": rep[1],
            "rep_last_name_kana": rep[2],
            "rep_first_name_kana": rep[3],
            "verified_at": timezone.now(),
        },
    )
    return organisation


def _user(email: str, **fields: Any) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, username=fields.pop("username", email), **fields)
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _totp(user: User, secret: str) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)


def _recovery_codes(user: User, codes: list[str]) -> None:
    Authenticator.objects.get_or_create(
        user=user,
        type=Authenticator.Type.RECOVERY_CODES,
        defaults={
            "data": {
                "seed": encrypt("demo-seed-unused"),
                "used_mask": 0,
                "migrated_codes": [encrypt(code) for code in codes],
            }
        },
    )


@transaction.atomic
def load() -> Iterator[str]:
    ensure_roles()
    corporations = _open_corporations(3)
    if len(corporations) < 3:
        yield "事業者認証のデモ: 法人番号のデモデータがないため省略しました。"
        return
    business, agent_corp, applicant_corp = corporations

    staff = User.objects.filter(username="staff").first()
    if staff is not None:
        EmailAddress.objects.get_or_create(
            user=staff, email=STAFF_EMAIL, defaults={"verified": True, "primary": True}
        )
        _totp(staff, STAFF_TOTP_SECRET)

    organisation = _verified_org(business, ("窓口", "一郎", "マドグチ", "イチロウ"))
    prime = _user(
        PRIME_EMAIL,
        organisation=organisation,
        account_type=AccountType.PRIME,
        last_name="窓口",
        first_name="一郎",
    )
    _totp(prime, PRIME_TOTP_SECRET)
    _recovery_codes(prime, PRIME_RECOVERY_CODES)
    member = _user(
        MEMBER_EMAIL,
        organisation=organisation,
        account_type=AccountType.MEMBER,
        parent=prime,
        services=[Service.GRANTS, Service.PROCEDURES],
        last_name="窓口",
        first_name="花子",
    )
    _totp(member, MEMBER_TOTP_SECRET)

    entry_org = Organisation.objects.filter(users__email=ENTRY_EMAIL).first()
    if entry_org is None:
        entry_org = Organisation.objects.create(
            corp_type=CorpType.SOLE_PROPRIETOR, name="デモ商店（自己申告）"
        )
    _user(
        ENTRY_EMAIL,
        organisation=entry_org,
        account_type=AccountType.ENTRY,
        last_name="見本",
        first_name="三郎",
    )

    agent_org = _verified_org(agent_corp, ("代理", "四郎", "ダイリ", "シロウ"))
    agent = _user(
        AGENT_EMAIL,
        organisation=agent_org,
        account_type=AccountType.PRIME,
        last_name="代理",
        first_name="四郎",
    )
    _totp(agent, AGENT_TOTP_SECRET)
    if not Mandate.objects.filter(principal=organisation, agent=agent_org).exists():
        Mandate.objects.create(
            principal=organisation,
            agent=agent_org,
            services=[Service.GRANTS],
            valid_from=timezone.localdate(),
            valid_until=timezone.localdate() + datetime.timedelta(days=365),
            granted_by=prime,
        )

    applicant_org = Organisation.objects.filter(users__email=APPLICANT_EMAIL).first()
    if applicant_org is None:
        applicant_org = Organisation.objects.create(
            corp_type=CorpType.SOLE_PROPRIETOR, name="申請中の事業者（自己申告）"
        )
    applicant = _user(
        APPLICANT_EMAIL,
        organisation=applicant_org,
        account_type=AccountType.ENTRY,
        last_name="申請",
        first_name="五郎",
    )
    if not VerificationRequest.objects.filter(applicant=applicant).exists():
        application = VerificationRequest(
            kind=VerificationKind.UPGRADE,
            status=VerificationStatus.SUBMITTED,
            applicant=applicant,
            corp_type=CorpType.CORPORATION,
            corporate_number=applicant_corp.corporate_number,
            organisation_name=applicant_corp.name,
            rep_last_name="申請",
            rep_first_name="五郎",
            rep_last_name_kana="シンセイ",
            rep_first_name_kana="ゴロウ",
            rep_birthday=datetime.date(1975, 5, 5),
            phone="03-0000-0005",
            proof_content_type="application/pdf",
            proof_name="印鑑証明書.pdf",
        )
        application.proof.save("inkan-shomeisho.pdf", ContentFile(DEMO_PROOF), save=False)
        application.save()

    reviewer = _user(
        REVIEWER_EMAIL,
        is_staff=True,
        last_name="審査",
        first_name="六子",
    )
    reviewer.groups.add(Group.objects.get(name=StaffRole.IDENTITY_REVIEWER))
    _totp(reviewer, REVIEWER_TOTP_SECRET)

    yield (
        f"事業者認証のデモ: {organisation.name}（法人番号 {organisation.corporate_number}）の"
        f"プライム {PRIME_EMAIL}、メンバー {MEMBER_EMAIL}、エントリー {ENTRY_EMAIL}、"
        f"審査待ちの申請者 {APPLICANT_EMAIL}、本人確認審査担当 {REVIEWER_EMAIL}、"
        f"委任先 {agent_org.name} のプライム {AGENT_EMAIL}（パスワードはすべて {DEMO_PASSWORD}、"
        "TOTP の秘密鍵は README）"
    )


def divisions() -> dict[str, Division]:
    """The demo divisions by code (made if missing)."""
    return {
        code: Division.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in DIVISIONS
    }


def division_officer(division_id: int) -> User | None:
    """A demo programme officer of the division, if any: who processes its demo applications."""
    return (
        User.objects.filter(
            is_staff=True,
            groups__name=StaffRole.PROGRAMME_OFFICER,
            divisions__pk=division_id,
            email__endswith="@madoguchi.example",
        )
        .order_by("email")
        .first()
    )


@transaction.atomic
def load_divisions() -> Iterator[str]:
    """Divisions and the demo staff who belong to them (README, "Staff roles and divisions")."""
    ensure_roles()
    by_code = divisions()
    for email, role, codes, last, first, secret in DIVISION_STAFF:
        user = _user(email, is_staff=True, last_name=last, first_name=first)
        user.groups.add(Group.objects.get(name=role))
        user.divisions.add(*(by_code[code] for code in codes))
        _totp(user, secret)
    yield (
        f"部署のデモ: {len(by_code)} 部署（{'、'.join(d.name for d in by_code.values())}）、"
        f"職員 {'、'.join(email for email, *_ in DIVISION_STAFF)}（パスワードは {DEMO_PASSWORD}、"
        "TOTP の秘密鍵は README）"
    )
