"""Files in an S3-compatible object store, configured by settings alone (README, "Files in
production"): the same services store every kind of private file there and the same views serve it.

The object store lies outside the project, so moto's server (``moto[server]``, on 127.0.0.1 with an
ephemeral port) stands in for it; django-storages' S3 backend talks to it over real HTTP.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from madoguchi.config.storages import file_storages
from madoguchi.core.files import private_storage
from tests.test_private_files import (
    BUILDERS,
    PDF,
    client_for,
    published_document,
    published_subsidy,
    urls_for,
)

boto3 = pytest.importorskip("boto3", reason="boto3 comes with the s3 extra: pip install -e '.[s3]'")
moto_server = pytest.importorskip("moto.server", reason="moto[server] is a dev dependency")
pytest.importorskip("storages.backends.s3", reason="django-storages[s3] is the s3 extra")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(endpoint: str, monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> Any:
    """A fresh bucket, and STORAGES built from the environment exactly as settings.py does."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "madoguchi-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "madoguchi-test-secret")
    name = f"madoguchi-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("MADOGUCHI_S3_BUCKET", name)
    monkeypatch.setenv("MADOGUCHI_S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("MADOGUCHI_S3_REGION", "ap-northeast-1")
    s3 = boto3.resource("s3", endpoint_url=endpoint, region_name="ap-northeast-1")
    s3.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"}
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = file_storages(tmp_path / "var")
    return s3.Bucket(name)


def keys(bucket: Any) -> set[str]:
    return {item.key for item in bucket.objects.all()}


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_every_private_file_goes_to_the_object_store(
    kind: str, bucket: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    case = BUILDERS[kind](django_capture_on_commit_callbacks)
    assert type(private_storage()._wrapped).__name__ == "S3Storage"  # type: ignore[attr-defined]
    key = f"private/{case.stored.name}"
    assert key in keys(bucket)
    assert not [p for p in tmp_path.rglob("*") if p.is_file()], "nothing written locally"
    # A private object: only the bucket owner is granted anything (no public-read ACL).
    grants = bucket.Object(key).Acl().grants
    assert all(g["Grantee"].get("Type") == "CanonicalUser" for g in grants), grants
    owner = client_for(case.readers[0])
    for reader in (case.readers[0], case.readers[-1]):  # the business, and staff
        for url in urls_for(case, reader):
            response = client_for(reader).get(url)
            assert response.status_code == 200, url
            assert b"".join(response.streaming_content) == case.content
    assert Client().get(case.urls[0]).status_code == 404
    if kind != "procedure copy":  # a lost object is a 404 (a lost copy is rendered again)
        bucket.Object(key).delete()
        assert owner.get(case.urls[0]).status_code == 404


def test_published_documents_go_to_the_public_prefix(bucket: Any) -> None:
    subsidy, officer = published_subsidy()
    document = published_document(officer, subsidy)
    assert f"public/{document.file.name}" in keys(bucket)
    response = Client().get(f"/subsidies/{subsidy.pk}/documents/{document.pk}/")
    assert b"".join(response.streaming_content) == PDF
    assert Client().get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404
