"""The permissions the review context checks. Which staff role holds them is decided in one place,
``identity.roles.ROLE_PERMISSIONS``."""

MANAGE = "grant_review.manage_review"
SCORE = "grant_review.score_application"
