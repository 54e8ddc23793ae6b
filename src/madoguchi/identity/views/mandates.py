"""委任: the Prime's mandates given (grant, revoke) and received."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from madoguchi.core.errors import MadoguchiError
from madoguchi.identity import selectors
from madoguchi.identity.enums import Service
from madoguchi.identity.forms import MandateForm, add_domain_error
from madoguchi.identity.models import Mandate
from madoguchi.identity.services.mandates import mandate_grant, mandate_revoke
from madoguchi.identity.views._access import (
    AuthenticatedRequest,
    own_organisation,
    prime_required,
)


@prime_required
def mandates(request: AuthenticatedRequest) -> HttpResponse:
    organisation = own_organisation(request)
    form = MandateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mandate_grant(prime=request.user, request=request, **form.cleaned_data)
        except MadoguchiError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "委任を登録しました。")
            return redirect("identity:mandates")
    return render(
        request,
        "identity/mandates.html",
        {
            "given": selectors.mandates_given(organisation),
            "received": selectors.mandates_received(organisation),
            "active_ids": {m.pk for m in selectors.active_mandates_for(organisation)},
            "form": form,
            "service_labels": dict(Service.choices),
        },
    )


@prime_required
@require_POST
def revoke(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    mandate = get_object_or_404(Mandate, pk=pk, principal=own_organisation(request))
    try:
        mandate_revoke(prime=request.user, mandate=mandate, request=request)
    except MadoguchiError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, "委任を取り消しました。委任先はただちにこの事業者として操作できなくなります。"
        )
    return redirect("identity:mandates")
