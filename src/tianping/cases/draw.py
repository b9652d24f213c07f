"""The random draw of the assignment (随机分案), reproducible from its record.

Anyone holding an assignment record can re-run it: sort the candidates by judge id, give
each the weight 1 / (1 + open cases), take ``random.Random(seed).random()`` times the total
weight, and walk the cumulative weights to the first one above it.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence


@dataclasses.dataclass(frozen=True)
class Candidate:
    judge_id: int
    name: str
    open_cases: int

    @property
    def weight(self) -> float:
        return 1.0 / (1 + self.open_cases)

    def as_record(self) -> dict[str, object]:
        return {"judge_id": self.judge_id, "name": self.name, "open_cases": self.open_cases}

    @classmethod
    def from_record(cls, data: dict[str, object]) -> Candidate:
        return cls(int(str(data["judge_id"])), str(data["name"]), int(str(data["open_cases"])))


def draw(seed: str, candidates: Sequence[Candidate]) -> Candidate:
    """The candidate chosen by ``seed``; lighter caseloads are proportionally likelier."""
    if not candidates:
        raise ValueError("no candidates to draw from")
    ordered = sorted(candidates, key=lambda c: c.judge_id)
    point = random.Random(seed).random() * sum(c.weight for c in ordered)  # noqa: S311 (reproducible by design)
    cumulative = 0.0
    for candidate in ordered:
        cumulative += candidate.weight
        if point < cumulative:
            return candidate
    return ordered[-1]
