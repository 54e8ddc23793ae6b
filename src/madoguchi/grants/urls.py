from django.urls import path

from madoguchi.grants.views import public, staff

app_name = "grants"
urlpatterns = [
    path("", public.search, name="search"),
    path("<str:subsidy_id>/", public.detail, name="detail"),
    path("<str:subsidy_id>/documents/<int:document_id>/", public.document, name="document"),
]

staff_urlpatterns = (
    [
        path("", staff.subsidy_list, name="list"),
        path("new/", staff.subsidy_new, name="new"),
        path("<str:subsidy_id>/", staff.subsidy_preview, name="preview"),
        path("<str:subsidy_id>/edit/", staff.subsidy_edit, name="edit"),
        path("<str:subsidy_id>/publish/", staff.subsidy_publish, name="publish"),
        path("<str:subsidy_id>/withdraw/", staff.subsidy_withdraw, name="withdraw"),
        path("<str:subsidy_id>/documents/", staff.document_add, name="document-add"),
        path(
            "<str:subsidy_id>/documents/<int:document_id>/",
            staff.document_download,
            name="document",
        ),
        path(
            "<str:subsidy_id>/documents/<int:document_id>/delete/",
            staff.document_remove,
            name="document-remove",
        ),
    ],
    "grants_staff",
)
