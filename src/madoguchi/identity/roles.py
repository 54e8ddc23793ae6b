"""Staff roles, declared once: what each role may do (rights), how far each right reaches (scope:
every division, the user's own divisions, what is assigned to them, the procedure steps their group
handles), and which right each staff page and action needs.

Everything else is derived from this module:

- the Django groups and their permissions (``ensure_roles()``, after every ``migrate`` and from the
  demo; a pattern matching nothing — a context not built yet — is skipped);
- the checks: ``identity.selectors.staff_may`` and friends read ``ROLE_RIGHTS``, and
  ``identity.middleware.StaffAccessMiddleware`` refuses every staff page whose rule the user does not
  meet (a staff URL without a rule answers 404: fail closed);
- the staff menu (``STAFF_RULES`` entries with a ``menu`` label, ``portal.views.staff_home``);
- the table in docs/roles.md (``madoguchi roles_table``; a test fails when the file differs).

Staff accounts always use MFA (identity.mfa). Rights come from roles (groups) only: a permission given
to one user directly does not open a staff page. A superuser counts as an administrator.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from fnmatch import fnmatch

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from madoguchi.identity.enums import StaffRole


class Right(models.TextChoices):
    """What a staff page or action needs."""

    STAFF_HOME = "staff_home", _("職員メニューを開く")
    SUBSIDY_VIEW = "subsidy_view", _("補助金を見る")
    SUBSIDY_EDIT = "subsidy_edit", _("補助金を登録・編集・公開・公開停止する")
    APPLICATION_VIEW = "application_view", _("補助金の申請と通知書を見る")
    APPLICATION_PROCESS = "application_process", _("補助金の申請を処理する")
    STAGE_FORMS = "stage_forms", _("補助金の申請様式を設定する")
    REVIEW_VIEW = "review_view", _("審査の状況・順位表・書き出しを見る")
    REVIEW_MANAGE = "review_manage", _("審査を管理する（評価項目・予算・割当・一括決定）")
    REVIEW_SCORE = "review_score", _("割り当てられた申請を評価する")
    PROCEDURE_VIEW = "procedure_view", _("手続きの申請を見る・書き出す")
    PROCEDURE_HANDLE = "procedure_handle", _("手続きの申請の担当者を決め、メモを残す")
    PROCEDURE_DECIDE = "procedure_decide", _("手続きの申請を承認・差戻し・却下する")
    PROCEDURE_CONFIGURE = "procedure_configure", _("手続きを設定する（受付・審査の段階）")
    FORM_BUILD = "form_build", _("フォームを作成・編集・公開する")
    IDENTITY_REVIEW = "identity_review", _("本人確認（プライムの申請）を審査する")
    AUDIT_VIEW = "audit_view", _("すべての事業者の監査記録を見る")
    ADMIN_SITE = "admin_site", _("管理画面（/admin/）を使う")


class Scope(models.TextChoices):
    """How far a right reaches."""

    ALL = "all", _("すべて")
    DIVISIONS = "divisions", _("所属部署")
    ASSIGNED = "assigned", _("割当分")
    STEP = "step", _("担当段階")


@dataclasses.dataclass(frozen=True)
class RightInfo:
    """``permissions``: the Django permissions (globs) the right implies, given to the role's
    group; ``scoped``: the right is about objects a division owns (subsidies, applications,
    procedures, forms), so its scope matters."""

    permissions: tuple[str, ...] = ()
    scoped: bool = True


RIGHTS: dict[Right, RightInfo] = {
    Right.STAFF_HOME: RightInfo(scoped=False),
    Right.SUBSIDY_VIEW: RightInfo(("grants.view_*",)),
    Right.SUBSIDY_EDIT: RightInfo(("grants.add_*", "grants.change_*", "grants.delete_*")),
    Right.APPLICATION_VIEW: RightInfo(
        ("applications.view_*", "grant_review.view_notice", "registry.view_*")
    ),
    Right.APPLICATION_PROCESS: RightInfo(("applications.process_application",)),
    Right.STAGE_FORMS: RightInfo(("applications.configure_stage_forms",)),
    Right.REVIEW_VIEW: RightInfo(("grant_review.view_*",)),
    Right.REVIEW_MANAGE: RightInfo(("grant_review.manage_review",)),
    Right.REVIEW_SCORE: RightInfo(("grant_review.score_application",)),
    Right.PROCEDURE_VIEW: RightInfo(
        ("forms.view_procedure", "forms.view_submission*", "forms.view_workflowstep")
    ),
    Right.PROCEDURE_HANDLE: RightInfo(("forms.change_submission",)),
    Right.PROCEDURE_DECIDE: RightInfo(),
    Right.PROCEDURE_CONFIGURE: RightInfo(("forms.*_procedure", "forms.*_workflowstep")),
    Right.FORM_BUILD: RightInfo(("forms.*_form", "forms.*_formversion")),
    Right.IDENTITY_REVIEW: RightInfo(
        (
            "identity.view_verificationrequest",
            "identity.review_verificationrequest",
            "identity.view_organisation",
            "registry.view_*",
        ),
        scoped=False,
    ),
    Right.AUDIT_VIEW: RightInfo(("core.view_auditevent",), scoped=False),
    Right.ADMIN_SITE: RightInfo(("*.*",), scoped=False),
}

# Staff in a group that is not a role group: the groups that handle procedure approval steps
# (forms.WorkflowStep.group, e.g. 手続き審査（担当課）). Not a role of its own, but a column of the table.
STEP_HANDLER = "step_handler"
STEP_HANDLER_LABEL = _("手続きの段階担当（グループ）")

A, D = Scope.ALL, Scope.DIVISIONS

ROLE_RIGHTS: dict[str, dict[Right, Scope]] = {
    StaffRole.ADMINISTRATOR: {
        **{right: A for right in Right if right != Right.REVIEW_SCORE},
    },
    StaffRole.PROGRAMME_OFFICER: {
        Right.STAFF_HOME: A,
        Right.SUBSIDY_VIEW: D,
        Right.SUBSIDY_EDIT: D,
        Right.APPLICATION_VIEW: D,
        Right.APPLICATION_PROCESS: D,
        Right.STAGE_FORMS: D,
        Right.REVIEW_VIEW: D,
        Right.REVIEW_MANAGE: D,
        Right.PROCEDURE_VIEW: D,
        Right.PROCEDURE_HANDLE: D,
    },
    # Scores only what is assigned; reads an application only through its assignment.
    StaffRole.REVIEWER: {Right.STAFF_HOME: A, Right.REVIEW_SCORE: Scope.ASSIGNED},
    StaffRole.PROCEDURE_BUILDER: {
        Right.STAFF_HOME: A,
        Right.FORM_BUILD: D,
        Right.PROCEDURE_CONFIGURE: D,
    },
    StaffRole.ANALYST: {
        Right.STAFF_HOME: A,
        Right.SUBSIDY_VIEW: A,
        Right.APPLICATION_VIEW: A,
        Right.REVIEW_VIEW: A,
        Right.PROCEDURE_VIEW: A,
    },
    StaffRole.IDENTITY_REVIEWER: {Right.STAFF_HOME: A, Right.IDENTITY_REVIEW: A},
    STEP_HANDLER: {
        Right.STAFF_HOME: A,
        Right.PROCEDURE_VIEW: Scope.STEP,
        Right.PROCEDURE_HANDLE: Scope.STEP,
        Right.PROCEDURE_DECIDE: Scope.STEP,
    },
}

ROLE_LABELS: dict[str, Promise | str] = {
    **{role.value: role.label for role in StaffRole},
    STEP_HANDLER: STEP_HANDLER_LABEL,
}


def role_permissions(role: str) -> tuple[str, ...]:
    """The Django permission globs of a role's group: those of every right it holds."""
    patterns: list[str] = []
    for right in ROLE_RIGHTS[role]:
        for pattern in RIGHTS[right].permissions:
            if pattern not in patterns:
                patterns.append(pattern)
    return tuple(patterns)


