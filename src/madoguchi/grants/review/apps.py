from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "madoguchi.grants.review"
    label = "grant_review"
    verbose_name = "補助金の審査と採否"
