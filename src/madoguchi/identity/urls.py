from django.urls import path

from madoguchi.identity.views import (
    applications,
    audit,
    home,
    mandates,
    members,
    review,
    sessions,
)

app_name = "identity"
urlpatterns = [
    path("identity/", home.home, name="home"),
    path("identity/mfa-required/", home.mfa_required_page, name="mfa-required"),
    path("identity/prime/apply/", applications.apply, name="apply"),
    path(
        "identity/prime/applications/", applications.application_status, name="application-status"
    ),
    path(
        "identity/prime/applications/<uuid:pk>/withdraw/",
        applications.withdraw,
        name="application-withdraw",
    ),
    path(
        "identity/prime/applications/<uuid:pk>/proof/",
        applications.proof,
        name="application-proof",
    ),
    path("identity/members/", members.members, name="members"),
    path("identity/members/<int:pk>/", members.member_detail, name="member-detail"),
    path(
        "identity/invitations/<uuid:pk>/revoke/",
        members.invitation_revoke,
        name="invitation-revoke",
    ),
    path(
        "identity/invitations/accept/<str:token>/",
        members.invitation_accept,
        name="invitation-accept",
    ),
    path("identity/mandates/", mandates.mandates, name="mandates"),
    path("identity/mandates/<uuid:pk>/revoke/", mandates.revoke, name="mandate-revoke"),
    path("identity/audit/", audit.audit_log, name="audit"),
    path("identity/sessions/<int:pk>/end/", sessions.end, name="session-end"),
    path("staff/identity/review/", review.queue, name="review-queue"),
    path("staff/identity/review/<uuid:pk>/", review.detail, name="review-detail"),
    path("staff/identity/review/<uuid:pk>/proof/", review.proof, name="review-proof"),
]
