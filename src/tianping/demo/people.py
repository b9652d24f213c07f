"""Synthetic people and organisations for the demo cases.

Names use Faker ``zh_CN``'s surname frequencies and given-name characters; every identifier is
well formed: resident ID numbers carry the GB 11643 check character and agree with the
person's gender and birth date, unified social credit codes carry both the GB 11714
organisation-code check character and the GB 32100 check character, mobiles use real
carrier prefixes, lawyers' practising licence numbers have 17 digits. Everything is drawn
from one ``random.Random``, so a seed gives the same people every time.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import NamedTuple

from faker.providers.company.zh_CN import Provider as CompanyProvider
from faker.providers.person.zh_CN import Provider as PersonProvider

from tianping.core.validators import credit_code_check_char, id_number_check_char
from tianping.demo import beijing

BEIJING_DISTRICTS: tuple[tuple[str, str], ...] = tuple((name, code) for name, code, _parent in beijing.DISTRICTS)

# Places of household registration outside Beijing (GB/T 2260 district codes), for ID numbers.
OTHER_REGIONS: tuple[tuple[str, str], ...] = (
    ("120101", "天津市和平区"),
    ("130102", "河北省石家庄市长安区"),
    ("130602", "河北省保定市竞秀区"),
    ("131002", "河北省廊坊市安次区"),
    ("140105", "山西省太原市小店区"),
    ("150102", "内蒙古自治区呼和浩特市新城区"),
    ("210102", "辽宁省沈阳市和平区"),
    ("220104", "吉林省长春市朝阳区"),
    ("230103", "黑龙江省哈尔滨市南岗区"),
    ("320106", "江苏省南京市鼓楼区"),
    ("330106", "浙江省杭州市西湖区"),
    ("340104", "安徽省合肥市蜀山区"),
    ("360102", "江西省南昌市东湖区"),
    ("370102", "山东省济南市历下区"),
    ("410105", "河南省郑州市金水区"),
    ("420106", "湖北省武汉市武昌区"),
    ("430104", "湖南省长沙市岳麓区"),
    ("440106", "广东省广州市天河区"),
    ("500103", "重庆市渝中区"),
    ("510107", "四川省成都市武侯区"),
    ("610113", "陕西省西安市雁塔区"),
)

ETHNICITIES: tuple[tuple[str, int], ...] = (
    ("汉族", 930),
    ("满族", 22),
    ("回族", 20),
    ("蒙古族", 8),
    ("朝鲜族", 5),
    ("土家族", 4),
    ("壮族", 4),
    ("苗族", 3),
    ("维吾尔族", 2),
    ("藏族", 2),
)

MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "178",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "198",
    "199",
]

# First characters of two-character given names (Faker's zh_CN names have one).
MALE_FIRST = "志建国永文俊海晓子宇浩家明天嘉振鹏宏昊博瑞立德春长云成"
FEMALE_FIRST = "秀丽晓美雅思雨佳欣婉梦慧静淑玉春彩凤桂红文雪海若"

STREET_STEMS = [
    "建国",
    "朝阳",
    "安定",
    "和平",
    "光华",
    "团结",
    "育新",
    "望京",
    "酒仙桥",
    "东四",
    "西单",
    "长安",
    "复兴",
    "阜成",
    "学院",
    "中关村",
    "知春",
    "北苑",
    "双桥",
    "定福庄",
    "南湖",
    "花园",
    "科技园",
    "新华",
    "文化",
    "青年",
    "幸福",
    "金融",
    "广渠",
    "百子湾",
    "劲松",
    "潘家园",
    "丰台",
    "石景山",
    "鲁谷",
    "苹果园",
    "回龙观",
    "天通苑",
    "亦庄",
    "梨园",
    "九棵树",
    "良乡",
    "长阳",
    "城关",
    "马驹桥",
    "永定",
    "滨河",
    "怀柔",
    "府前",
    "新城",
]
STREET_SUFFIXES = ("路", "街", "大街", "北路", "南路", "东路", "西路", "中路")
COMMUNITIES = ("小区", "家园", "花园", "社区", "里", "苑", "公寓")

INDUSTRIES = (
    "科技",
    "商贸",
    "建筑工程",
    "房地产开发",
    "文化传媒",
    "餐饮管理",
    "物业管理",
    "汽车销售",
    "网络科技",
    "医药",
    "物流",
    "投资管理",
    "教育咨询",
    "装饰工程",
    "信息技术",
    "电子商务",
    "劳务派遣",
    "广告",
)
COMPANY_FORMS = ("有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司")
# Names of financial institutions and listed companies by trade (the parties of financial disputes).
FINANCIAL_FORMS: dict[str, tuple[str, ...]] = {
    "bank": ("银行股份有限公司{district}支行", "农村商业银行股份有限公司{district}支行"),
    "lender": ("消费金融有限公司", "小额贷款有限公司"),
    "leasing": ("融资租赁有限公司",),
    "guarantor": ("融资担保有限公司",),
    "insurer": ("财产保险股份有限公司北京分公司",),
    "securities": ("证券股份有限公司",),
    "listed": ("科技股份有限公司", "实业股份有限公司"),
}
LAW_FIRM_CHARS = "正和信达中诚君华金泰德恒安盈汇明元康成立嘉智衡律博远为"


class Person(NamedTuple):
    name: str
    gender: str
    birth_date: dt.date
    ethnicity: str
    id_number: str
    address: str
    mobile: str


class Organisation(NamedTuple):
    name: str
    credit_code: str
    legal_representative: str
    address: str


class Lawyer(NamedTuple):
    name: str
    licence_no: str
    law_firm: str
    mobile: str


def organisation_code_check_char(body: str) -> str:
    """GB 11714: the check character of an 8-character organisation code body."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(ch, 36) * w for ch, w in zip(body, weights, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


