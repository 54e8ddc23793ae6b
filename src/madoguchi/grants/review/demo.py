"""Review demo (README, "Review and decisions"): weighted criteria and a budget for the subsidy of
the applications demo, a reviewer (審査員) login, three more businesses whose applications are under
review — two scored by the reviewer, one waiting — and the rendered notices of the applications demo
(at least one 採択通知). Made through the services; loading twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.models import Group
from django.utils import timezone

from madoguchi.grants.applications import services as lifecycle
from madoguchi.grants.applications.enums import ApplicationStatus, Stage
from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.services.save_draft import stage_data_open
from madoguchi.grants.models import Subsidy
from madoguchi.grants.review import services, tasks
from madoguchi.grants.review.enums import NoticeStatus
from madoguchi.grants.review.models import Assignment, Criterion, Notice, ReviewSetting
from madoguchi.identity.enums import AccountType, StaffRole
from madoguchi.identity.models import User
from madoguchi.identity.roles import ensure_roles

GRANT_REVIEWER_EMAIL = "grant-reviewer@madoguchi.example"
GRANT_REVIEWER_TOTP_SECRET = "MADOGUCHIDEMOGRANTREVIEWER234567"  # noqa: S105 - published (README)
DEMO_BUDGET_ROOM = 3_000_000
CRITERIA = [
    ("事業の新規性・独自性", "既存の取組と比べた新しさ、他社にない強み", 3, 5),
    ("計画の実現可能性", "体制・資金・スケジュールが現実的か", 2, 10),
    ("費用対効果", "経費が目的に見合い、効果が具体的か", 2, 5),
    ("政策目的への貢献", "賃上げ・地域経済・脱炭素などへの波及", 1, 5),
]
# (registry offset, representative, project title, requested amount, scores or None = waiting)
BUSINESSES = [
    (3, ("青葉", "健太"), "工場の自動化ラインの導入", 1_800_000, [5, 9, 4, 4]),
    (4, ("桜井", "美咲"), "観光客向け多言語予約サイトの構築", 1_200_000, [3, 6, 3, 5]),
    (5, ("松本", "大輔"), "地元食材を使った新商品の開発", 1_500_000, None),
]


def _subsidy() -> Subsidy | None:
    demo = (
        Application.objects.filter(idempotency_key="demo-submitted")
        .select_related("subsidy")
        .first()
    )
    return demo.subsidy if demo else None


def _fill(application: Application, prime: User) -> None:
    from madoguchi.grants.applications.demo import DEMO_DATA

    current = stage_data_open(application, Stage.APPLICATION, actor=prime)
    lifecycle.application_save_draft(
        actor=prime, application=application, data={**current.data, **DEMO_DATA[Stage.APPLICATION]}
    )


def load() -> Iterator[str]:
    from madoguchi.identity.demo import (
        _open_corporations,
        _totp,
        _user,
        _verified_org,
        division_officer,
    )

    ensure_roles()
    administrator = User.objects.filter(username="staff", is_superuser=True).first()
    subsidy = _subsidy()
    if administrator is None or subsidy is None:
        yield "審査のデモ: 職員のデモログインまたは申請のデモがないため省略しました。"
        return
    officer = division_officer(subsidy.division_id) or administrator
    reviewer = _user(GRANT_REVIEWER_EMAIL, is_staff=True, last_name="審査", first_name="七海")
    reviewer.groups.add(Group.objects.get(name=StaffRole.REVIEWER))
    _totp(reviewer, GRANT_REVIEWER_TOTP_SECRET)
    reviewer = User.objects.get(pk=reviewer.pk)

    if not Criterion.objects.filter(subsidy=subsidy).exists():
        services.criteria_set(
            actor=officer,
            subsidy=subsidy,
            criteria=[
                services.CriterionInput(name=n, description=d, weight=w, max_score=m)
                for n, d, w, m in CRITERIA
            ],
        )
    if not ReviewSetting.objects.filter(subsidy=subsidy, round=None).exists():
        # Room for the two scored applications on top of what the applications demo adopted, so
        # the ranked table shows where the budget runs out (at the third).
        committed = sum(
            a or 0
            for a in Application.objects.filter(
                subsidy=subsidy, adopted_amount__isnull=False
            ).values_list("adopted_amount", flat=True)
        )
        services.review_setting_set(
            actor=officer,
            subsidy=subsidy,
            budget=committed + DEMO_BUDGET_ROOM,
            issuer=subsidy.institution_name or "補助金事務局",
        )
    corporations = _open_corporations(max(offset for offset, *_ in BUSINESSES) + 1)
    if not Assignment.objects.filter(reviewer=reviewer).exists():
        criteria = list(Criterion.objects.filter(subsidy=subsidy).order_by("position"))
        for offset, rep, title, amount, scores in BUSINESSES:
            if offset >= len(corporations):
                break
            organisation = _verified_org(corporations[offset], (*rep, "", ""))
            prime = _user(
                f"review-applicant{offset}@madoguchi.example",
                organisation=organisation,
                account_type=AccountType.PRIME,
                last_name=rep[0],
                first_name=rep[1],
            )
            application = lifecycle.application_draft_create(
                actor=prime,
                subsidy=subsidy,
                project_title=title,
                requested_amount=min(amount, subsidy.subsidy_max_limit or amount),
                idempotency_key=f"review-demo-{offset}",
            )
            if application.status == ApplicationStatus.DRAFT:
                _fill(application, prime)
                application = lifecycle.application_submit(actor=prime, application=application)
                application = lifecycle.application_review_start(
                    actor=officer, application=application
                )
            assignment = services.reviewer_assign(
                actor=officer, application=application, reviewer=reviewer
            )
            if scores is not None:
                services.score_submit(
                    actor=reviewer,
                    assignment=assignment,
                    scores={
                        c.pk: (v, f"{c.name}: 計画書の記載から評価しました。")
                        for c, v in zip(criteria, scores, strict=True)
                    },
                    comment="全体として具体的な計画です。",
                    finalise=True,
                )
    # The notices of the applications demo, rendered now if the background work has not yet, and
    # again if an earlier version wrote them without the Japanese font.
    rendered = 0
    for notice in Notice.objects.exclude(status=NoticeStatus.READY):
        tasks.notice_render(notice.pk)
        rendered += 1
    rendered += tasks.notices_render_stale()
    ready = Notice.objects.filter(status=NoticeStatus.READY).count()
    yield (
        f"審査のデモ: {subsidy.title} に評価項目{len(CRITERIA)}個と予算、"
        f"審査中の申請{Assignment.objects.filter(reviewer=reviewer).count()}件（審査員 {GRANT_REVIEWER_EMAIL}、パスワードは事業者認証のデモと同じ）、"
        f"作成済みの通知書{ready}件（今回作成 {rendered} 件、{timezone.localdate():%Y-%m-%d}）"
    )
