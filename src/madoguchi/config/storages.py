"""``settings.STORAGES`` from the environment: local folders by default, an S3-compatible object store
when ``MADOGUCHI_S3_BUCKET`` is set. The code names storages only by alias (``core.files``), so
switching is a matter of these variables (README, "Files in production").

- ``private``: applicants' and officials' files (procedure copies and attachments, application files,
  notices, identity proofs). Locally ``<var>/private``, outside ``MEDIA_ROOT`` and ``STATIC_ROOT``;
  in S3 under ``private/``. Never served by URL: only the permission-checked download views read it.
- ``default``: published documents (a subsidy's guidelines). Locally ``MEDIA_ROOT``; in S3 under
  ``public/``. Served by the subsidy's public view (published subsidies only), not by URL either.

In S3 both stay private objects (no ACL is set, so the bucket's own, private, policy applies);
credentials come from boto3's usual chain (``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY`` or the
machine's role). Install the extra: ``pip install 'madoguchi[s3]'``.
"""

from pathlib import Path
from typing import Any

from madoguchi.config.env import env_str

S3_BACKEND = "storages.backends.s3.S3Storage"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"


def file_storages(var_dir: Path) -> dict[str, dict[str, Any]]:
    bucket = env_str("MADOGUCHI_S3_BUCKET", "").strip()
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    if not bucket:
        return {
            "default": {"BACKEND": LOCAL_BACKEND},  # MEDIA_ROOT
            "private": {
                "BACKEND": LOCAL_BACKEND,
                "OPTIONS": {"location": str(var_dir / "private")},
            },
            "staticfiles": static,
        }
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": env_str("MADOGUCHI_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": env_str("MADOGUCHI_S3_REGION", "").strip() or None,
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": {**options, "location": "public"}},
        "private": {"BACKEND": S3_BACKEND, "OPTIONS": {**options, "location": "private"}},
        "staticfiles": static,
    }
