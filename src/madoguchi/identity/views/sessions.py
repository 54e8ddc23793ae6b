from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from madoguchi.identity.services.accounts import session_end
from madoguchi.identity.views._access import AuthenticatedRequest


@login_required
@require_POST
def end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """End one of the user's own sessions (another browser); only the owner reaches it."""
    session = get_object_or_404(UserSession, pk=pk, user=request.user)
    session_end(user=request.user, session=session, request=request)
    messages.success(request, "その端末をログアウトさせました。")
    return redirect("usersessions_list")
