"""Integrity of the seed data in ``tianping.cases.data`` (pure data: no database needed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tianping.cases.data import case_types, causes

CATEGORIES = {
    "criminal", "civil", "administrative", "compensation", "preservation", "enforcement", "bankruptcy",
    "jurisdiction", "other",
}  # fmt: skip
INSTANCES = {"first", "second", "retrial_review", "retrial", "special", "enforcement", "preservation", "other"}
PROCEDURES = {
    "ordinary", "simplified", "small_claims", "special", "second_instance", "retrial_review", "retrial",
    "enforcement", "non_litigation_enforcement", "preservation", "other",
}  # fmt: skip

# docs/domain.md §2, verbatim (the trailing "…" of the compensation group dropped).
DOMAIN_TYPE_CODES = {
    "刑事": "刑初 刑终 刑监 刑申 刑抗 刑再 刑核 刑更 刑他",
    "民事": "民初 民终 民监 民申 民抗 民再 民撤 民特 民催 民督 民他",
    "行政": "行初 行终 行监 行申 行抗 行再 行审 行他",
    "国家赔偿/司法救助": "法赔 委赔 司救民 司救刑 司救执",
    "非诉保全": "财保 行保 证保",
    "执行": "执 执恢 执保 执异 执复 执监 执协 执他",
    "破产清算": "破申 破 破终 强清",
    "管辖": "民辖 民辖终 刑辖 行辖",
}

TREES = ("CIVIL_CAUSES", "CRIMINAL_CHARGES", "ADMINISTRATIVE_CAUSES", "ENFORCEMENT_CAUSES")

# Field limits of cases.CauseOfAction / cases.CaseType.
CAUSE_CODE_MAX, CAUSE_NAME_MAX, PATH_NAME_MAX, TYPE_NAME_MAX = 24, 80, 300, 40


def walk(nodes: list[dict], depth: int = 1, path: tuple[str, ...] = ()) -> Iterator[tuple[int, tuple[str, ...], dict]]:
    for node in nodes:
        here = (*path, node["name"])
        yield depth, here, node
        yield from walk(node.get("children", []), depth + 1, here)


def find(nodes: list[dict], name: str) -> dict:
    matches = [node for _, _, node in walk(nodes) if node["name"] == name]
    assert matches, name
    return matches[-1]  # deepest / last: level-3 causes share names with some level-2 headings


def types_by_code() -> dict[str, dict]:
    return {entry["code"]: entry for entry in case_types.CASE_TYPES}


# --- trees ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("attribute", TREES)
def test_tree_nodes_are_well_formed(attribute: str) -> None:
    tree = getattr(causes, attribute)
    assert tree
    codes = []
    for _, path, node in walk(tree):
        assert set(node) == {"code", "name", "children"}
        assert isinstance(node["code"], str)
        assert node["code"].strip() == node["code"]
        assert 0 < len(node["code"]) <= CAUSE_CODE_MAX
        assert isinstance(node["name"], str)
        assert node["name"].strip() == node["name"]
        assert 0 < len(node["name"]) <= CAUSE_NAME_MAX
        assert len(" / ".join(path)) <= PATH_NAME_MAX
        assert isinstance(node["children"], list)
        codes.append(node["code"])
    assert len(codes) == len(set(codes)), f"duplicate codes in {attribute}"


def test_civil_tree_shape_follows_the_2020_rules() -> None:
    depths = [depth for depth, _, _ in walk(causes.CIVIL_CAUSES)]
    assert max(depths) <= 4
    assert depths.count(1) == 11
    assert depths.count(2) == 54
    level3 = [node for depth, _, node in walk(causes.CIVIL_CAUSES) if depth == 3]
    assert [node["code"] for node in level3] == [str(n) for n in range(1, 474)]  # 1 … 473, in order


def test_civil_names_unique_within_a_parent() -> None:
    for _, _, node in walk(causes.CIVIL_CAUSES):
        names = [child["name"] for child in node["children"]]
        assert len(names) == len(set(names)), node["name"]


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        ("借款合同纠纷", "民间借贷纠纷"),
        ("借款合同纠纷", "金融借款合同纠纷"),
        ("借款合同纠纷", "金融不良债权追偿纠纷"),
        ("房屋买卖合同纠纷", "商品房预售合同纠纷"),
        ("租赁合同纠纷", "房屋租赁合同纠纷"),
        ("建设工程合同纠纷", "建设工程施工合同纠纷"),
        ("劳动合同纠纷", "确认劳动关系纠纷"),
        ("劳动合同纠纷", "追索劳动报酬纠纷"),
        ("医疗损害责任纠纷", "侵害患者知情同意权责任纠纷"),
        ("隐私权、个人信息保护纠纷", "个人信息保护纠纷"),
        ("合同纠纷", "借款合同纠纷"),
        ("侵权责任纠纷", "机动车交通事故责任纠纷"),
        ("担保物权纠纷", "抵押权纠纷"),
        ("占有保护纠纷", "占有物返还纠纷"),
        ("与公司有关的纠纷", "股权转让纠纷"),
    ],
)
def test_civil_spot_checks(parent: str, child: str) -> None:
    assert child in {node["name"] for node in find(causes.CIVIL_CAUSES, parent)["children"]}


def test_civil_official_numbers() -> None:
    by_code = {node["code"]: node["name"] for _, _, node in walk(causes.CIVIL_CAUSES)}
    assert by_code["103"] == "借款合同纠纷"
    assert by_code["103.3"] == "民间借贷纠纷"
    assert by_code["14"] == "离婚纠纷"
    assert by_code["186"] == "劳动合同纠纷"
    assert by_code["374"] == "机动车交通事故责任纠纷"
    assert by_code["S10"] == "合同纠纷"
    assert by_code["P4"] == "第四部分 合同、准合同纠纷"


def test_removed_2011_cause_is_absent() -> None:
    # 企业借贷纠纷 was folded into 民间借贷纠纷 by the 2020 revision.
    assert "企业借贷纠纷" not in {node["name"] for _, _, node in walk(causes.CIVIL_CAUSES)}


@pytest.mark.parametrize(
    ("charge", "chapter"),
    [
        ("危险驾驶罪", "危害公共安全罪"),
        ("交通肇事罪", "危害公共安全罪"),
        ("盗窃罪", "侵犯财产罪"),
        ("诈骗罪", "侵犯财产罪"),
        ("职务侵占罪", "侵犯财产罪"),
        ("故意伤害罪", "侵犯公民人身权利、民主权利罪"),
        ("侵犯公民个人信息罪", "侵犯公民人身权利、民主权利罪"),
        ("帮助信息网络犯罪活动罪", "妨害社会管理秩序罪"),
        ("开设赌场罪", "妨害社会管理秩序罪"),
        ("走私、贩卖、运输、制造毒品罪", "妨害社会管理秩序罪"),
        ("掩饰、隐瞒犯罪所得、犯罪所得收益罪", "妨害社会管理秩序罪"),
        ("拒不执行判决、裁定罪", "妨害社会管理秩序罪"),
        ("非法吸收公众存款罪", "破坏社会主义市场经济秩序罪"),
        ("虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪", "破坏社会主义市场经济秩序罪"),
        ("组织、领导传销活动罪", "破坏社会主义市场经济秩序罪"),
        ("受贿罪", "贪污贿赂罪"),
        ("滥用职权罪", "渎职罪"),
    ],
)
def test_criminal_charge_chapters(charge: str, chapter: str) -> None:
    homes = [c["name"] for c in causes.CRIMINAL_CHARGES if charge in {n["name"] for n in c["children"]}]
    assert len(homes) == 1
    assert homes[0].endswith(" " + chapter)


def test_criminal_tree_shape() -> None:
    assert [c["code"] for c in causes.CRIMINAL_CHARGES] == [str(n) for n in range(1, 11)]
    assert causes.CRIMINAL_CHARGES[3]["name"] == "第四章 侵犯公民人身权利、民主权利罪"
    charges = [node for depth, _, node in walk(causes.CRIMINAL_CHARGES) if depth == 2]
    assert len(charges) >= 80
    assert all(node["name"].endswith("罪") and not node["children"] for node in charges)
    assert len({node["name"] for node in charges}) == len(charges)


def test_administrative_spot_checks() -> None:
    kinds = {node["name"]: node for node in causes.ADMINISTRATIVE_CAUSES}
    for kind in ("行政处罚", "行政强制措施", "行政强制执行", "行政许可", "政府信息公开", "行政协议", "不履行职责"):
        assert kind in kinds
    assert {"警告", "罚款", "行政拘留", "没收违法所得"} <= {c["name"] for c in kinds["行政处罚"]["children"]}
    assert max(depth for depth, _, _ in walk(causes.ADMINISTRATIVE_CAUSES)) <= 2


# --- type codes ----------------------------------------------------------------------------------------------


def test_type_codes_are_well_formed() -> None:
    codes = [entry["code"] for entry in case_types.CASE_TYPES]
    assert len(codes) == len(set(codes))
    for entry in case_types.CASE_TYPES:
        assert set(entry) == {"code", "name", "category", "instance", "default_procedure", "sort"}
        assert 1 <= len(entry["code"]) <= 3
        assert 0 < len(entry["name"]) <= TYPE_NAME_MAX
        assert entry["category"] in CATEGORIES
        assert entry["instance"] in INSTANCES
        assert entry["default_procedure"] in PROCEDURES
        assert isinstance(entry["sort"], int)
        assert entry["sort"] >= 0
    sorts = [entry["sort"] for entry in case_types.CASE_TYPES]
    assert sorts == sorted(sorts)
    assert len(sorts) == len(set(sorts))


def test_every_domain_code_is_present() -> None:
    known = types_by_code()
    missing = [code for group in DOMAIN_TYPE_CODES.values() for code in group.split() if code not in known]
    assert missing == []


@pytest.mark.parametrize(
    ("code", "category", "instance", "procedure"),
    [
        ("民初", "civil", "first", "ordinary"),
        ("民终", "civil", "second", "second_instance"),
        ("刑初", "criminal", "first", "ordinary"),
        ("刑终", "criminal", "second", "second_instance"),
        ("刑申", "criminal", "retrial_review", "retrial_review"),
        ("刑再", "criminal", "retrial", "retrial"),
        ("行审", "administrative", "special", "non_litigation_enforcement"),
        ("执", "enforcement", "enforcement", "enforcement"),
        ("执恢", "enforcement", "enforcement", "enforcement"),
        ("财保", "preservation", "preservation", "preservation"),
        ("民辖终", "jurisdiction", "second", "second_instance"),
        ("破申", "bankruptcy", "first", "special"),
        ("法赔", "compensation", "special", "special"),
        ("司救民", "other", "other", "other"),
    ],
)
def test_type_code_spot_checks(code: str, category: str, instance: str, procedure: str) -> None:
    entry = types_by_code()[code]
    assert (entry["category"], entry["instance"], entry["default_procedure"]) == (category, instance, procedure)


def test_specialized_markers() -> None:
    markers = {m["marker"]: m["name"] for m in case_types.SPECIALIZED_MARKERS}
    assert markers["知"] == "知识产权"
    assert all(len(marker) == 1 for marker in markers)
    assert not set(markers) & {entry["code"] for entry in case_types.CASE_TYPES}
