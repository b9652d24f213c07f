"""Judgment search benchmarks, each against baselines measured in the same run (not a test).

    .venv/bin/python bench/bench_search.py [--docs 2000] [--requests 40]
    .venv/bin/python bench/bench_search.py --docs 100000          # the real run

Generates ``--docs`` realistic published judgments (civil, criminal and administrative causes,
1,500–4,000 characters of 诉称/经审理查明/本院认为 text with names, dates and amounts) and
(a) indexes them through ``search.services.judgment_index_put`` (rjieba segmentation + the
    backend's full-text write), against segmentation alone (what rjieba costs by itself);
(b) runs typical two-term queries through ``GET /api/v1/public/judgments`` (in process through
    ``django.test.Client``: middleware, parameters, search, count, five facets, snippets,
    JSON), p50/p95, against the raw engine query of the same page (FTS5 ``MATCH … ORDER BY
    rank LIMIT 20`` / ``tsv @@ … ORDER BY ts_rank(rank_tsv, …) LIMIT 20``: the limit) and against a
    naive ``LIKE '%…%' AND LIKE '%…%'`` scan of the text (the baseline without an index).

It works in its own ``TIANPING_VAR_DIR`` (a temporary directory, removed afterwards unless
``--keep``; ``--var-dir DIR`` reuses one and indexes only the documents still missing). With
``TIANPING_DATABASE_URL`` it uses that database (one you can throw away).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

QUERIES = ["民间借贷 利息", "交通事故 赔偿", "买卖合同 违约金", "盗窃 缓刑", "劳动合同 经济补偿", "借款 保证"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红春梅海燕文博宇浩然子涵欣怡"
DISTRICTS = ["朝阳区", "海淀区", "丰台区", "西城区", "东城区", "通州区", "昌平区", "大兴区", "顺义区", "房山区"]

GENERIC = [
    "本院受理后，依法组成合议庭，公开开庭进行了审理。",
    "当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。",
    "对当事人无异议的证据，本院予以确认并在卷佐证。",
    "被告经本院传票传唤，无正当理由拒不到庭参加诉讼，本院依法缺席审理。",
    "当事人对自己提出的诉讼请求所依据的事实或者反驳对方诉讼请求所依据的事实，应当提供证据加以证明。",
    "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于上级人民法院。",
    "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，加倍支付迟延履行期间的债务利息。",
    "本案经调解，双方当事人未能达成一致意见。",
    "上述事实，有当事人陈述、书证及庭审笔录等在案佐证。",
    "本院认为，依法成立的合同，对当事人具有法律约束力。",
]

CAUSES: list[dict[str, Any]] = [
    {
        "name": "民间借贷纠纷",
        "category": "civil",
        "kind": "civil_judgment",
        "type": "民初",
        "text": [
            "{a}向{b}借款{amount}元，约定月利率百分之一点五，借款期限六个月，并出具借条一张。",
            "借款到期后，经原告多次催要，被告至今未归还借款本金及利息。",
            "{c}作为保证人在借条上签字，承担连带保证责任。",
            "本院认为，原告与被告之间的民间借贷关系合法有效，被告应当按照约定归还借款并支付利息。",
            "关于利息，双方约定的利率未超过合同成立时一年期贷款市场报价利率四倍，本院予以支持。",
            "原告通过银行转账方式向被告交付了借款，有转账凭证为证。",
        ],
    },
    {
        "name": "机动车交通事故责任纠纷",
        "category": "civil",
        "kind": "civil_judgment",
        "type": "民初",
        "text": [
            "{date}，{b}驾驶小型轿车与{a}驾驶的电动自行车相撞，造成{a}受伤、车辆损坏的交通事故。",
            "交通管理部门认定{b}负事故全部责任，{a}无责任。",
            "事故车辆在被告保险公司投保了交强险及商业三者险，事故发生在保险期间内。",
            "原告主张医疗费、误工费、护理费、交通费、残疾赔偿金等各项损失共计{amount}元。",
            "本院认为，机动车发生交通事故造成人身伤亡、财产损失的，由保险公司在交强险责任限额范围内予以赔偿。",
            "经司法鉴定，原告的伤情构成十级伤残，误工期一百二十日。",
        ],
    },
    {
        "name": "买卖合同纠纷",
        "category": "civil",
        "kind": "civil_judgment",
        "type": "民初",
        "text": [
            "原告与被告签订买卖合同，约定被告向原告采购钢材一批，总价款{amount}元。",
            "原告依约交付了货物，被告出具了收货确认单，但仅支付部分货款。",
            "合同约定逾期付款的，买方应按日万分之五支付违约金。",
            "本院认为，双方签订的买卖合同系真实意思表示，合法有效，被告应当支付剩余货款及违约金。",
            "被告辩称货物存在质量问题，但未在约定的检验期间内提出异议，亦未提交证据证明。",
        ],
    },
    {
        "name": "劳动争议",
        "category": "civil",
        "kind": "civil_judgment",
        "type": "民初",
        "text": [
            "{a}于二〇一九年入职被告公司，双方签订了劳动合同，月工资{amount}元。",
            "被告公司以经营困难为由单方解除劳动合同，未支付经济补偿。",
            "原告向劳动人事争议仲裁委员会申请仲裁，仲裁委员会作出裁决后，原告不服诉至本院。",
            "本院认为，用人单位违法解除劳动合同的，应当依照经济补偿标准的二倍向劳动者支付赔偿金。",
            "关于加班费，原告未能提交证据证明其存在加班事实，本院不予支持。",
        ],
    },
    {
        "name": "物业服务合同纠纷",
        "category": "civil",
        "kind": "civil_judgment",
        "type": "民初",
        "text": [
            "原告为{district}某小区的物业服务企业，被告为该小区业主。",
            "被告自二〇二二年起未交纳物业费，累计欠费{amount}元。",
            "本院认为，业主应当按照约定向物业服务人支付物业费，物业服务人已经按照约定提供服务的，业主不得以未接受服务为由拒绝支付。",
        ],
    },
    {
        "name": "盗窃罪",
        "category": "criminal",
        "kind": "criminal_judgment",
        "type": "刑初",
        "text": [
            "公诉机关指控，{date}，被告人{a}在{district}某商场内，趁被害人不备，窃取手机一部，经鉴定价值{amount}元。",
            "被告人{a}到案后如实供述自己的罪行，自愿认罪认罚，并退赔了被害人的经济损失。",
            "本院认为，被告人{a}以非法占有为目的，秘密窃取他人财物，数额较大，其行为已构成盗窃罪。",
            "鉴于被告人有坦白情节，且取得被害人谅解，依法可以从轻处罚，适用缓刑。",
            "判决被告人{a}犯盗窃罪，判处有期徒刑六个月，缓刑一年，并处罚金人民币二千元。",
        ],
    },
    {
        "name": "危险驾驶罪",
        "category": "criminal",
        "kind": "criminal_judgment",
        "type": "刑初",
        "text": [
            "公诉机关指控，{date}，被告人{a}饮酒后驾驶小型轿车行驶至{district}某路口时被民警查获。",
            "经鉴定，被告人血液中乙醇含量为每百毫升一百二十毫克，属醉酒驾驶。",
            "本院认为，被告人{a}在道路上醉酒驾驶机动车，其行为已构成危险驾驶罪，判处拘役二个月，并处罚金。",
        ],
    },
    {
        "name": "行政处罚",
        "category": "administrative",
        "kind": "administrative_judgment",
        "type": "行初",
        "text": [
            "被告区市场监督管理局以原告销售不符合食品安全标准的食品为由，作出行政处罚决定，罚款{amount}元。",
            "原告不服，申请行政复议，复议机关维持了原行政处罚决定。",
            "本院认为，被告作出的行政处罚决定认定事实清楚，证据确凿，适用法律正确，程序合法。",
            "判决驳回原告的诉讼请求。",
        ],
    },
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2_000, help="published judgments generated and indexed")
    parser.add_argument("--requests", type=int, default=40, help="requests per query and measurement in (b)")
    parser.add_argument("--var-dir", help="reuse this TIANPING_VAR_DIR (kept afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary TIANPING_VAR_DIR")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def setup(var_dir: str) -> None:
    os.environ["TIANPING_VAR_DIR"] = var_dir
    (Path(var_dir) / "static").mkdir(exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tianping.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def quantiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


class Corpus:
    """Deterministic, realistic judgments: the same ``seed`` and number give the same text."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.courts = [
            (100 + i, f"北京市{d}人民法院", f"/1/{2 + i // 5}/{100 + i}/", "1101" + f"{5 + i:02d}", d)
            for i, d in enumerate(DISTRICTS)
        ]

    def name(self, rng: random.Random) -> str:
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))

    def document(self, number: int) -> Any:
        from tianping.search.services import IndexInput

        rng = random.Random(self.seed * 1_000_003 + number)  # noqa: S311 - generated data
        cause = rng.choice(CAUSES)
        court_id, court_name, court_path, region, district = rng.choice(self.courts)
        a, b, c = self.name(rng), self.name(rng), self.name(rng)
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))

        def fill(sentence: str) -> str:
            return sentence.format(
                a=a, b=b, c=c, district=district, amount=rng.randrange(3, 500) * 100, date=f"{day:%Y年%-m月%-d日}"
            )

        target = rng.randrange(1_500, 4_000)
        parts = [f"原告{a}与被告{b}{cause['name']}一案，本院于{day:%Y年%-m月%-d日}立案后，依法进行了审理。"]
        while sum(map(len, parts)) < target:
            pool = cause["text"] if rng.random() < 0.6 else GENERIC
            parts.append(fill(rng.choice(pool)))
        serial = number + 1
        return IndexInput(
            publication_id=serial, title=f"{a}与{b}{cause['name']}一审判决书", text="".join(parts),
            case_number=f"（{day.year}）京{region[2:]}{cause['type']}{serial}号", court_id=court_id,
            court_name=court_name, court_path=court_path, court_level="basic", region_code=region,
            region_name=district, case_category=cause["category"], case_type_code=cause["type"],
            cause_id=CAUSES.index(cause) + 1, cause_name=cause["name"], document_kind=cause["kind"],
            procedure=rng.choice(["simplified", "ordinary", "small_claims"]), judgment_date=day,
            published_at=dt.datetime.combine(day + dt.timedelta(days=7), dt.time(9), tzinfo=dt.UTC),
        )  # fmt: skip


