"""Writes of the hearings context: scheduling, online hearings and transcripts."""

from tianping.hearings.services.online import *  # noqa: F403
from tianping.hearings.services.scheduling import *  # noqa: F403
from tianping.hearings.services.transcripts import *  # noqa: F403
