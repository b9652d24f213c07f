"""Evaluation of the anonymizer on a generated corpus whose inserted identifiers are known
(``python -m tianping anonymize_eval``).

Each generated document is a judgment-like text built from pieces; every inserted identifier is
recorded with its offsets, its kind, whether it is on the case record, and whether it must be
replaced or kept (judges, clerks, lawyers, law firms, organisations, places that look like a party's
name, a party's name inside a longer place name). The corpus is built independently of the
anonymizer's rules: names come from Faker, numbers carry valid checksums.
"""

from __future__ import annotations

import dataclasses
import random
from collections import defaultdict
from collections.abc import Callable

from faker import Faker

from tianping.core.validators import id_number_check_char
from tianping.publicity.anonymize import Facts, Person, anonymize
from tianping.publicity.anonymize.names import SURNAMES
from tianping.publicity.enums import ReplacementKind

KEEP = "keep"


@dataclasses.dataclass
class Inserted:
    start: int
    end: int
    value: str
    kind: str  # a ReplacementKind, or KEEP
    on_record: bool
    person: str = ""  # for names: who (to check that different people get different pseudonyms)


@dataclasses.dataclass
class Generated:
    text: str
    facts: Facts
    inserted: list[Inserted]


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.inserted: list[Inserted] = []

    def text(self, value: str) -> None:
        self.parts.append(value)
        self.length += len(value)

    def item(self, value: str, kind: str, *, on_record: bool, person: str = "") -> None:
        self.inserted.append(Inserted(self.length, self.length + len(value), value, kind, on_record, person))
        self.text(value)

    def build(self) -> str:
        return "".join(self.parts)


PROVINCE_CHARS = "京津沪渝冀豫云辽黑湘皖鲁苏浙赣鄂桂甘晋陕吉闽贵粤川"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
MINORITY_NAMES = ["阿依古丽·买买提", "热合曼·艾力", "古丽娜尔·吐尔逊", "巴特尔·朝鲁", "扎西·次仁", "努尔兰·沙力"]
MINORITY_ETHNICITIES = ["维吾尔族", "维吾尔族", "维吾尔族", "蒙古族", "藏族", "哈萨克族"]
PLACE_LIKE = [("常德", "市"), ("黄山", "市"), ("江山", "市"), ("高平", "市"), ("安康", "市"), ("华容", "县")]
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方"]


