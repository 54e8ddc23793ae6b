"""Signing keys: ID tokens carry the kid of a published key; rotation keeps old tokens verifiable."""

import base64
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from jwcrypto import jwk, jwt

from madoguchi.identity.oidc.keys import signing_key_current
from madoguchi.identity.oidc.models import SigningKey

from .test_oidc_support import exchange, get_code, make_rp, make_user

pytestmark = pytest.mark.django_db


def kid_of(token: str) -> str:
    return json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))["kid"]


def verify(token: str, key_set: dict) -> dict:
    keys = jwk.JWKSet.from_json(json.dumps(key_set))
    return json.loads(jwt.JWT(jwt=token, key=keys, expected_type="JWS").claims)


def test_rotation_signs_with_the_new_key_and_keeps_the_old_one_published(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    client.force_login(make_user())
    code, _ = get_code(client)
    old_token = exchange(client, code).json()["id_token"]
    old_kid = kid_of(old_token)
    assert old_kid == signing_key_current().kid

    out = StringIO()
    call_command("oidc_rotate_key", stdout=out)
    new_kid = signing_key_current().kid
    assert new_kid != old_kid
    assert new_kid in out.getvalue()

    code, _ = get_code(client)
    new_token = exchange(client, code).json()["id_token"]
    assert kid_of(new_token) == new_kid

    key_set = client.get("/oauth/.well-known/jwks.json").json()
    assert {key["kid"] for key in key_set["keys"]} == {old_kid, new_kid}
    assert all("d" not in key for key in key_set["keys"])  # public parts only
    verify(old_token, key_set)
    verify(new_token, key_set)

    # Once past its publication period the old key leaves the set.
    SigningKey.objects.filter(kid=old_kid).update(
        publish_until=timezone.now() - timedelta(seconds=1)
    )
    key_set = client.get("/oauth/.well-known/jwks.json").json()
    assert {key["kid"] for key in key_set["keys"]} == {new_kid}
    with pytest.raises(Exception):  # noqa: B017 - jwcrypto raises its own errors
        verify(old_token, key_set)


def test_private_keys_are_stored_encrypted() -> None:
    key = signing_key_current()
    assert "ENCRYPTED PRIVATE KEY" in key.private_key_pem
    assert key.jwk.has_private


def test_client_secret_is_a_salted_sha256_and_must_be_long() -> None:
    from django.core.exceptions import ValidationError

    from madoguchi.identity.oidc.models import RelyingParty

    from .test_oidc_support import CLIENT_SECRET

    relying_party = make_rp()
    assert relying_party.client_secret.startswith("oidc_sha256$")
    assert CLIENT_SECRET not in relying_party.client_secret
    relying_party.save()  # saving again does not hash the hash
    assert (
        RelyingParty.objects.get(pk=relying_party.pk).client_secret == relying_party.client_secret
    )
    with pytest.raises(ValidationError) as caught:
        make_rp(client_id="short", client_secret="too-short-secret")
    assert "32 文字以上" in str(caught.value.message_dict["client_secret"])
