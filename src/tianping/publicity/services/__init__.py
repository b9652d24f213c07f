"""Writes of the openness context: the judgment publication pipeline."""

from tianping.publicity.services.publication import *  # noqa: F403
