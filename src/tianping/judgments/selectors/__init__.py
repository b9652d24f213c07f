"""Reads of the judgments context."""

from tianping.judgments.selectors.drafting import *  # noqa: F403
from tianping.judgments.selectors.effect import *  # noqa: F403
