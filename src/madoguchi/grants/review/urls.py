from django.urls import path

from madoguchi.grants.review.views import applicant, officer, reviewer

app_name = "grant_review"
urlpatterns = [
    path("", applicant.notice_list, name="notices"),
    path("<int:notice_id>/", applicant.notice_download, name="notice"),
]

staff_urlpatterns = (
    [
        path("", officer.index, name="index"),
        path("mine/", reviewer.queue, name="queue"),
        path("mine/<int:assignment_id>/", reviewer.score, name="score"),
        path("mine/<int:assignment_id>/conflict/", reviewer.declare_conflict, name="conflict"),
        path("notices/<int:notice_id>/", officer.staff_notice_download, name="notice"),
        path("notices/<int:notice_id>/retry/", officer.notice_retry, name="notice-retry"),
        path("<str:subsidy_id>/", officer.overview, name="overview"),
        path("<str:subsidy_id>/setup/", officer.setup, name="setup"),
        path("<str:subsidy_id>/assign/", officer.assign, name="assign"),
        path("<str:subsidy_id>/ranking/", officer.ranked, name="ranking"),
        path("<str:subsidy_id>/export/<str:what>.<str:fmt>", officer.export, name="export"),
    ],
    "grant_review_staff",
)
