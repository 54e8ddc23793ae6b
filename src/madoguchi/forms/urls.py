from django.urls import path

from madoguchi.forms.views import applicant, builder, inbox

app_name = "forms"
urlpatterns = [
    path("procedures/", applicant.procedure_list, name="list"),
    path("procedures/my/", applicant.my_submissions, name="my"),
    path("procedures/s/<uuid:pk>/", applicant.submission_detail, name="submission"),
    path("procedures/s/<uuid:pk>/check/", applicant.check, name="check"),
    path("procedures/s/<uuid:pk>/pdf/", applicant.submission_pdf, name="pdf"),
    path("procedures/s/<uuid:pk>/files/<uuid:file_id>/", applicant.submission_file, name="file"),
    path("procedures/s/<uuid:pk>/<slug:page_id>/", applicant.fill, name="fill"),
    path("procedures/s/<uuid:pk>/<slug:page_id>/refresh/", applicant.refresh, name="refresh"),
    path("procedures/<slug:slug>/", applicant.procedure_detail, name="procedure"),
    path("procedures/<slug:slug>/start/", applicant.procedure_start, name="start"),
    # Staff: the builder
    path("staff/forms/", builder.form_list, name="builder-list"),
    path("staff/forms/import/", builder.form_import_view, name="builder-import"),
    path("staff/forms/<uuid:pk>/", builder.form_edit, name="builder"),
    path("staff/forms/<uuid:pk>/settings/", builder.form_settings, name="builder-settings"),
    path("staff/forms/<uuid:pk>/pages/new/", builder.page_new, name="builder-page-new"),
    path("staff/forms/<uuid:pk>/pages/<slug:page_id>/", builder.page_edit, name="builder-page"),
    path(
        "staff/forms/<uuid:pk>/pages/<slug:page_id>/delete/",
        builder.page_remove,
        name="builder-page-delete",
    ),
    path(
        "staff/forms/<uuid:pk>/fields/new/<slug:page_id>/",
        builder.field_new,
        name="builder-field-new",
    ),
    path("staff/forms/<uuid:pk>/fields/<slug:name>/", builder.field_edit, name="builder-field"),
    path(
        "staff/forms/<uuid:pk>/fields/<slug:name>/delete/",
        builder.field_remove,
        name="builder-field-delete",
    ),
    path(
        "staff/forms/<uuid:pk>/fields/<slug:name>/move/",
        builder.field_reorder,
        name="builder-field-move",
    ),
    path("staff/forms/<uuid:pk>/preview/<slug:page_id>/", builder.preview, name="builder-preview"),
    path("staff/forms/<uuid:pk>/publish/", builder.publish, name="builder-publish"),
    path("staff/forms/<uuid:pk>/export/", builder.export, name="builder-export"),
    # Staff: procedures and inboxes
    path("staff/procedures/", inbox.procedure_admin_list, name="staff-procedures"),
    path("staff/procedures/new/", inbox.procedure_edit, name="staff-procedure-new"),
    path("staff/procedures/<slug:slug>/", inbox.inbox, name="inbox"),
    path(
        "staff/procedures/<slug:slug>/settings/", inbox.procedure_edit, name="staff-procedure-edit"
    ),
    path("staff/procedures/<slug:slug>/export.csv", inbox.export_csv, name="inbox-csv"),
    path("staff/procedures/<slug:slug>/export.xlsx", inbox.export_xlsx, name="inbox-xlsx"),
    path("staff/submissions/<uuid:pk>/", inbox.submission_view, name="staff-submission"),
    path("staff/submissions/<uuid:pk>/pdf/", applicant.submission_pdf, name="staff-pdf"),
]
