"""Anonymization of judgment texts (domain.md §7).

``anonymize(text, facts)`` replaces what the case record knows (names of the people to hide, their ID
numbers, addresses, phones, accounts, plates) and what detection finds, keeps what must stay (judges,
clerks, lawyers, law firms, organisations, the court), and returns the text with the list of
replacements (offsets in the original). Reviewers' additions and undos are inputs, so the result can
always be recomputed from the original text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from tianping.publicity.anonymize import detect
from tianping.publicity.anonymize.names import assign_pseudonyms, looks_like_name
from tianping.publicity.enums import ReplacementKind

__all__ = ["Facts", "Person", "Replacement", "Result", "anonymize"]

RECORD, DETECTED, MANUAL = "record", "detected", "manual"
_PRIORITY = {RECORD: 0, MANUAL: 1, DETECTED: 2}

# A name directly followed by these is part of a place or a longer name (张三丰路, 常德市): kept.
_PLACE_AFTER = re.compile(
    r"^(?:[^\W\d_在于向到从和与及的把被对给是为将已曾]?(?:路|街|大街|大道|巷|胡同|村|桥|小区|广场|大厦)"
    r"|(?:市|县|区|省|镇|乡|山|湖|江|河))"
)


@dataclasses.dataclass(frozen=True)
class Person:
    """A natural person whose name is replaced."""

    name: str
    ethnicity: str = ""


@dataclasses.dataclass(frozen=True)
class Facts:
    """What the case record knows."""

    people: Sequence[Person] = ()
    deleted: Sequence[tuple[str, str]] = ()  # (value, ReplacementKind): ID numbers, addresses, phones …
    kept: Sequence[str] = ()  # judges, clerks, lawyers, law firms, organisations, the court …


@dataclasses.dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    original: str
    replacement: str
    kind: str
    source: str

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class Result:
    text: str
    replacements: list[Replacement]


@dataclasses.dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str
    source: str


def _occurrences(text: str, value: str) -> Iterable[tuple[int, int]]:
    if not value:
        return
    start = text.find(value)
    while start != -1:
        yield start, start + len(value)
        start = text.find(value, start + len(value))


def _is_place(text: str, end: int) -> bool:
    return bool(_PLACE_AFTER.match(text[end : end + 4]))


def _protected(text: str, kept: Iterable[str]) -> list[tuple[int, int]]:
    return [span for value in kept if len(value) >= 2 for span in _occurrences(text, value)]


def _candidates(text: str, facts: Facts, added: Sequence[str]) -> list[_Span]:
    spans: list[_Span] = []
    for person in facts.people:
        spans += [
            _Span(s, e, ReplacementKind.NAME, RECORD)
            for s, e in _occurrences(text, person.name)
            if not _is_place(text, e)
        ]
    for value, kind in facts.deleted:
        spans += [_Span(s, e, kind, RECORD) for s, e in _occurrences(text, value)]
    for term in added:
        kind = ReplacementKind.NAME if looks_like_name(term) else ReplacementKind.MANUAL
        spans += [_Span(s, e, kind, MANUAL) for s, e in _occurrences(text, term)]
    spans += [_Span(f.start, f.end, f.kind, DETECTED) for f in detect.identifiers(text)]
    spans += [_Span(f.start, f.end, f.kind, DETECTED) for f in detect.names(text) if not _is_place(text, f.end)]
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _choose(text: str, spans: list[_Span], facts: Facts, undone: set[str]) -> list[_Span]:
    """Non-overlapping spans: record before manual before detected, longer first; none inside a kept
    name (a detected or record name wholly inside a lawyer's or firm's name) and none undone."""
    protected = _protected(text, facts.kept)
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (_PRIORITY[s.source], -(s.end - s.start), s.start)):
        original = text[span.start : span.end]
        if original in undone:
            continue
        if span.kind == ReplacementKind.NAME and span.source != MANUAL:
            if any(p[0] <= span.start and span.end <= p[1] for p in protected):
                continue
        elif span.source == DETECTED and any(_overlaps((span.start, span.end), p) for p in protected):
            continue
        if any(_overlaps((span.start, span.end), (c.start, c.end)) for c in chosen):
            continue
        chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def anonymize(text: str, facts: Facts, *, added: Sequence[str] = (), undone: Iterable[str] = ()) -> Result:
    """The anonymized ``text`` and its replacements (see the module docstring)."""
    chosen = _choose(text, _candidates(text, facts, added), facts, set(undone))
    ethnicity = {p.name: p.ethnicity for p in facts.people}
    named = [text[s.start : s.end] for s in chosen if s.kind == ReplacementKind.NAME]
    order = [p.name for p in facts.people] + named
    pseudonyms = assign_pseudonyms((name, ethnicity.get(name, "")) for name in order)
    pieces: list[str] = []
    replacements: list[Replacement] = []
    position = 0
    for span in chosen:
        original = text[span.start : span.end]
        new = pseudonyms[original] if span.kind == ReplacementKind.NAME else "×" * len(original)
        pieces += [text[position : span.start], new]
        replacements.append(Replacement(span.start, span.end, original, new, str(span.kind), span.source))
        position = span.end
    pieces.append(text[position:])
    return Result("".join(pieces), replacements)
