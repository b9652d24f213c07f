"""A small indexed corpus over the shared court tree (京 → 京03 → 京0105; 京 → 京01 → 京0108)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from tianping.search.services import IndexInput, judgment_index_put

LOAN_TEXT = (
    "原告张某诉称：被告李某于2025年向原告借款五万元，约定三个月归还，到期未还。诉讼请求：判令被告归还借款五万元及逾期利息。"
    "本院认为：当事人之间的民间借贷关系合法有效，被告应当归还借款。"
)
SALE_TEXT = (
    "原告某商贸公司诉称：双方签订买卖合同，原告交付货物后被告未付货款。诉讼请求：判令被告支付货款及违约金。"
    "本院认为：买卖合同合法有效，被告应当支付货款。"
)
UNJUST_TEXT = (
    "原告王某诉称：其误将款项转入被告账户，被告拒不返还。本院认为：被告取得款项没有法律根据，构成不当得利，应当返还。"
)
THEFT_TEXT = (
    "公诉机关指控：被告人赵某于2025年5月在商场内盗窃手机一部，价值三千元。"
    "本院认为：被告人以非法占有为目的，秘密窃取他人财物，构成盗窃罪。"
)


def entry(court: Any, publication_id: int, **overrides: Any) -> IndexInput:
    values: dict[str, Any] = {
        "publication_id": publication_id, "title": "张某与李某民间借贷纠纷一审民事判决书", "text": LOAN_TEXT,
        "case_number": f"（2026）{court.code}民初{publication_id}号", "court_id": court.pk, "court_name": court.name,
        "court_path": court.path, "court_level": court.level, "region_code": court.division_code,
        "region_name": court.region_name, "case_category": "civil", "case_type_code": "民初", "cause_id": 1,
        "cause_name": "民间借贷纠纷", "document_kind": "civil_judgment", "procedure": "simplified",
        "judgment_date": dt.date(2026, 3, 1), "published_at": dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC),
    }  # fmt: skip
    values.update(overrides)
    return IndexInput(**values)


@dataclasses.dataclass
class Corpus:
    loan_chaoyang: IndexInput
    loan_haidian: IndexInput
    sale: IndexInput
    unjust: IndexInput
    theft: IndexInput


@pytest.fixture
def corpus(courts: Any) -> Corpus:
    c = Corpus(
        loan_chaoyang=entry(courts.chaoyang, 101, judgment_date=dt.date(2026, 3, 1)),
        loan_haidian=entry(courts.haidian, 102, judgment_date=dt.date(2025, 11, 20), procedure="ordinary"),
        sale=entry(
            courts.haidian, 103, title="某商贸公司与某超市买卖合同纠纷一审民事判决书", text=SALE_TEXT, cause_id=2,
            cause_name="买卖合同纠纷", judgment_date=dt.date(2026, 1, 15),
        ),
        unjust=entry(
            courts.third_intermediate, 104, title="王某与陈某不当得利纠纷二审民事判决书", text=UNJUST_TEXT, cause_id=3,
            cause_name="不当得利纠纷", procedure="second_instance", judgment_date=dt.date(2026, 2, 2),
            case_number="（2026）京03民终104号", case_type_code="民终",
        ),
        theft=entry(
            courts.chaoyang, 105, title="赵某盗窃一审刑事判决书", text=THEFT_TEXT, cause_id=4, cause_name="盗窃罪",
            case_category="criminal", case_type_code="刑初", document_kind="criminal_judgment",
            judgment_date=dt.date(2026, 4, 5), case_number="（2026）京0105刑初105号",
        ),
    )  # fmt: skip
    for e in (c.loan_chaoyang, c.loan_haidian, c.sale, c.unjust, c.theft):
        judgment_index_put(entry=e)
    return c
