"""Real-name identity verification behind a small interface.

Courts verify a litigant's name and ID number against the public-security population
database (or a licensed face-verification service). Those sit outside the platform, so the
check is an interface: ``TIANPING_IDENTITY_VERIFIER`` names the class to use. The local
implementation accepts every well-formed, checksum-valid ID number, which is what a court
running on one machine can honestly check by itself.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from tianping.core import clock
from tianping.core.validators import parse_id_number


@dataclasses.dataclass(frozen=True)
class IdentityCheck:
    verified: bool
    method: str
    reason: str = ""


class IdentityVerifier(Protocol):
    def verify(self, *, real_name: str, id_number: str) -> IdentityCheck: ...


class LocalIdentityVerifier:
    """Format, region, birth date and MOD 11-2 check character; no outside database."""

    method = "local-checksum"

    def verify(self, *, real_name: str, id_number: str) -> IdentityCheck:
        parse_id_number(id_number, today=clock.today())
        if not 2 <= len(real_name.strip()) <= 30:
            return IdentityCheck(False, self.method, "姓名长度应为2至30个字符")
        return IdentityCheck(True, self.method)


def identity_verifier() -> IdentityVerifier:
    verifier_class = import_string(settings.IDENTITY_VERIFIER)
    verifier: IdentityVerifier = verifier_class()
    return verifier
