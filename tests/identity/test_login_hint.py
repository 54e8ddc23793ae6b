"""A relying party's ``login_hint`` reaches the login page as the prefilled e-mail address."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_login_page_prefills_the_e_mail_from_login_hint(client: Client) -> None:
    html = client.get("/accounts/login/?login_hint=prime%40example.jp").content.decode()
    assert 'value="prime@example.jp"' in html


@pytest.mark.django_db
def test_login_page_without_hint_is_empty(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert 'value="prime@example.jp"' not in html