class CorpusFactory:
    def __init__(self, seed: int) -> None:
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.random = random.Random(seed)  # noqa: S311  (a reproducible corpus, not a secret)

    # ---- identifiers with valid checksums -------------------------------------------------------

    def id_number(self) -> str:
        birth = self.fake.date_of_birth(minimum_age=18, maximum_age=80).strftime("%Y%m%d")
        region = self.random.choice(["110105", "310104", "440305", "510107", "330106"])
        first17 = f"{region}{birth}{self.random.randint(100, 999)}"
        return first17 + id_number_check_char(first17)

    def mobile(self) -> str:
        return f"1{self.random.choice('3456789')}{self.random.randint(0, 999999999):09d}"

    def landline(self) -> str:
        area = self.random.choice(["010", "021", "0755", "028", "0571"])
        return f"{area}-{self.random.randint(20000000, 89999999)}"

    def bank_card(self) -> str:
        body = "622" + "".join(str(self.random.randint(0, 9)) for _ in range(self.random.choice([12, 15])))
        total = 0
        for index, char in enumerate(reversed(body)):
            digit = int(char)
            if index % 2 == 0:
                digit = digit * 2 - 9 if digit > 4 else digit * 2
            total += digit
        return body + str((10 - total % 10) % 10)

    def plate(self) -> str:
        tail = "".join(self.random.choice("0123456789" + PLATE_LETTERS[:8]) for _ in range(5))
        return f"{self.random.choice(PROVINCE_CHARS)}{self.random.choice(PLATE_LETTERS)}{tail}"

    def title_number(self) -> str:
        year, serial = self.random.randint(2010, 2024), self.random.randint(1000000, 9999999)
        return f"{self.random.choice(PROVINCE_CHARS)}（{year}）{self.fake.district()}区不动产权第{serial}号"

    def address(self) -> str:
        return (
            f"{self.fake.province()}{self.fake.city()}{self.fake.district()}区{self.fake.street_name()}"
            f"{self.random.randint(1, 300)}号{self.random.randint(1, 20)}栋{self.random.randint(1, 6)}单元"
            f"{self.random.randint(101, 2505)}室"
        )

    def person_name(self, avoid: set[str]) -> str:
        while True:
            name = self.fake.name()
            if name not in avoid and name[0] in SURNAMES and not any(name in a or a in name for a in avoid):
                avoid.add(name)
                return name

    # ---- one document ---------------------------------------------------------------------------

    def document(self, index: int) -> Generated:
        used: set[str] = set()
        b = _Builder()
        plaintiff, ethnicity_p = self.person_name(used), "汉族"
        place_suffix = ""
        if index % 7 == 3:  # a party named like a place
            plaintiff, place_suffix = PLACE_LIKE[index % len(PLACE_LIKE)]
            used.add(plaintiff)
        elif index % 5 == 1:
            plaintiff = self.random.choice(COMPOUND) + self.fake.first_name()
            used.add(plaintiff)
        defendant, ethnicity_d = self.person_name(used), "汉族"
        if index % 4 == 2:  # a minority name
            pick = index % len(MINORITY_NAMES)
            defendant, ethnicity_d = MINORITY_NAMES[pick], MINORITY_ETHNICITIES[pick]
        elif index % 3 == 0:  # the same surname as the plaintiff: 某1 / 某2
            while True:
                candidate = plaintiff[: len(plaintiff) - len(plaintiff) + (2 if plaintiff[:2] in COMPOUND else 1)]
                candidate += self.fake.first_name()
                if candidate not in used and candidate != plaintiff:
                    defendant = candidate
                    used.add(candidate)
                    break
        company = self.fake.company()
        representative, lawyer = self.person_name(used), self.person_name(used)
        judges = [self.person_name(used) for _ in range(3)]
        clerk = self.person_name(used)
        witness, friend, other = self.person_name(used), self.person_name(used), self.person_name(used)
        introducer = self.person_name(used)
        firm = f"{self.fake.city_name()}{self.random.choice(['正义', '天平', '明德', '衡信'])}律师事务所"
        p_id, d_id, p_mobile = self.id_number(), self.id_number(), self.mobile()
        p_address, d_address = self.address(), self.address()

        def name(value: str, *, on_record: bool = True) -> None:
            b.item(value, ReplacementKind.NAME, on_record=on_record, person=value)

        def keep(value: str) -> None:
            b.item(value, KEEP, on_record=True)

        b.text(f"{self.fake.city_name()}某区人民法院\n民事判决书\n（2025）京0105民初{index + 1}号\n原告：")
        name(plaintiff)
        b.text(f"，{'男' if index % 2 else '女'}，{ethnicity_p}，公民身份号码")
        b.item(p_id, ReplacementKind.ID_NUMBER, on_record=True)
        b.text("，住")
        b.item(p_address, ReplacementKind.ADDRESS, on_record=True)
        b.text("，联系电话")
        b.item(p_mobile, ReplacementKind.MOBILE, on_record=True)
        b.text("。\n被告：")
        name(defendant)
        b.text(f"，{ethnicity_d}，公民身份号码")
        b.item(d_id, ReplacementKind.ID_NUMBER, on_record=True)
        b.text("，住")
        b.item(d_address, ReplacementKind.ADDRESS, on_record=True)
        b.text("。\n被告：")
        keep(company)
        b.text("，法定代表人：")
        keep(representative)
        b.text("，该公司总经理。\n委托诉讼代理人：")
        keep(lawyer)
        b.text("，")
        keep(firm)
        b.text("律师。\n原告")
        name(plaintiff)
        b.text("与被告")
        name(defendant)
        b.text("、")
        keep(company)
        b.text("民间借贷纠纷一案，本院立案后依法适用普通程序公开开庭进行了审理。原告")
        name(plaintiff)
        b.text("、被告")
        keep(company)
        b.text("的委托诉讼代理人")
        keep(lawyer)
        b.text("到庭参加诉讼。\n经审理查明：2023年3月，")
        name(plaintiff)
        b.text("通过其名下尾号银行卡向")
        name(defendant)
        b.text("的账户")
        b.item(self.bank_card(), ReplacementKind.BANK_CARD, on_record=False)
        b.text("转账50000元。双方系经")
        name(introducer, on_record=False)
        b.text("介绍认识。证人")
        name(witness, on_record=False)
        b.text("出庭作证称，其与")
        name(defendant)
        b.text("系邻居，曾见到双方在")
        if place_suffix:
            keep(plaintiff + place_suffix)
            b.text("见面。")
        else:
            keep(plaintiff + "大街")
            b.text("北口见面。")
        b.text(f"{'被告' if index % 2 else '原告'}的朋友")
        name(friend, on_record=False)
        b.text("的手机号码为")
        b.item(self.mobile(), ReplacementKind.MOBILE, on_record=False)
        b.text("，办公电话")
        b.item(self.landline(), ReplacementKind.LANDLINE, on_record=False)
        b.text("。案外人")
        name(other, on_record=False)
        b.text("的公民身份号码为")
        b.item(self.id_number(), ReplacementKind.ID_NUMBER, on_record=False)
        b.text("，其驾驶车牌号为")
        b.item(self.plate(), ReplacementKind.PLATE, on_record=False)
        b.text("的小型轿车。")
        name(defendant)
        b.text("名下位于")
        b.item(self.address(), ReplacementKind.ADDRESS, on_record=False)
        b.text("的房屋（不动产权证号：")
        b.item(self.title_number(), ReplacementKind.TITLE_NUMBER, on_record=False)
        b.text("）已抵押。被告")
        keep(company)
        b.text("的对公账户")
        b.item(self.bank_card(), ReplacementKind.BANK_CARD, on_record=False)
        b.text("已被冻结。\n本院认为，合法的借贷关系受法律保护。")
        name(defendant)
        b.text("应当偿还借款。\n审判长　")
        keep(judges[0])
        b.text("\n审判员　")
        keep(judges[1])
        b.text("\n人民陪审员　")
        keep(judges[2])
        b.text("\n二〇二五年六月一日\n书记员　")
        keep(clerk)
        b.text("\n")
        facts = Facts(
            people=[Person(plaintiff, ethnicity_p), Person(defendant, ethnicity_d)],
            deleted=[(p_id, ReplacementKind.ID_NUMBER), (d_id, ReplacementKind.ID_NUMBER),
                     (p_address, ReplacementKind.ADDRESS), (d_address, ReplacementKind.ADDRESS),
                     (p_mobile, ReplacementKind.MOBILE)],
            kept=[company, representative, lawyer, firm, *judges, clerk],
        )  # fmt: skip
        return Generated(b.build(), facts, b.inserted)


