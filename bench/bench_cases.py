"""Case benchmarks, each against a raw-SQL baseline measured in the same run (not a test).

    .venv/bin/python bench/bench_cases.py [--cases 100000] [--registrations 300] [--list-requests 40]

(a) registration through the service layer (``cases.services.case_register``: a case with two
    parties, one transaction each) against raw INSERTs of the same rows (case + 2 parties, one
    transaction each);
(b) registration through the HTTP API (``POST /api/v1/cases`` with a bearer token, in process
    through ``django.test.Client``: middleware, authentication, schema, service, response)
    against the same baseline;
(c) the case list (``GET /api/v1/cases``, page of 20) with typical filters, p50/p95, against a
    raw ``SELECT … LIMIT 20`` of the same page.

It works in its own ``TIANPING_VAR_DIR`` (a fresh temporary directory, removed afterwards unless
``--keep``; ``--var-dir DIR`` reuses one, loading only the cases still missing). With
``TIANPING_DATABASE_URL`` set it uses that database instead of SQLite (it must be one you can
throw away). Nothing leaves the machine: the HTTP client is in process.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "Tianping-2026"  # noqa: S105 - the public demo password (demo.builder)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="demo cases loaded before measuring (c)")
    parser.add_argument("--registrations", type=int, default=300, help="registrations per measurement in (a), (b)")
    parser.add_argument("--list-requests", type=int, default=40, help="requests per list scenario in (c)")
    parser.add_argument("--var-dir", help="reuse this TIANPING_VAR_DIR (kept afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary TIANPING_VAR_DIR")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def setup(var_dir: str) -> None:
    os.environ["TIANPING_VAR_DIR"] = var_dir
    (Path(var_dir) / "static").mkdir(exist_ok=True)  # WhiteNoise warns about a missing static root
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tianping.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def per_second(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def quantiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        from django.db import connection

        from tianping.core import clock

        self.args = args
        self.connection = connection
        self.today = clock.today()
        self.results: dict[str, Any] = {}

    # -- set-up ----------------------------------------------------------------------------

    def prepare(self) -> None:
        from django.core.management import call_command

        from tianping.cases.models import Case
        from tianping.demo.builder import build_demo
        from tianping.demo.cases import load_demo_cases

        call_command("migrate", verbosity=0)
        build_demo()
        missing = self.args.cases - Case.objects.count()
        if missing > 0:
            started = time.perf_counter()
            load_demo_cases(missing, seed=self.args.seed)
            self.results["load"] = (missing, time.perf_counter() - started)
        self.total_cases = Case.objects.count()
        self._fixtures()

    def _fixtures(self) -> None:
        from tianping.accounts.models import User
        from tianping.cases.models import CauseOfAction
        from tianping.courts.models import Court, Division
        from tianping.demo.people import Identities

        self.clerk = User.objects.get(username="chaoyang_clerk")
        self.court = Court.objects.get(code="京0105")
        self.division = Division.objects.get(court=self.court, name="民事审判第一庭")
        self.cause = CauseOfAction.objects.get(category="civil", name="民间借贷纠纷")
        self.people = Identities(random.Random(self.args.seed + 1), self.today, lawyers=50)  # noqa: S311

    def party_dicts(self) -> list[dict[str, Any]]:
        """A plaintiff with a lawyer and a defendant, as the API takes them."""
        plaintiff, defendant = self.people.person(district="朝阳区"), self.people.person(district="朝阳区")
        lawyer = self.people.lawyer()
        return [
            {"kind": "natural", "role": "plaintiff", "name": plaintiff.name, "id_number": plaintiff.id_number,
             "ethnicity": plaintiff.ethnicity, "address": plaintiff.address, "mobile": plaintiff.mobile,
             "agents": [{"kind": "lawyer", "name": lawyer.name, "licence_no": lawyer.licence_no,
                         "law_firm": lawyer.law_firm, "mobile": lawyer.mobile}]},
            {"kind": "natural", "role": "defendant", "name": defendant.name, "id_number": defendant.id_number,
             "ethnicity": defendant.ethnicity, "address": defendant.address, "mobile": defendant.mobile,
             "agents": []},
        ]  # fmt: skip

    def registration_fields(self) -> dict[str, Any]:
        return {
            "court_id": self.court.pk,
            "type_code": "民初",
            "procedure": "simplified",
            "cause_id": self.cause.pk,
            "claim_amount": "86000.00",
            "division_id": self.division.pk,
        }

    # -- the raw-INSERT baseline -----------------------------------------------------------

    def raw_baseline(self, count: int) -> float:
        """Seconds for ``count`` raw INSERTs of a case and two parties, one transaction each
        (the same rows a registration writes, with no checks, number allocation or audit).
        The rows use the year 1901, so their numbers never collide, and are removed afterwards."""
        from django.db import transaction

        from tianping.cases.models import Case, Party
        from tianping.core import clock

        now = clock.now()
        rows = []
        for index in range(count):
            parties = self.party_dicts()
            serial = 900_000 + index
            case = Case(
                court=self.court, case_type_id="民初", category="civil", year=1901, serial=serial,
                number=f"（1901）{self.court.code}民初{serial}号", procedure="simplified", cause=self.cause,
                title=f"{parties[0]['name']}与{parties[1]['name']}民间借贷纠纷", claim_amount="86000.00",
                received_on=self.today, filed_on=self.today, division=self.division, status="registered",
                deadline=self.today + dt.timedelta(days=90), registered_by=self.clerk, created_at=now, updated_at=now,
            )  # fmt: skip
            party_rows = [
                Party(kind=p["kind"], role=p["role"], name=p["name"], id_number=p["id_number"], address=p["address"],
                      mobile=p["mobile"], ethnicity=p["ethnicity"], query_code=f"Z{index:06d}{order}",
                      order=order, created_at=now, updated_at=now)
                for order, p in enumerate(parties)
            ]  # fmt: skip
            rows.append((self._values(case), [self._values(p, skip="case") for p in party_rows]))
        case_sql = self._insert_sql(Case, returning=True)
        party_sql = self._insert_sql(Party, first="case")
        started = time.perf_counter()
        with self.connection.cursor() as cursor:
            for case_values, parties_values in rows:
                with transaction.atomic():
                    cursor.execute(case_sql, case_values)
                    case_id = cursor.fetchone()[0]
                    for values in parties_values:
                        cursor.execute(party_sql, [case_id, *values])
        elapsed = time.perf_counter() - started
        Party.objects.filter(case__year=1901).delete()
        Case.objects.filter(year=1901).delete()
        return elapsed

    def _fields(self, model: Any, skip: str = "") -> list[Any]:
        return [f for f in model._meta.concrete_fields if not f.primary_key and f.name != skip]

    def _values(self, obj: Any, skip: str = "") -> list[Any]:
        return [f.get_db_prep_save(getattr(obj, f.attname), self.connection) for f in self._fields(type(obj), skip)]

    def _insert_sql(self, model: Any, *, returning: bool = False, first: str = "") -> str:
        quote = self.connection.ops.quote_name
        fields = self._fields(model, skip=first)
        columns = ([model._meta.get_field(first).column] if first else []) + [f.column for f in fields]
        # Names come from the models and values go as parameters.
        table, names, marks = (
            quote(model._meta.db_table),
            ", ".join(quote(c) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        return sql + ' RETURNING "id"' if returning else sql

    # -- (a) the service layer -------------------------------------------------------------

    def registrations_service(self, count: int) -> float:
        from tianping.cases.services import AgentInput, PartyInput, case_register

        inputs = [
            [PartyInput(**{**p, "agents": [AgentInput(**a) for a in p["agents"]]}) for p in self.party_dicts()]
            for _ in range(count)
        ]
        fields = self.registration_fields()
        started = time.perf_counter()
        for parties in inputs:
            case_register(actor=self.clerk, parties=parties, **fields)
        return time.perf_counter() - started

    def breakdown(self, count: int) -> dict[str, float]:
        """Where a registration's time goes (wrapping the steps; a separate, instrumented run)."""
        from tianping.cases.services import registration
        from tianping.core import audit

        spent: dict[str, float] = {}

        def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

            return wrapper

        patches = {
            (audit, "record"): "audit record (chain head lock + hash)",
            (registration, "allocate_serial"): "case number (sequence row lock)",
            (registration, "new_query_code"): "query codes (uniqueness check)",
            (registration, "case_deadline_refresh"): "deadline (rules + calendar + save)",
            (registration, "_checked_party"): "party checks (ID number, mobile)",
            (registration, "add_event"): "timeline event",
        }
        originals = {key: getattr(*key) for key in patches}
        try:
            for (module, name), label in patches.items():
                setattr(module, name, timed(label, getattr(module, name)))
            total = self.registrations_service(count)
        finally:
            for (module, name), original in originals.items():
                setattr(module, name, original)
        spent["total"] = total
        return spent

    # -- (b) the HTTP API ------------------------------------------------------------------

    def client(self) -> tuple[Any, str]:
        from django.test import Client

        client = Client()
        response = client.post(
            "/api/v1/auth/token",
            data=json.dumps({"username": "chaoyang_clerk", "password": DEMO_PASSWORD}),
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        return client, response.json()["token"]

    def registrations_http(self, count: int) -> float:
        client, token = self.client()
        fields = self.registration_fields()
        bodies = [json.dumps({**fields, "parties": self.party_dicts()}) for _ in range(count)]
        started = time.perf_counter()
        for body in bodies:
            response = client.post(
                "/api/v1/cases", data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
            )
            assert response.status_code == 201, response.content[:300]
        return time.perf_counter() - started

    # -- (c) the case list -----------------------------------------------------------------

    def list_scenarios(self) -> list[tuple[str, dict[str, str]]]:
        return [
            ("default page", {}),
            ("status=in_trial", {"status": "in_trial"}),
            ("q=王 (a surname)", {"q": "王"}),
            ("overdue=true", {"overdue": "true"}),
        ]

    def list_latency(self, username: str, password: str, requests: int) -> list[dict[str, Any]]:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from tianping.accounts import selectors as access
        from tianping.accounts.models import User

        client = Client()
        response = client.post(
            "/api/v1/auth/token",
            data=json.dumps({"username": username, "password": password}),
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        header = {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}
        court_ids = sorted(access.readable_court_ids(User.objects.get(username=username)))
        rows = []
        for label, params in self.list_scenarios():
            for _ in range(3):  # warm the caches
                client.get("/api/v1/cases", params, **header)
            api_samples = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get("/api/v1/cases", params, **header)
                api_samples.append(time.perf_counter() - started)
                assert response.status_code == 200, response.content[:300]
            page = response.json()
            with CaptureQueriesContext(connection) as queries:
                client.get("/api/v1/cases", params, **header)
            sql, sql_params = self._page_sql(court_ids, params)
            raw_samples, ids = [], []
            with self.connection.cursor() as cursor:
                for _ in range(3):
                    cursor.execute(sql, sql_params)
                    cursor.fetchall()
                for _ in range(requests):
                    started = time.perf_counter()
                    cursor.execute(sql, sql_params)
                    ids = [row[0] for row in cursor.fetchall()]
                    raw_samples.append(time.perf_counter() - started)
            same = ids == [item["id"] for item in page["items"]]
            rows.append({"label": label, "count": page["count"], "queries": len(queries), "same_page": same,
                         "api": quantiles(api_samples), "raw": quantiles(raw_samples)})  # fmt: skip
        return rows

    def _page_sql(self, court_ids: list[int], params: dict[str, str]) -> tuple[str, list[Any]]:
        """The same page as the API, as one hand-written SELECT … LIMIT 20 (no COUNT, no joins)."""
        where = [f"c.court_id IN ({', '.join(['%s'] * len(court_ids))})"]
        values: list[Any] = list(court_ids)
        if "status" in params:
            where.append("c.status = %s")
            values.append(params["status"])
        if params.get("overdue") == "true":
            where.append("c.status IN ('registered', 'assigned', 'in_trial', 'investigating', 'disposing')")
            where.append("c.deadline < %s AND c.suspended_since IS NULL")
            values.append(self.today)
        if "q" in params:
            where.append("(c.number LIKE %s OR c.id IN (SELECT p.case_id FROM cases_party p WHERE p.name LIKE %s))")
            values += [f"%{params['q']}%"] * 2
        columns = "c.id, c.number, c.title, c.status, c.filed_on, c.deadline, c.judge_id"
        conditions = " AND ".join(where)  # fixed fragments; the values go as parameters
        sql = f"SELECT {columns} FROM cases_case c WHERE {conditions} ORDER BY c.filed_on DESC, c.id DESC LIMIT 20"  # noqa: S608
        return sql, values


@contextlib.contextmanager
def workspace(args: argparse.Namespace) -> Iterator[str]:
    if args.var_dir:
        Path(args.var_dir).mkdir(parents=True, exist_ok=True)
        yield args.var_dir
        return
    path = tempfile.mkdtemp(prefix="tianping-bench-")
    try:
        yield path
    finally:
        if args.keep:
            print(f"kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    bench = Bench(args)
    connection = bench.connection
    if connection.vendor == "postgresql":
        version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
    else:
        version = getattr(connection.Database, "sqlite_version", "")
    python = sys.version.split()[0]
    print(f"Tianping case benchmarks: {connection.vendor} {version}, {os.cpu_count()} CPUs, Python {python}")
    bench.prepare()
    if "load" in bench.results:
        loaded, seconds = bench.results["load"]
        print(f"demo cases loaded: {loaded} in {seconds:.0f} s ({per_second(loaded, seconds):.0f} cases/s)")
    print(f"cases in the database: {bench.total_cases}")
    n = args.registrations

    raw = bench.raw_baseline(n)
    service = bench.registrations_service(n)
    raw_rate, service_rate = per_second(n, raw), per_second(n, service)
    print(
        f"(a) registration, service layer: {service_rate:.1f}/s ({service / n * 1000:.1f} ms each); "
        f"raw INSERT baseline {raw_rate:.0f}/s ({raw / n * 1000:.2f} ms each); "
        f"ratio {raw_rate / service_rate:.1f}x slower"
    )
    spent = bench.breakdown(min(n, 100))
    total = spent.pop("total")
    shares = ", ".join(
        f"{label} {seconds / total:.0%}" for label, seconds in sorted(spent.items(), key=lambda x: -x[1])
    )
    print(f"    where the time goes: {shares}; the rest: ORM inserts, validation, commit")

    raw = bench.raw_baseline(n)
    http = bench.registrations_http(n)
    raw_rate, http_rate = per_second(n, raw), per_second(n, http)
    print(
        f"(b) registration, HTTP API: {http_rate:.1f}/s ({http / n * 1000:.1f} ms each); "
        f"raw INSERT baseline {raw_rate:.0f}/s; ratio {raw_rate / http_rate:.1f}x slower "
        f"(HTTP takes {service_rate / http_rate:.2f}x the time of the service call)"
    )

    for username, scope in (("chaoyang_clerk", "one basic court"), ("admin", "the whole province")):
        print(f"(c) GET /api/v1/cases as {username} ({scope}), {args.list_requests} requests per filter:")
        header = ("filter", "matches", "queries", "API p50", "API p95", "SQL p50", "SQL p95", "x p50", "x p95")
        print("    " + f"{header[0]:<18}" + "".join(f"{h:>10}" for h in header[1:]))
        for row in bench.list_latency(username, DEMO_PASSWORD, args.list_requests):
            (api50, api95), (raw50, raw95) = row["api"], row["raw"]
            note = "" if row["same_page"] else "  (page differs from the SQL baseline!)"
            times = "".join(f"{value:>8.2f}ms" for value in (api50, api95, raw50, raw95))
            ratios = f"{api50 / raw50:>9.1f}x{api95 / raw95:>9.1f}x"
            print(f"    {row['label']:<18}{row['count']:>10}{row['queries']:>10}{times}{ratios}{note}")


def main() -> None:
    args = parse_args()
    with workspace(args) as var_dir:
        setup(var_dir)
        run(args)


if __name__ == "__main__":
    main()
