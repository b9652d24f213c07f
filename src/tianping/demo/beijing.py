"""The demo province: the courts of Beijing (北京), as plain data.

Codes follow the SPC rules (docs/domain.md §1): the high court is 京, intermediate courts
京 + 2 digits (73 IP, 74 financial), basic courts 京 + the last four digits of the
district's administrative-division code. Addresses are given only where they are known;
otherwise the district alone. 12368 is the courts' litigation-service hotline.
"""

from __future__ import annotations

from typing import NamedTuple

HOTLINE = "12368"


class CourtData(NamedTuple):
    code: str
    name: str
    short_name: str
    level: str  # courts.enums.CourtLevel value
    parent_code: str | None
    division_code: str
    region_name: str
    specialty: str = ""  # courts.enums.CourtSpecialty value; "" = general court
    address: str = ""
    phone: str = HOTLINE


class DivisionData(NamedTuple):
    name: str
    kind: str  # courts.enums.DivisionKind value


# (district, administrative-division code, intermediate court whose jurisdiction it is in)
DISTRICTS: tuple[tuple[str, str, str], ...] = (
    ("东城区", "110101", "京02"),
    ("西城区", "110102", "京02"),
    ("朝阳区", "110105", "京03"),
    ("丰台区", "110106", "京02"),
    ("石景山区", "110107", "京01"),
    ("海淀区", "110108", "京01"),
    ("门头沟区", "110109", "京01"),
    ("房山区", "110111", "京02"),
    ("通州区", "110112", "京03"),
    ("顺义区", "110113", "京03"),
    ("昌平区", "110114", "京01"),
    ("大兴区", "110115", "京02"),
    ("怀柔区", "110116", "京03"),
    ("平谷区", "110117", "京03"),
    ("密云区", "110118", "京03"),
    ("延庆区", "110119", "京01"),
)

# Street addresses known for certain courts; the others get their district only.
KNOWN_ADDRESSES: dict[str, str] = {
    "京": "北京市东城区建国门南大街10号",
    "京01": "北京市石景山区石景山路16号",
    "京0108": "北京市海淀区丹棱街12号",
}

_UPPER: tuple[CourtData, ...] = (
    CourtData("京", "北京市高级人民法院", "北京高院", "high", None, "110000", "北京市"),
    CourtData("京01", "北京市第一中级人民法院", "北京一中院", "intermediate", "京", "110000", "北京市"),
    CourtData("京02", "北京市第二中级人民法院", "北京二中院", "intermediate", "京", "110000", "北京市"),
    CourtData("京03", "北京市第三中级人民法院", "北京三中院", "intermediate", "京", "110000", "北京市"),
    CourtData("京04", "北京市第四中级人民法院", "北京四中院", "intermediate", "京", "110000", "北京市"),
    CourtData("京73", "北京知识产权法院", "北京知产法院", "intermediate", "京", "110000", "北京市", specialty="ip"),
    CourtData("京74", "北京金融法院", "北京金融法院", "intermediate", "京", "110000", "北京市", specialty="financial"),
)

_BASIC: tuple[CourtData, ...] = tuple(
    CourtData(
        code=f"京{division_code[2:]}",
        name=f"北京市{district}人民法院",
        short_name=f"{district.removesuffix('区')}法院",
        level="basic",
        parent_code=parent,
        division_code=division_code,
        region_name=f"北京市{district}",
    )
    for district, division_code, parent in DISTRICTS
)

_INTERNET = CourtData(
    "京0491", "北京互联网法院", "北京互联网法院", "basic", "京04", "110000", "北京市", specialty="internet"
)

# Parents always come before their children.
COURTS: tuple[CourtData, ...] = tuple(
    court._replace(
        address=KNOWN_ADDRESSES.get(court.code) or (court.region_name if court.region_name != "北京市" else "")
    )
    for court in (*_UPPER, *_BASIC, _INTERNET)
)

GENERAL_DIVISIONS: tuple[DivisionData, ...] = (
    DivisionData("立案庭", "filing"),
    DivisionData("民事审判第一庭", "civil"),
    DivisionData("民事审判第二庭", "civil"),
    DivisionData("刑事审判庭", "criminal"),
    DivisionData("行政审判庭", "administrative"),
    DivisionData("审判监督庭", "supervision"),
    DivisionData("执行局", "enforcement"),
    DivisionData("审判管理办公室", "management"),
)

HIGH_COURT_DIVISIONS: tuple[DivisionData, ...] = (
    DivisionData("立案庭", "filing"),
    DivisionData("民事审判第一庭", "civil"),
    DivisionData("民事审判第二庭", "civil"),
    DivisionData("民事审判第三庭", "civil"),
    DivisionData("刑事审判第一庭", "criminal"),
    DivisionData("刑事审判第二庭", "criminal"),
    DivisionData("行政审判庭", "administrative"),
    DivisionData("审判监督庭", "supervision"),
    DivisionData("执行局", "enforcement"),
    DivisionData("审判管理办公室", "management"),
    DivisionData("研究室", "office"),
    DivisionData("信息技术处", "office"),
)

IP_COURT_DIVISIONS: tuple[DivisionData, ...] = (
    DivisionData("立案庭", "filing"),
    DivisionData("民事审判第一庭", "civil"),
    DivisionData("民事审判第二庭", "civil"),
    DivisionData("行政审判第一庭", "administrative"),
    DivisionData("行政审判第二庭", "administrative"),
    DivisionData("审判监督庭", "supervision"),
    DivisionData("技术调查室", "office"),
    DivisionData("审判管理办公室", "management"),
)

FINANCIAL_COURT_DIVISIONS: tuple[DivisionData, ...] = (
    DivisionData("立案庭", "filing"),
    DivisionData("民事审判第一庭", "civil"),
    DivisionData("民事审判第二庭", "civil"),
    DivisionData("行政审判庭", "administrative"),
    DivisionData("审判监督庭", "supervision"),
    DivisionData("执行局", "enforcement"),
    DivisionData("审判管理办公室", "management"),
)

INTERNET_COURT_DIVISIONS: tuple[DivisionData, ...] = (
    DivisionData("立案庭", "filing"),
    DivisionData("综合审判一庭", "civil"),
    DivisionData("综合审判二庭", "civil"),
    DivisionData("综合审判三庭", "administrative"),
    DivisionData("执行局", "enforcement"),
    DivisionData("审判管理办公室", "management"),
    DivisionData("技术室", "office"),
)


# Divisions of the specialized courts; the high court has its own list, the others GENERAL_DIVISIONS.
SPECIALIZED_DIVISIONS: dict[str, tuple[DivisionData, ...]] = {
    "ip": IP_COURT_DIVISIONS,
    "financial": FINANCIAL_COURT_DIVISIONS,
    "internet": INTERNET_COURT_DIVISIONS,
}


# Courtrooms per court: the high court and the internet court have the most.
COURTROOM_COUNTS: dict[str, int] = {"high": 8, "intermediate": 6, "basic": 5}
COURTROOM_COUNT_OVERRIDES: dict[str, int] = {"京0105": 8, "京0108": 8, "京0491": 7, "京73": 7}

CHINESE_ORDINALS: tuple[str, ...] = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")

# Demo users outside the courts.
LITIGANT = {
    "username": "litigant",
    "id_region": "110105",
    "id_birth": "19880716",
    "id_sequence": "124",
    "mobile": "13800138000",
}
LAWYER = {
    "username": "lawyer",
    "id_region": "110108",
    "id_birth": "19820304",
    "id_sequence": "357",
    "mobile": "13900139000",
    "licence_no": "11101201910234567",
    "law_firm": "北京市天平律师事务所",
}
