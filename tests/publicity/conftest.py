"""Publicity fixtures: the electronic-service world (a 民初 case at 朝阳 with three parties) reused."""

from tests.delivery.conftest import huey_immediate, media, register, world  # noqa: F401  (fixtures)
from tests.publicity.enforcement_world import enforcement_world  # noqa: F401  (fixture)
