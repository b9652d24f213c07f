"""Writes of the filing context (网上立案 and 立案审查). Other contexts call these, never the models."""

from tianping.filing.services.common import REVIEW_ROLES, may_review
from tianping.filing.services.drafts import (
    AgentData,
    Gap,
    PartyData,
    completeness_gaps,
    filing_attachment_add,
    filing_attachment_delete,
    filing_create,
    filing_resubmit,
    filing_send,
    filing_submit,
    filing_update,
    filing_withdraw,
)
from tianping.filing.services.review import (
    filing_fee_quote,
    filing_register,
    filing_reject,
    filing_request_supplement,
    filings_flag_register_first,
    proposed_division,
)

__all__ = [
    "REVIEW_ROLES",
    "AgentData",
    "Gap",
    "PartyData",
    "completeness_gaps",
    "filing_attachment_add",
    "filing_attachment_delete",
    "filing_create",
    "filing_fee_quote",
    "filing_register",
    "filing_reject",
    "filing_request_supplement",
    "filing_resubmit",
    "filing_send",
    "filing_submit",
    "filing_update",
    "filing_withdraw",
    "filings_flag_register_first",
    "may_review",
    "proposed_division",
]