class Identities:
    """A factory of people, companies, public bodies and lawyers, all drawn from ``rng``."""

    def __init__(self, rng: random.Random, today: dt.date, lawyers: int = 1500) -> None:
        self.rng = rng
        self.today = today
        surnames = PersonProvider.last_names
        self._surnames = list(surnames)
        self._surname_weights = list(itertools.accumulate(surnames.values()))
        self._male = list(PersonProvider.first_names_male)
        self._female = list(PersonProvider.first_names_female)
        self._ethnicities = [name for name, _ in ETHNICITIES]
        self._ethnicity_weights = list(itertools.accumulate(weight for _, weight in ETHNICITIES))
        self._sequences: set[str] = set()
        self._org_codes: set[str] = set()
        self._public_bodies: dict[str, Organisation] = {}
        firms = sorted({f"北京市{a}{b}律师事务所" for a in LAW_FIRM_CHARS for b in LAW_FIRM_CHARS if a != b})
        self.law_firms = rng.sample(firms, 150)
        self.lawyers = [self._lawyer(n) for n in range(lawyers)]

    # -- people ----------------------------------------------------------------------------

    def surname(self) -> str:
        return self.rng.choices(self._surnames, cum_weights=self._surname_weights)[0]

    def name(self, gender: str) -> str:
        rng = self.rng
        given = rng.choice(self._male if gender == "male" else self._female)
        if rng.random() < 0.65:
            given = rng.choice(MALE_FIRST if gender == "male" else FEMALE_FIRST) + given
        return self.surname() + given

    def id_number(self, region: str, birth: dt.date, gender: str) -> str:
        while True:
            order = self.rng.randrange(0, 500) * 2 + (1 if gender == "male" else 0)
            first17 = f"{region}{birth:%Y%m%d}{order:03d}"
            if first17 not in self._sequences:  # one person per number
                self._sequences.add(first17)
                return first17 + id_number_check_char(first17)

    def mobile(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def address(self, district: str | None = None) -> str:
        rng = self.rng
        district = district or rng.choice(BEIJING_DISTRICTS)[0]
        street = rng.choice(STREET_STEMS) + rng.choice(STREET_SUFFIXES)
        if rng.random() < 0.6:
            community = rng.choice(STREET_STEMS) + rng.choice(COMMUNITIES)
            return (
                f"北京市{district}{street}{community}{rng.randint(1, 30)}号楼"
                f"{rng.randint(1, 6)}单元{rng.randint(1, 24)}{rng.randint(1, 4):02d}室"
            )
        return f"北京市{district}{street}{rng.randint(1, 300)}号"

    def person(
        self, *, district: str | None = None, min_age: int = 18, max_age: int = 80, male_share: float = 0.52
    ) -> Person:
        """Someone living in Beijing (mostly in ``district``), registered there or elsewhere at birth."""
        rng = self.rng
        gender = "male" if rng.random() < male_share else "female"
        birth = self.today - dt.timedelta(days=rng.randint(min_age * 365 + 5, max_age * 365))
        if rng.random() < 0.55:
            region = self._district_code(district if rng.random() < 0.5 else None)[1]
        else:
            region = rng.choice(OTHER_REGIONS)[0]
        ethnicity = rng.choices(self._ethnicities, cum_weights=self._ethnicity_weights)[0]
        return Person(
            self.name(gender),
            gender,
            birth,
            ethnicity,
            self.id_number(region, birth, gender),
            self.address(district if rng.random() < 0.7 else None),
            self.mobile(),
        )

    # -- organisations ---------------------------------------------------------------------

    def credit_code(self, prefix: str, region: str) -> str:
        """``prefix`` = registration authority + type: 91 enterprise, 11 government body."""
        while True:
            body = f"{self.rng.randrange(10**8):08d}"
            if body not in self._org_codes:
                self._org_codes.add(body)
                break
        first17 = f"{prefix}{region}{body}{organisation_code_check_char(body)}"
        return first17 + credit_code_check_char(first17)

    def _district_code(self, district: str | None) -> tuple[str, str]:
        for name, code in BEIJING_DISTRICTS:
            if name == district:
                return name, code
        return self.rng.choice(BEIJING_DISTRICTS)

    def company(self, *, district: str | None = None, trade: str = "") -> Organisation:
        """A company; ``trade`` names a kind of financial institution (``FINANCIAL_FORMS``), "" any business."""
        rng = self.rng
        name_district, region = self._district_code(district)
        prefix = rng.choice(CompanyProvider.company_prefixes)
        if trade:
            form = rng.choice(FINANCIAL_FORMS[trade])
            name = f"北京{prefix}" + form.format(district=name_district.removesuffix("区"))
        else:
            name = f"北京{prefix}{rng.choice(INDUSTRIES)}{rng.choice(COMPANY_FORMS)}"
        gender = "male" if rng.random() < 0.7 else "female"
        return Organisation(name, self.credit_code("91", region), self.name(gender), self.address(name_district))

    def public_body(self, name: str, district: str | None = None) -> Organisation:
        """A government body or procuratorate: the same code every time it appears."""
        body = self._public_bodies.get(name)
        if body is None:
            name_district, region = self._district_code(district)
            head = self.name("male" if self.rng.random() < 0.7 else "female")
            region = region if district else "110000"
            body = Organisation(name, self.credit_code("11", region), head, self.address(name_district))
            self._public_bodies[name] = body
        return body

    # -- lawyers ---------------------------------------------------------------------------

    def _lawyer(self, index: int) -> Lawyer:
        rng = self.rng
        gender = "male" if rng.random() < 0.55 else "female"
        year = rng.randint(2000, self.today.year - 1)
        # 1 + region 1101 (Beijing) + year first licensed + 1 (full-time) + sex + serial
        licence = f"11101{year}1{1 if gender == 'male' else 0}{100000 + index:06d}"
        return Lawyer(self.name(gender), licence, rng.choice(self.law_firms), self.mobile())

    def lawyer(self) -> Lawyer:
        return self.rng.choice(self.lawyers)