def build_index(corpus: Corpus, docs: int) -> tuple[int, float, float, int]:
    """(indexed now, seconds through judgment_index_put, seconds of segmentation alone, chars)."""
    from django.db import transaction

    from tianping.search.models import IndexedJudgment
    from tianping.search.services import judgment_index_put
    from tianping.search.text import segment

    present = IndexedJudgment.objects.count()
    entries = [corpus.document(n) for n in range(present, docs)]
    if not entries:
        return 0, 0.0, 0.0, 0
    chars = sum(len(e.text) for e in entries)
    sample = entries[: min(len(entries), 2_000)]
    started = time.perf_counter()
    for e in sample:
        segment(f"{e.title}\n{e.text}")
    segmentation = (time.perf_counter() - started) * len(entries) / len(sample)
    started = time.perf_counter()
    for start in range(0, len(entries), 1_000):
        with transaction.atomic():  # one commit per thousand; each put is its own savepoint
            for e in entries[start : start + 1_000]:
                judgment_index_put(entry=e)
    return len(entries), time.perf_counter() - started, segmentation, chars


def raw_engine_sql(vendor: str, query: str) -> tuple[str, list[Any]]:
    """The engine's own top-20 for ``query``, no filters, count or facets (the limit)."""
    from tianping.search.engine import RANK_PG, PostgresTsvectorBackend, SqliteFts5Backend
    from tianping.search.text import parse_query

    parsed = parse_query(query)
    if vendor == "sqlite":
        match = SqliteFts5Backend().fts_query(parsed)
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT 20", [match]
    tsquery, params = PostgresTsvectorBackend().tsquery(parsed)
    sql = (
        f"SELECT judgment_id FROM search_indexedjudgmenttext WHERE tsv @@ {tsquery}"  # noqa: S608 - fixed fragments
        f" ORDER BY {RANK_PG.format(query=tsquery)} DESC LIMIT 20"
    )
    return sql, params + params


