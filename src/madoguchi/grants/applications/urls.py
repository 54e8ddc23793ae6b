from django.urls import path

from madoguchi.grants.applications.views import applicant, files, staff

app_name = "applications"
urlpatterns = [
    path("", applicant.my_list, name="my"),
    path("new/<str:subsidy_id>/", applicant.start, name="start"),
    path("<uuid:pk>/", applicant.detail, name="detail"),
    path("<uuid:pk>/basics/", applicant.basics, name="basics"),
    path("<uuid:pk>/withdraw/", applicant.withdraw, name="withdraw"),
    path("<uuid:pk>/stages/<str:stage>/", applicant.stage_start, name="stage"),
    path("<uuid:pk>/stages/<str:stage>/check/", applicant.check, name="check"),
    path("<uuid:pk>/stages/<str:stage>/pages/<str:page_id>/", applicant.fill, name="fill"),
    path("<uuid:pk>/files/<uuid:file_id>/", files.file, name="file"),
    path("<uuid:pk>/notices/<str:notice_id>/", files.notice, name="notice"),
]

staff_urlpatterns = (
    [
        path("", staff.subsidy_list, name="subsidies"),
        path("subsidies/<str:subsidy_id>/", staff.application_list, name="list"),
        path("subsidies/<str:subsidy_id>/forms/", staff.stage_forms, name="stage-forms"),
        path("<uuid:pk>/", staff.application_detail, name="detail"),
        path("<uuid:pk>/actions/<str:action>/", staff.application_action, name="action"),
        path("<uuid:pk>/files/<uuid:file_id>/", files.file, name="file"),
    ],
    "applications_staff",
)
