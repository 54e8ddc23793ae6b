"""Proofs (印鑑証明書 etc.) of Prime applications: checking an upload, and who may read one.

Checking: PDF, JPEG or PNG by content signature, ≤ 10 MB; the file's name and the browser's declared
type are not trusted, the first bytes are. Reading: the applicant, and identity reviewers
(``staff_may_read_proof``); anyone else gets 404.
"""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from madoguchi.core.files import file_response
from madoguchi.identity.errors import IdentityError, IdentityErrorCode
from madoguchi.identity.models import VerificationRequest

REVIEW_PERMISSION = "identity.review_verificationrequest"

MAX_PROOF_BYTES = 10 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def proof_content_type(upload: UploadedFile, *, field: str = "proof") -> str:
    """The checked content type of ``upload``, or an IdentityError naming the reason."""
    size = upload.size or 0
    if size == 0:
        raise IdentityError(
            IdentityErrorCode.PROOF_EMPTY, "印鑑証明書のファイルが空です。", field=field
        )
    if size > MAX_PROOF_BYTES:
        raise IdentityError(
            IdentityErrorCode.PROOF_SIZE,
            f"印鑑証明書のファイルは10MB以下にしてください（このファイルは{size / 1024 / 1024:.1f}MBです）。",
            field=field,
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    raise IdentityError(
        IdentityErrorCode.PROOF_TYPE,
        "印鑑証明書はPDF、JPEG、PNGのいずれかのファイルにしてください"
        "（ファイルの中身がこれらの形式ではありません）。",
        field=field,
    )


def staff_may_read_proof(user: Any) -> bool:
    """Identity reviewers (本人確認審査担当; identity.roles: Right.IDENTITY_REVIEW)."""
    from madoguchi.identity.roles import Right
    from madoguchi.identity.selectors import staff_has

    return bool(user.is_active and staff_has(user, Right.IDENTITY_REVIEW))


def may_read_proof(user: Any, application: VerificationRequest) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return application.applicant_id == user.pk or staff_may_read_proof(user)


def proof_download(user: Any, pk: Any, *, inline: bool) -> FileResponse:
    """The proof under its original name; ``inline`` for reviewers, who view it in the browser
    (its type was checked by its first bytes; ``Content-Security-Policy: sandbox`` still applies)."""
    application = VerificationRequest.objects.filter(pk=pk).first()
    if application is None or not may_read_proof(user, application):
        raise Http404(_("ファイルが見つかりません。"))
    return file_response(
        application.proof,
        filename=application.proof_name or "印鑑証明書",
        content_type=application.proof_content_type or "application/octet-stream",
        inline=inline,
    )
