"""Checking an uploaded proof (印鑑証明書 etc.): PDF, JPEG or PNG by content signature, ≤ 10 MB.

The file's name and the browser's declared type are not trusted; the first bytes are.
"""

from django.core.files.uploadedfile import UploadedFile

from madoguchi.identity.errors import IdentityError, IdentityErrorCode

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
