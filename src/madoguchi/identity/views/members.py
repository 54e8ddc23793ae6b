"""The Prime's members page: invite, choose services, suspend or remove; members' last logins."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from madoguchi.core.errors import MadoguchiError
from madoguchi.identity import selectors
from madoguchi.identity.enums import AccountStatus, AccountType, Service
from madoguchi.identity.forms import (
    InvitationAcceptForm,
    InvitationForm,
    MemberServicesForm,
    add_domain_error,
)
from madoguchi.identity.models import Invitation, User
from madoguchi.identity.services import members as member_services
from madoguchi.identity.views._access import (
    AuthenticatedRequest,
    own_organisation,
    prime_required,
)


@prime_required
def members(request: AuthenticatedRequest) -> HttpResponse:
    organisation = own_organisation(request)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member_services.member_invite(prime=request.user, request=request, **form.cleaned_data)
        except MadoguchiError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['email']} に招待のメールを送りました。")
            return redirect("identity:members")
    return render(
        request,
        "identity/members.html",
        {
            "members": selectors.members_of(organisation),
            "invitations": selectors.open_invitations_of(organisation),
            "form": form,
            "service_labels": dict(Service.choices),
        },
    )


@prime_required
def member_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        User,
        pk=pk,
        organisation=own_organisation(request),
        account_type=AccountType.MEMBER,
    )
    form = MemberServicesForm(request.POST or None, initial={"services": member.services})
    if request.method == "POST":
        action = request.POST.get("action", "services")
        try:
            if action in (AccountStatus.SUSPENDED, AccountStatus.ACTIVE, AccountStatus.REMOVED):
                member_services.member_status_set(
                    prime=request.user, member=member, status=action, request=request
                )
                messages.success(request, "メンバーの利用状態を変更しました。")
                return redirect("identity:members")
            if form.is_valid():
                member_services.member_services_set(
                    prime=request.user,
                    member=member,
                    services=form.cleaned_data["services"],
                    request=request,
                )
                messages.success(request, "利用できるサービスを変更しました。")
                return redirect("identity:members")
        except MadoguchiError as error:
            add_domain_error(form, error)
    return render(request, "identity/member_detail.html", {"member": member, "form": form})


@prime_required
@require_POST
def invitation_revoke(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk, organisation=own_organisation(request))
    member_services.invitation_revoke(prime=request.user, invitation=invitation, request=request)
    messages.success(request, "招待を取り消しました。")
    return redirect("identity:members")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invited employee sets a name and password; MFA (TOTP) follows at the first login."""
    try:
        invitation = member_services.invitation_for_token(token)
    except MadoguchiError as error:
        return render(
            request, "identity/invitation_invalid.html", {"reason": error.message}, status=410
        )
    form = InvitationAcceptForm(
        request.POST or None,
        email=invitation.email,
        initial={"last_name": invitation.last_name, "first_name": invitation.first_name},
    )
    if request.method == "POST" and form.is_valid():
        if request.user.is_authenticated:
            logout(request)
        try:
            member_services.invitation_accept(
                token=token,
                password=form.cleaned_data["password1"],
                last_name=form.cleaned_data["last_name"],
                first_name=form.cleaned_data["first_name"],
                request=request,
            )
        except MadoguchiError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                "メンバーアカウントを作りました。ログインすると、認証アプリ（二要素認証）の設定に進みます。",
            )
            return redirect("account_login")
    return render(
        request, "identity/invitation_accept.html", {"invitation": invitation, "form": form}
    )
