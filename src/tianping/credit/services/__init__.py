"""Writes of credit discipline: the dishonest-debtor list and consumption-restriction orders."""

from tianping.credit.services.listing import *  # noqa: F403
from tianping.credit.services.restriction import *  # noqa: F403
from tianping.credit.services.rules import *  # noqa: F403
