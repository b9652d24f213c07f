"""Chinese text for the index: rjieba segmentation with the legal dictionary, query parsing,
case-number recognition and highlighted snippets. Shared by every backend."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import rjieba

LEGAL_WORDS_FILE = Path(__file__).parent / "data" / "legal_words.txt"
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use markers, replaced by <mark> after escaping

_WORD = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")
_CASE_NUMBER = re.compile(r"^\s*[（(\[［〔【]\s*(\d{4})\s*[）)\]］〕】]\s*([^\s号]+?)\s*号\s*$")
_PHRASE = re.compile(r"[\"“”「」『』]([^\"“”「」『』]+)[\"“”「」『』]")


@cache
def _load_dictionary() -> None:
    for line in LEGAL_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            rjieba.add_word(word, None, None)


def words(text: str) -> list[str]:
    """The searchable words of ``text``, in order, with the sub-words of long words
    (``cut_for_search``: 民间借贷 → 民间 借贷 民间借贷) so a 2-character word finds its compound."""
    _load_dictionary()
    return [w.lower() for w in rjieba.cut_for_search(text) if _WORD.search(w)]


def plain_words(text: str) -> list[str]:
    """The words of ``text`` without the sub-words (for term statistics)."""
    _load_dictionary()
    return [w.lower() for w in rjieba.cut(text) if _WORD.search(w)]


def segment(text: str) -> str:
    """The index form of ``text``: its words joined by spaces."""
    return " ".join(words(text))


def normalize_case_number(value: str) -> str | None:
    """``（2026）京0105民初123号`` in any bracket style → ``(2026)京0105民初123号``; None when
    ``value`` is not a case number."""
    match = _CASE_NUMBER.match(value.replace(" ", ""))
    if not match:
        return None
    return f"({match.group(1)}){match.group(2)}号"


@dataclass(frozen=True)
class ParsedQuery:
    """A keyword query: loose words (all must occur, or any of them with ``any_of``) and phrases
    (words adjacent, in order)."""

    loose: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    highlight: tuple[str, ...] = field(default=())
    any_of: bool = False

    def __bool__(self) -> bool:
        return bool(self.loose or self.phrases)


def parse_query(q: str) -> ParsedQuery:
    """Quoted parts (ASCII or Chinese quotes) are phrases; the rest are loose words."""
    phrases: list[tuple[str, ...]] = []
    highlight: list[str] = []
    for match in _PHRASE.finditer(q):
        phrase_words = tuple(words(match.group(1)))
        if phrase_words:
            phrases.append(phrase_words)
            highlight.append(match.group(1).strip())
    rest = _PHRASE.sub(" ", q)
    loose = tuple(dict.fromkeys(words(rest)))
    highlight.extend(w for w in dict.fromkeys(plain_words(rest)))
    return ParsedQuery(loose=loose, phrases=tuple(phrases), highlight=tuple(highlight))


def snippet(text: str, terms: tuple[str, ...], *, width: int = 120) -> str:
    """HTML: a window of ``text`` around the first term found, every term in <mark>, the rest
    escaped. The beginning of the text when no term occurs."""
    lowered = text.lower()
    positions = [p for p in (lowered.find(t.lower()) for t in terms if t) if p >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    window = text[start : start + width]
    pattern = "|".join(re.escape(t) for t in sorted({t for t in terms if t}, key=len, reverse=True))
    if pattern:
        window = re.sub(pattern, lambda m: MARK_OPEN + m.group(0) + MARK_CLOSE, window, flags=re.IGNORECASE)
    escaped = html.escape(window.replace("\n", " "))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>") + suffix
