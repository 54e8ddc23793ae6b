"""The identity context's error codes (one error shape: core.errors.MadoguchiError)."""

from enum import StrEnum

from madoguchi.core.errors import MadoguchiError


class IdentityErrorCode(StrEnum):
    CORPORATE_NUMBER_INVALID = "corporate_number_invalid"
    CORPORATION_UNKNOWN = "corporation_unknown"
    CORPORATION_CLOSED = "corporation_closed"
    ORGANISATION_TAKEN = "organisation_taken"
    PROOF_TYPE = "proof_type"
    PROOF_SIZE = "proof_size"
    PROOF_EMPTY = "proof_empty"
    APPLICATION_PENDING = "application_pending"
    NOT_ALLOWED = "not_allowed"
    WRONG_STATE = "wrong_state"
    INVITATION_INVALID = "invitation_invalid"
    INVITATION_EXPIRED = "invitation_expired"
    EMAIL_TAKEN = "email_taken"
    MANDATE_INVALID = "mandate_invalid"
    REASON_REQUIRED = "reason_required"


class IdentityError(MadoguchiError):
    code: IdentityErrorCode
