"""The English catalogue stays complete: every Chinese source string has a reviewed English translation.

The check reads src/tianping/locale/en/LC_MESSAGES/django.po directly (polib is not a dependency), so a
`makemessages` run that brings in new strings fails here until each one is translated and any fuzzy
(machine-guessed) entry has been reviewed and its flag removed.
"""

from __future__ import annotations

import ast
import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
NAMED_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclasses.dataclass
class Entry:
    line: int
    flags: set[str] = dataclasses.field(default_factory=set)
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = dataclasses.field(default_factory=dict)

    def label(self) -> str:
        return f"django.po:{self.line} {self.msgid!r}"


def _unquote(text: str) -> str:
    # A PO string is a C-style quoted literal; Python's literal syntax reads the same escapes.
    value = ast.literal_eval(text.strip())
    assert isinstance(value, str)
    return value


def parse_po(path: Path) -> list[Entry]:
    """Entries of a PO file (header excluded, obsolete `#~` entries ignored)."""
    entries: list[Entry] = []
    current: Entry | None = None
    field: tuple[str, int] = ("msgid", 0)
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            current = None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            field = ("msgctxt", 0)
        elif line.startswith("msgid_plural "):
            current.msgid_plural = _unquote(line[len("msgid_plural ") :])
            field = ("msgid_plural", 0)
        elif line.startswith("msgid "):
            current.line = number
            current.msgid = _unquote(line[len("msgid ") :])
            field = ("msgid", 0)
        elif line.startswith("msgstr["):
            index = int(line[len("msgstr[") : line.index("]")])
            current.msgstr[index] = _unquote(line[line.index("]") + 1 :])
            field = ("msgstr", index)
        elif line.startswith("msgstr "):
            current.msgstr[0] = _unquote(line[len("msgstr ") :])
            field = ("msgstr", 0)
        elif line.startswith('"'):
            _append(current, field, _unquote(line))
        else:
            raise AssertionError(f"django.po:{number}: unexpected line {raw!r}")
    return [entry for entry in entries if entry.msgid != ""]


def _append(entry: Entry, field: tuple[str, int], text: str) -> None:
    name, index = field
    if name == "msgid":
        entry.msgid += text
    elif name == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    elif name == "msgstr":
        entry.msgstr[index] += text


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    assert PO_FILE.is_file(), f"missing {PO_FILE}"
    return parse_po(PO_FILE)


def test_the_catalogue_has_entries(entries):
    # Guards the parser itself: an empty result would make every other check pass vacuously.
    assert len(entries) > 1000
    assert any(entry.msgid_plural for entry in entries)


def test_no_entry_is_untranslated(entries):
    untranslated = [e.label() for e in entries if not e.msgstr or any(not text.strip() for text in e.msgstr.values())]
    assert not untranslated, f"{len(untranslated)} untranslated entries:\n" + "\n".join(untranslated)


def test_no_entry_is_fuzzy(entries):
    fuzzy = [e.label() for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries (review them, then drop the flag):\n" + "\n".join(fuzzy)


def test_plural_entries_have_both_english_forms(entries):
    incomplete = [e.label() for e in entries if e.msgid_plural is not None and sorted(e.msgstr) != [0, 1]]
    assert not incomplete, "plural entries need msgstr[0] and msgstr[1]:\n" + "\n".join(incomplete)


def test_named_placeholders_survive_translation(entries):
    wrong = []
    for entry in entries:
        expected = set(NAMED_PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in entry.msgstr.values():
            if set(NAMED_PLACEHOLDER.findall(text)) - expected or (
                entry.msgid_plural is None and set(NAMED_PLACEHOLDER.findall(text)) != expected
            ):
                wrong.append(f"{entry.label()} -> {text!r}")
    assert not wrong, "placeholders differ between Chinese and English:\n" + "\n".join(wrong)


def test_msgfmt_accepts_the_catalogue_without_fuzzy_or_untranslated_messages():
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("msgfmt not found: install the Debian package gettext (make system-packages)")
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "--output-file", os.devnull, str(PO_FILE)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
        check=False,
    )
    statistics = result.stderr.strip()
    assert result.returncode == 0, statistics
    assert re.fullmatch(r"\d+ translated messages\.", statistics), statistics
