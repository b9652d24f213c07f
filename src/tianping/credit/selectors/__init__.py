"""Reads of credit discipline. ``staff``: the court staff's reads (full ID numbers only to the
listing court's own staff)."""

from tianping.credit.selectors.public import *  # noqa: F403
from tianping.credit.selectors.staff import *  # noqa: F403