# --- staff pages and actions --------------------------------------------------------------------

# URL prefixes of the staff area: every pattern under them needs a rule (tests/urlwalk.py).
STAFF_PREFIXES = ("staff/", "admin/")


@dataclasses.dataclass(frozen=True)
class PostAction:
    """One of several actions a page's form posts (its ``action`` field), each with its right."""

    right: Right
    label: Promise | str


@dataclasses.dataclass(frozen=True)
class StaffRule:
    """What a staff page needs. ``name`` is the URL name (``namespace:name``; ``namespace:*`` covers
    every page of a namespace without a rule of its own). ``get``: the right to open it (several:
    any of them), None: not a page (GET answers 405). ``post``: the right to send its form, or by
    the posted ``action`` field. ``menu``: its label in the staff menu. ``public``: part of the
    staff area that anyone may open (the admin's login). ``gated`` False: a page business users
    use too; the middleware leaves it alone and the view checks the right for staff. ``download``:
    a stored file (issue 10: private files) — whoever the rule refuses, anonymous visitors and
    staff without the right included, gets 404, never a login page or a 403 that would confirm it."""

    name: str
    label: Promise | str
    get: Right | tuple[Right, ...] | None = None
    post: Right | Mapping[str, PostAction] | None = None
    menu: Promise | str | None = None
    public: bool = False
    gated: bool = True
    download: bool = False

    def rights_for(self, method: str, action: str | None = None) -> tuple[Right, ...] | None:
        """Rights (any of) a request needs; None when the method is not allowed here; an empty
        tuple when the posted action is unknown."""
        if method in ("GET", "HEAD"):
            if self.get is None:
                return None
            return self.get if isinstance(self.get, tuple) else (self.get,)
        if method == "POST":
            if self.post is None:
                return None
            if isinstance(self.post, Right):
                return (self.post,)
            chosen = self.post.get(action or "")
            return (chosen.right,) if chosen is not None else ()
        return None


