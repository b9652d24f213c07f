"""Reads of the hearings context."""

from tianping.hearings.selectors.online import *  # noqa: F403
from tianping.hearings.selectors.scheduling import *  # noqa: F403