@dataclasses.dataclass
class KindScore:
    expected: int = 0
    found: int = 0
    replaced_total: int = 0
    replaced_correct: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.replaced_correct / self.replaced_total if self.replaced_total else 1.0


@dataclasses.dataclass
class Report:
    documents: int
    on_record: dict[str, KindScore]
    detected: dict[str, KindScore]
    kept_replaced: list[str]
    shared_pseudonyms: list[str]
    minority_errors: list[str]

    def passed(self) -> bool:
        return (
            all(s.recall == 1.0 for s in self.on_record.values())
            and all(s.recall >= 0.99 for s in self.detected.values())
            and not self.kept_replaced
            and not self.shared_pseudonyms
            and not self.minority_errors
        )

    def lines(self) -> list[str]:
        out = [
            f"documents: {self.documents}",
            f"{'kind':<14}{'source':<10}{'expected':>9}{'recall':>9}{'precision':>11}",
        ]
        for label, scores in (("record", self.on_record), ("detected", self.detected)):
            for kind, s in sorted(scores.items()):
                out.append(f"{kind:<14}{label:<10}{s.expected:>9}{s.recall:>9.2%}{s.precision:>11.2%}")
        out.append(f"kept names replaced: {len(self.kept_replaced)} {self.kept_replaced[:5]}")
        out.append(f"different people sharing a pseudonym: {len(self.shared_pseudonyms)} {self.shared_pseudonyms[:5]}")
        out.append(f"minority names not first character + 某: {len(self.minority_errors)} {self.minority_errors[:5]}")
        out.append("PASS" if self.passed() else "FAIL")
        return out


def _covered(item: Inserted, spans: list[tuple[int, int]]) -> bool:
    return any(start <= item.start and item.end <= end for start, end in spans)


def evaluate(documents: int, seed: int, *, progress: Callable[[int], None] | None = None) -> Report:
    factory = CorpusFactory(seed)
    on_record: dict[str, KindScore] = defaultdict(KindScore)
    detected: dict[str, KindScore] = defaultdict(KindScore)
    kept_replaced: list[str] = []
    shared: list[str] = []
    minority: list[str] = []
    for index in range(documents):
        generated = factory.document(index)
        result = anonymize(generated.text, generated.facts)
        spans = [(r.start, r.end) for r in result.replacements]
        for item in generated.inserted:
            if item.kind == KEEP:
                if any(r.start < item.end and item.start < r.end for r in result.replacements):
                    kept_replaced.append(item.value)
                continue
            score = (on_record if item.on_record else detected)[item.kind]
            score.expected += 1
            score.found += _covered(item, spans)
        targets = [i for i in generated.inserted if i.kind != KEEP]
        for r in result.replacements:
            match = next((i for i in targets if r.start < i.end and i.start < r.end), None)
            source_scores = on_record if (match.on_record if match else r.source == "record") else detected
            score = source_scores[match.kind if match else r.kind]
            score.replaced_total += 1
            score.replaced_correct += match is not None and match.kind == r.kind
        pseudonym_of: dict[str, set[str]] = defaultdict(set)
        for r in result.replacements:
            if r.kind == ReplacementKind.NAME:
                pseudonym_of[r.replacement].add(r.original)
        shared += [f"{p}: {sorted(o)}" for p, o in pseudonym_of.items() if len(o) > 1]
        for r in result.replacements:
            if "·" in r.original and r.replacement.rstrip("0123456789") != r.original[0] + "某":
                minority.append(f"{r.original} → {r.replacement}")
        if progress:
            progress(index)
    return Report(documents, dict(on_record), dict(detected), kept_replaced, shared, minority)
