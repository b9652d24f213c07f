"""Anonymization cases (domain.md §7): pseudonyms, collisions, minority and compound names, names
inside longer words, a party named like a place, kept judges/lawyers/organisations, detection of
checksummed numbers, organisation accounts, and the evaluation corpus."""

from __future__ import annotations

from tests import factories
from tianping.core.validators import luhn_valid
from tianping.publicity.anonymize import Facts, Person, anonymize
from tianping.publicity.anonymize.evaluation import evaluate

PARTY_ID = factories.make_id_number(birth="19850312", sequence=1)


def replaced(text: str, facts: Facts | None = None, **extra: object) -> str:
    return anonymize(text, facts or Facts(), **extra).text  # type: ignore[arg-type]


def test_surname_and_collisions_get_numbers() -> None:
    facts = Facts(people=[Person("张三"), Person("张四"), Person("李五")])
    text = replaced("原告张三与被告张四、李五。张三称", facts)
    assert text == "原告张某1与被告张某2、李某。张某1称"


def test_compound_surname_kept_whole_and_minority_first_character() -> None:
    facts = Facts(people=[Person("欧阳娜娜"), Person("阿不都·热合曼", "维吾尔族"), Person("巴特尔", "蒙古族")])
    assert replaced("欧阳娜娜、阿不都·热合曼、巴特尔", facts) == "欧阳某、阿某、巴某"


def test_name_inside_a_longer_place_name_is_kept() -> None:
    facts = Facts(people=[Person("张三")])
    assert replaced("张三住在张三丰路附近，张三大街上", facts) == "张某住在张三丰路附近，张三大街上"


def test_party_named_like_a_place() -> None:
    facts = Facts(people=[Person("常德")])
    assert replaced("原告常德在常德市打工", facts) == "原告常某在常德市打工"


def test_judges_lawyers_firms_and_organisations_are_kept() -> None:
    facts = Facts(people=[Person("王小明")], kept=["李律师", "北京市天平律师事务所", "北京某某科技有限公司", "钱书记"])
    text = (
        "原告王小明的委托诉讼代理人李律师，北京市天平律师事务所律师。被告北京某某科技有限公司。"
        "\n审判员　陈建国\n书记员　钱书记"
    )
    result = replaced(text, facts)
    for kept in ("李律师", "北京市天平律师事务所", "北京某某科技有限公司", "陈建国", "钱书记"):
        assert kept in result
    assert "王小明" not in result


def test_record_values_deleted_with_same_length_crosses() -> None:
    facts = Facts(people=[Person("张三")], deleted=[(PARTY_ID, "id_number"), ("北京市朝阳区建国路1号", "address")])
    result = anonymize(f"张三，公民身份号码{PARTY_ID}，住北京市朝阳区建国路1号。", facts)
    assert result.text == f"张某，公民身份号码{'×' * 18}，住{'×' * 11}。"
    kinds = {(r.kind, r.source) for r in result.replacements}
    assert ("id_number", "record") in kinds
    assert ("address", "record") in kinds
    first = result.replacements[0]
    assert (first.start, first.end, first.original) == (0, 2, "张三")


def test_detected_numbers_need_valid_checksums() -> None:
    valid_id = factories.make_id_number(birth="19900101", sequence=7)
    invalid_id = valid_id[:17] + ("0" if valid_id[17] != "0" else "1")
    card = luhn_complete("622202020011223344")
    bad_card = card[:-1] + str((int(card[-1]) + 1) % 10)
    text = (
        f"身份证{valid_id}，另一号码{invalid_id}，银行卡{card}，卡号{bad_card}，"
        "手机13912345678，电话010-87654321，车牌京A12345"
    )
    result = anonymize(text, Facts())
    found = {r.original: r.kind for r in result.replacements}
    assert found[valid_id] == "id_number"
    assert invalid_id not in found
    assert found[card] == "bank_card"
    assert bad_card not in found
    assert found["13912345678"] == "mobile"
    assert found["010-87654321"] == "landline"
    assert found["京A12345"] == "plate"


def test_organisation_account_and_title_number_deleted_but_name_kept() -> None:
    account = luhn_complete("622202123456789012")
    text = f"被告北京某某科技有限公司的对公账户{account}已冻结，房屋不动产权证号京（2020）朝阳区不动产权第0012345号。"
    result = replaced(text, Facts(kept=["北京某某科技有限公司"]))
    assert "北京某某科技有限公司" in result
    assert account not in result
    assert "不动产权第0012345号" not in result


def luhn_complete(body: str) -> str:
    return next(body + digit for digit in "0123456789" if luhn_valid(body + digit))


def test_detected_names_after_cues_and_not_after_titles() -> None:
    result = replaced("证人马婷出庭作证称，经刘建国介绍认识。审判长　王志刚")
    assert "马婷" not in result
    assert "刘建国" not in result
    assert "王志刚" in result


def test_reviewer_added_and_undone_terms() -> None:
    facts = Facts(people=[Person("张三")])
    assert replaced("张三欠款10000元", facts, added=["10000元"]) == "张某欠款××××××"
    assert replaced("张三欠款10000元", facts, undone=["张三"]) == "张三欠款10000元"
    assert replaced("张三与赵六", facts, added=["赵六"]) == "张某与赵某"


def test_evaluation_corpus_meets_targets() -> None:
    report = evaluate(40, seed=3)
    assert report.passed(), "\n".join(report.lines())
    assert all(score.recall == 1.0 for score in report.on_record.values())
