"""Writes of the judgments context: drafting and issuing, effectiveness, archiving."""

from tianping.judgments.services.archiving import *  # noqa: F403
from tianping.judgments.services.drafting import *  # noqa: F403
from tianping.judgments.services.effect import *  # noqa: F403
