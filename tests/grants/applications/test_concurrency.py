"""Many submissions racing the deadline on PostgreSQL: each is accepted or refused, none is lost or
duplicated; double clicks from many threads make one submission."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import timezone

from madoguchi.grants.applications import services
from madoguchi.grants.applications.enums import ApplicationErrorCode, ApplicationStatus
from madoguchi.grants.applications.errors import ApplicationError
from madoguchi.grants.applications.models import Application
from madoguchi.grants.models import Subsidy
from madoguchi.identity.enums import AccountType
from tests.grants.applications.conftest import make_org, make_user

S = ApplicationStatus
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write: the race needs PostgreSQL (DATABASE_URL=postgres://…)",
    ),
]

THREADS = 40


def _run(workers: list[threading.Thread]) -> None:
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)


def test_submissions_racing_the_deadline(make_draft: Any, subsidy: Subsidy) -> None:
    applicants = [
        make_user(f"p{i}@example.jp", make_org(f"株式会社締切{i}"), AccountType.PRIME)
        for i in range(THREADS)
    ]
    drafts = [make_draft(user) for user in applicants]
    # The deadline falls in the middle of the burst.
    deadline = timezone.now() + dt.timedelta(milliseconds=400)
    Subsidy.objects.filter(pk=subsidy.pk).update(acceptance_end_datetime=deadline)
    barrier = threading.Barrier(THREADS)
    outcomes: dict[str, str] = {}
    replies: dict[str, dt.datetime] = {}

    def submit(index: int) -> None:
        try:
            barrier.wait()
            # Spread the burst over ~800 ms around the deadline.
            threading.Event().wait(index * 0.02)
            sent = timezone.now()
            try:
                services.application_submit(actor=applicants[index], application=drafts[index])
                outcomes[str(drafts[index].pk)] = "accepted"
            except ApplicationError as error:
                outcomes[str(drafts[index].pk)] = error.code
            replies[str(drafts[index].pk)] = sent
        finally:
            connections.close_all()

    _run([threading.Thread(target=submit, args=(i,)) for i in range(THREADS)])
    assert len(outcomes) == THREADS, "a request got no answer"
    assert set(outcomes.values()) <= {"accepted", ApplicationErrorCode.WINDOW_CLOSED}
    accepted = {pk for pk, outcome in outcomes.items() if outcome == "accepted"}
    assert 0 < len(accepted) < THREADS, "the burst should straddle the deadline"
    stored = {str(a.pk): a for a in Application.objects.filter(subsidy=subsidy)}
    submitted = {pk for pk, a in stored.items() if a.status == S.SUBMITTED}
    assert submitted == accepted  # none lost, none extra
    for pk in accepted:
        assert stored[pk].submitted_at <= deadline
        assert stored[pk].events.filter(action="submit").count() == 1
    for pk in set(outcomes) - accepted:
        assert stored[pk].status == S.DRAFT and stored[pk].receipt_number is None
        assert replies[pk] > deadline - dt.timedelta(milliseconds=200)  # refused ones were late
    numbers = [stored[pk].receipt_number for pk in accepted]
    assert len(set(numbers)) == len(numbers)


def test_double_clicks_from_many_threads_make_one_submission(
    make_draft: Any, prime: Any, member: Any, subsidy: Subsidy
) -> None:
    application = make_draft(prime)
    rival = make_draft(member)  # same business: only one of the two may hold the place
    barrier = threading.Barrier(10)
    results: list[str] = []

    def click(target: Application, actor: Any) -> None:
        try:
            barrier.wait()
            try:
                done = services.application_submit(actor=actor, application=target)
                results.append(done.receipt_number or "")
            except ApplicationError as error:
                results.append(str(error.code))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=click, args=(application, prime)) for _ in range(8)]
    workers += [threading.Thread(target=click, args=(rival, member)) for _ in range(2)]
    _run(workers)
    assert len(results) == 10
    holders = Application.objects.filter(subsidy=subsidy, status=S.SUBMITTED)
    assert holders.count() == 1
    holder = holders.get()
    assert holder.events.filter(action="submit").count() == 1
    assert results.count(holder.receipt_number) == (8 if holder.pk == application.pk else 2)
    assert set(results) - {holder.receipt_number} <= {ApplicationErrorCode.DUPLICATE}
