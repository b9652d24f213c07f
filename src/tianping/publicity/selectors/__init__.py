"""Reads of the openness context: published judgments and trial-process disclosure."""

from tianping.publicity.selectors.enforcement import *  # noqa: F403
from tianping.publicity.selectors.portal import *  # noqa: F403
from tianping.publicity.selectors.process import *  # noqa: F403
from tianping.publicity.selectors.publication import *  # noqa: F403
