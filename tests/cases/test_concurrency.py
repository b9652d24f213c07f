"""Case numbers under real concurrency: several OS processes register at the same court and type at once.

Runs against whichever database the tests use (SQLite file or PostgreSQL): the child processes
connect to the same test database and call the real registration service.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.conftest import CourtTree, Users
from tianping.cases.models import Case, CaseNumberSequence, CaseType
from tianping.cases.seeding import seed_case_types
from tianping.core import audit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PROCESSES = 4
CASES_EACH = 15
REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, os, sys, time, traceback
import django

django.setup()
from django.db import connection
from tests import factories
from tianping.accounts.models import User
from tianping.cases import services
from tianping.cases.enums import PartyKind, PartyRole

clerk_id, court_id, count = (int(arg) for arg in sys.argv[1:4])
workdir, index = sys.argv[4], sys.argv[5]
try:
    clerk = User.objects.get(pk=clerk_id)
    connection.ensure_connection()
    open(os.path.join(workdir, f"ready-{index}"), "w").close()
    deadline = time.monotonic() + 30
    while not os.path.exists(os.path.join(workdir, "go")):
        if time.monotonic() > deadline:
            raise SystemExit("no start signal")
        time.sleep(0.005)
    numbers = []
    for n in range(count):
        case = services.case_register(
            actor=clerk,
            court_id=court_id,
            type_code="民初",
            parties=[
                services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.PLAINTIFF, name=f"原告{index}-{n}",
                                    id_number=factories.make_id_number(sequence=n)),
                services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.DEFENDANT, name=f"被告{index}-{n}"),
            ],
        )
        numbers.append([case.number, case.serial])
    print(json.dumps(numbers))
except BaseException:
    traceback.print_exc()
    sys.exit(1)
"""


def database_url() -> str:
    db: dict[str, Any] = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = str(db["NAME"])
        assert name, "the concurrency test needs a database file"
        assert ":memory:" not in name, "the concurrency test needs a database file"
        assert "mode=memory" not in name, "the concurrency test needs a database file"
        return f"sqlite:///{name}"
    if "postgresql" in db["ENGINE"]:
        credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        host = db.get("HOST") or "localhost"
        port = f":{db['PORT']}" if db.get("PORT") else ""
        return f"postgres://{credentials}@{host}{port}/{db['NAME']}"
    pytest.skip(f"no concurrency set-up for {db['ENGINE']}")


def test_parallel_registrations_never_share_a_number(courts: CourtTree, users: Users, tmp_path: Path) -> None:
    if not CaseType.objects.filter(code="民初").exists():  # an earlier transactional test flushed the seed data
        seed_case_types(CaseType)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tianping.settings",
        "TIANPING_DATABASE_URL": database_url(),
        "TIANPING_VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), str(REPO), os.environ.get("PYTHONPATH")])),
    }
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                str(users.clerk.pk),
                str(courts.chaoyang.pk),
                str(CASES_EACH),
                str(tmp_path),
                str(index),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index in range(PROCESSES)
    ]
    try:
        started = time.monotonic()
        while len(list(tmp_path.glob("ready-*"))) < PROCESSES:
            crashed = [c for c in children if c.poll() not in (None, 0)]
            assert not crashed, crashed[0].communicate()[1]
            assert time.monotonic() - started < 60, "child processes did not start"
            time.sleep(0.01)
        (tmp_path / "go").touch()
        outputs = [child.communicate(timeout=90) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    for child, (_stdout, stderr) in zip(children, outputs, strict=True):
        assert child.returncode == 0, stderr

    numbers = [tuple(item) for stdout, _ in outputs for item in json.loads(stdout.strip().splitlines()[-1])]
    total = PROCESSES * CASES_EACH
    assert len(numbers) == total
    assert len({number for number, _ in numbers}) == total  # no duplicate case numbers
    serials = sorted(serial for _, serial in numbers)
    assert serials == list(range(1, total + 1))  # no duplicates and, as nothing failed, no gaps
    year = Case.objects.values_list("year", flat=True).first()
    assert {number for number, _ in numbers} == {f"（{year}）京0105民初{n}号" for n in range(1, total + 1)}
    stored = list(Case.objects.values_list("number", "serial"))
    assert sorted(stored, key=lambda row: row[1]) == sorted(numbers, key=lambda row: row[1])
    sequence = CaseNumberSequence.objects.get(court=courts.chaoyang, type_code="民初", marker="", year=year)
    assert sequence.last_serial == total
    report = audit.verify()
    assert report.ok, report.problem
    assert report.checked >= total
