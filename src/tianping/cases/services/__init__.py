"""Writes to the case record. Other contexts call these, never the models."""

from tianping.cases.services.assignment import (
    assignment_decide,
    case_assign_random,
    case_designate,
    case_reassign_request,
    eligible_candidates,
    judge_relation_declare,
    panel_set,
)
from tianping.cases.services.common import case_event_add
from tianping.cases.services.lifecycle import (
    case_archived_mark,
    case_take_effect,
    case_transition,
    case_trial_begin,
    check_transition,
)
from tianping.cases.services.links import case_create_linked
from tianping.cases.services.registration import AgentInput, PartyInput, allocate_serial, case_register
from tianping.cases.services.time_limits import (
    case_deadline_refresh,
    deadline_warnings_raise,
    extension_decide,
    extension_request,
    suspension_decide,
    suspension_end,
    suspension_request,
)

__all__ = [
    "AgentInput",
    "PartyInput",
    "allocate_serial",
    "assignment_decide",
    "case_archived_mark",
    "case_assign_random",
    "case_create_linked",
    "case_deadline_refresh",
    "case_designate",
    "case_event_add",
    "case_reassign_request",
    "case_register",
    "case_take_effect",
    "case_transition",
    "case_trial_begin",
    "check_transition",
    "deadline_warnings_raise",
    "eligible_candidates",
    "extension_decide",
    "extension_request",
    "judge_relation_declare",
    "panel_set",
    "suspension_decide",
    "suspension_end",
    "suspension_request",
]