SE, SV = Right.SUBSIDY_EDIT, Right.SUBSIDY_VIEW
AV, AP = Right.APPLICATION_VIEW, Right.APPLICATION_PROCESS
RV, RM, RS = Right.REVIEW_VIEW, Right.REVIEW_MANAGE, Right.REVIEW_SCORE
PV, PC, FB = Right.PROCEDURE_VIEW, Right.PROCEDURE_CONFIGURE, Right.FORM_BUILD
IR, AD = Right.IDENTITY_REVIEW, Right.ADMIN_SITE

STAFF_RULES: tuple[StaffRule, ...] = (
    StaffRule("portal:staff-home", _("職員メニュー"), get=Right.STAFF_HOME),
    # grants: the catalogue
    StaffRule("grants_staff:list", _("補助金の一覧"), get=SV, menu=_("補助金の管理")),
    StaffRule("grants_staff:new", _("補助金の登録"), get=SE, post=SE),
    StaffRule("grants_staff:preview", _("補助金の確認画面"), get=SV),
    StaffRule("grants_staff:edit", _("補助金の編集"), get=SE, post=SE),
    StaffRule("grants_staff:publish", _("補助金の公開"), post=SE),
    StaffRule("grants_staff:withdraw", _("補助金の公開停止"), post=SE),
    StaffRule("grants_staff:document-add", _("補助金の資料の登録"), post=SE),
    StaffRule("grants_staff:document", _("補助金の資料のダウンロード"), get=SV, download=True),
    StaffRule("grants_staff:document-remove", _("補助金の資料の削除"), post=SE),
    # grants: applications
    StaffRule(
        "applications_staff:subsidies",
        _("申請を受け付けた補助金の一覧"),
        get=AV,
        menu=_("補助金の申請の処理"),
    ),
    StaffRule("applications_staff:list", _("補助金ごとの申請の一覧"), get=AV),
    StaffRule(
        "applications_staff:stage-forms",
        _("申請様式の設定"),
        get=Right.STAGE_FORMS,
        post=Right.STAGE_FORMS,
    ),
    StaffRule("applications_staff:detail", _("申請の詳細"), get=AV),
    StaffRule(
        "applications_staff:action",
        _("申請の処理（差戻し・審査開始・採否・交付決定・計画変更・額の確定・支払）"),
        post=AP,
    ),
    StaffRule("applications_staff:file", _("申請の添付ファイル"), get=AV, download=True),
    # grants: review
    StaffRule(
        "grant_review_staff:index",
        _("審査する補助金の一覧"),
        get=RV,
        menu=_("審査と採否（割当・順位・一括決定・状況・書き出し）"),
    ),
    StaffRule(
        "grant_review_staff:queue", _("自分の審査の一覧"), get=RS, menu=_("自分の審査（審査員）")
    ),
    StaffRule("grant_review_staff:score", _("申請の評価"), get=RS, post=RS),
    StaffRule("grant_review_staff:conflict", _("利益相反の申告"), post=RS),
    StaffRule("grant_review_staff:notice", _("通知書のダウンロード"), get=AV, download=True),
    StaffRule("grant_review_staff:notice-retry", _("通知書の作成のやり直し"), post=RM),
    StaffRule("grant_review_staff:overview", _("審査の状況"), get=RV),
    StaffRule("grant_review_staff:setup", _("評価項目と予算"), get=RM, post=RM),
    StaffRule("grant_review_staff:assign", _("審査員の割当と審査の開始"), get=RM, post=RM),
    StaffRule("grant_review_staff:ranking", _("順位表と一括決定"), get=RV, post=RM),
    StaffRule("grant_review_staff:export", _("申請一覧・交付実績の書き出し"), get=RV),
    # forms: the builder
    StaffRule(
        "forms:builder-list",
        _("フォームの一覧と新規作成"),
        get=FB,
        post=FB,
        menu=_("フォームの作成（手続きビルダー）"),
    ),
    StaffRule("forms:builder-import", _("フォームの読み込み"), post=FB),
    StaffRule("forms:builder", _("フォームの編集画面"), get=FB),
    StaffRule("forms:builder-settings", _("フォームの名称と説明"), post=FB),
    StaffRule("forms:builder-page-new", _("ページの追加"), post=FB),
    StaffRule("forms:builder-page", _("ページの変更"), post=FB),
    StaffRule("forms:builder-page-delete", _("ページの削除"), post=FB),
    StaffRule("forms:builder-field-new", _("質問の追加"), get=FB, post=FB),
    StaffRule("forms:builder-field", _("質問の編集"), get=FB, post=FB),
    StaffRule("forms:builder-field-delete", _("質問の削除"), post=FB),
    StaffRule("forms:builder-field-move", _("質問の並べ替え"), post=FB),
    StaffRule("forms:builder-preview", _("フォームのプレビュー"), get=FB, post=FB),
    StaffRule("forms:builder-publish", _("フォームの公開"), post=FB),
    StaffRule("forms:builder-export", _("フォームの書き出し"), get=FB),
    # forms: procedures and inboxes
    StaffRule(
        "forms:staff-procedures",
        _("手続きの一覧"),
        get=(PV, PC),
        menu=_("手続きの受付（審査・書き出し）"),
    ),
    StaffRule("forms:staff-procedure-new", _("手続きの新規作成"), get=PC, post=PC),
    StaffRule("forms:staff-procedure-edit", _("手続きの設定と審査の段階"), get=PC, post=PC),
    StaffRule("forms:inbox", _("手続きの受付箱"), get=PV),
    StaffRule("forms:inbox-csv", _("受付箱の書き出し（CSV）"), get=PV),
    StaffRule("forms:inbox-xlsx", _("受付箱の書き出し（Excel）"), get=PV),
    StaffRule(
        "forms:staff-submission",
        _("手続きの申請"),
        get=PV,
        post={
            "decide": PostAction(Right.PROCEDURE_DECIDE, _("承認・差戻し・却下")),
            "assign": PostAction(Right.PROCEDURE_HANDLE, _("担当者の変更")),
            "comment": PostAction(Right.PROCEDURE_HANDLE, _("メモの追加")),
        },
    ),
    StaffRule("forms:staff-pdf", _("手続きの申請の控え（PDF）"), get=PV, download=True),
    # identity
    StaffRule("identity:review-queue", _("本人確認の審査の一覧"), get=IR, menu=_("本人確認の審査")),
    StaffRule("identity:review-detail", _("本人確認の審査（承認・却下）"), get=IR, post=IR),
    StaffRule("identity:review-proof", _("本人確認の証明書"), get=IR, download=True),
    StaffRule(
        "identity:audit",
        _("監査記録（すべての事業者）"),
        get=Right.AUDIT_VIEW,
        menu=_("認証の監査記録"),
        gated=False,
    ),
    # the admin: administrators only
    StaffRule("admin:index", _("管理画面"), get=AD, menu=_("管理画面（全記録）")),
    StaffRule(
        "admin:identity_division_changelist",
        _("部署と所属職員"),
        get=AD,
        menu=_("部署と所属職員"),
    ),
    StaffRule(
        "admin:oidc_relyingparty_changelist",
        _("連携サービス（RP）"),
        get=AD,
        menu=_("連携サービス（RP）の登録"),
    ),
    StaffRule("admin:*", _("管理画面のその他のページ"), get=AD, post=AD),
    StaffRule("admin:login", _("管理画面のログイン"), get=AD, post=AD, public=True),
    StaffRule("admin:logout", _("管理画面のログアウト"), post=AD, public=True),
)