def like_sql(query: str) -> tuple[str, list[Any]]:
    """The naive baseline: every term as LIKE '%…%' over the text, newest 20."""
    terms = query.split()
    where = " AND ".join(["t.text LIKE %s"] * len(terms))
    sql = (
        "SELECT j.id FROM search_indexedjudgment j JOIN search_indexedjudgmenttext t"  # noqa: S608 - fixed fragments
        f" ON t.judgment_id = j.id WHERE {where} ORDER BY j.judgment_date DESC LIMIT 20"
    )
    return sql, [f"%{t}%" for t in terms]


def timed_sql(cursor: Any, sql: str, params: list[Any], requests: int) -> list[float]:
    for _ in range(2):
        cursor.execute(sql, params)
        cursor.fetchall()
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        samples.append(time.perf_counter() - started)
    return samples


def search_latency(requests: int) -> list[dict[str, Any]]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public": "1000000/m"}  # measure the search, not the limit
    client = Client()
    rows = []
    for query in QUERIES:
        for _ in range(3):
            client.get("/api/v1/public/judgments", {"q": query})
        api = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get("/api/v1/public/judgments", {"q": query})
            api.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content[:300]
        total = response.json()["total"]
        with connection.cursor() as cursor:
            raw = timed_sql(cursor, *raw_engine_sql(connection.vendor, query), requests)
            like = timed_sql(cursor, *like_sql(query), max(3, requests // 4))
        rows.append({"query": query, "total": total, "api": quantiles(api), "raw": quantiles(raw),
                     "like": quantiles(like)})  # fmt: skip
    return rows


@contextlib.contextmanager
def workspace(args: argparse.Namespace) -> Iterator[str]:
    if args.var_dir:
        Path(args.var_dir).mkdir(parents=True, exist_ok=True)
        yield args.var_dir
        return
    path = tempfile.mkdtemp(prefix="tianping-bench-search-")
    try:
        yield path
    finally:
        if args.keep:
            print(f"kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    from tianping.search.models import IndexedJudgment

    if connection.vendor == "postgresql":
        version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
    else:
        version = getattr(connection.Database, "sqlite_version", "")
    python = sys.version.split()[0]
    print(f"Tianping search benchmarks: {connection.vendor} {version}, {os.cpu_count()} CPUs, Python {python}")
    call_command("migrate", verbosity=0)
    indexed, seconds, segmentation, chars = build_index(Corpus(args.seed), args.docs)
    if indexed:
        print(
            f"(a) index build: {indexed} judgments ({chars / indexed:.0f} characters each) in {seconds:.1f} s, "
            f"{indexed / seconds:.0f} docs/s ({chars / seconds / 1e6:.2f} M chars/s); "
            f"segmentation alone {indexed / segmentation:.0f} docs/s ({segmentation / seconds:.0%} of the build)"
        )
    if connection.vendor == "postgresql":  # what autovacuum does after a bulk load: statistics, visibility map
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_indexedjudgment")
            cursor.execute("VACUUM ANALYZE search_indexedjudgmenttext")
    total = IndexedJudgment.objects.count()
    print(f"(b) {total} judgments indexed; {args.requests} requests per query:")
    header = ("query", "matches", "API p50", "API p95", "raw p50", "raw p95", "LIKE p50", "LIKE p95", "API/raw p95")
    print("    " + f"{header[0]:<14}" + "".join(f"{h:>11}" for h in header[1:]))
    for row in search_latency(args.requests):
        (a50, a95), (r50, r95), (l50, l95) = row["api"], row["raw"], row["like"]
        times = "".join(f"{value:>9.2f}ms" for value in (a50, a95, r50, r95, l50, l95))
        print(f"    {row['query']:<10}{row['total']:>11}{times}{a95 / r95:>10.1f}x")


def main() -> None:
    args = parse_args()
    with workspace(args) as var_dir:
        setup(var_dir)
        run(args)


if __name__ == "__main__":
    main()