RULES_BY_NAME: dict[str, StaffRule] = {rule.name: rule for rule in STAFF_RULES}


def rule_for(view_name: str, namespace: str) -> StaffRule | None:
    """The rule of a resolved URL: its own, else its namespace's ``namespace:*``."""
    rule = RULES_BY_NAME.get(view_name)
    if rule is None and namespace:
        rule = RULES_BY_NAME.get(f"{namespace}:*")
    return rule


def is_staff_path(path: str) -> bool:
    return path.lstrip("/").startswith(STAFF_PREFIXES)


# --- groups -------------------------------------------------------------------------------------


def _matches(permission: Permission, patterns: tuple[str, ...]) -> bool:
    name = f"{permission.content_type.app_label}.{permission.codename}"
    return any(fnmatch(name, pattern) for pattern in patterns)


@transaction.atomic
def ensure_roles() -> list[Group]:
    """One group per StaffRole, holding exactly the permissions of the role's rights."""
    permissions = list(Permission.objects.select_related("content_type"))
    groups = []
    for role in StaffRole:
        patterns = role_permissions(role)
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = {p.pk for p in permissions if _matches(p, patterns)}
        current = set(group.permissions.values_list("pk", flat=True))
        if wanted != current:
            group.permissions.set(wanted)
        groups.append(group)
    return groups
