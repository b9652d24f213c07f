"""The proportions the synthetic demo cases follow: where cases are filed, of which type and cause,
under which procedure, and how they end. Plain data; ``demo.cases`` draws from it.

The figures are plausible for a large province, not statistics of any real court.
"""

from __future__ import annotations

from tianping.cases.enums import CaseCategory, ClosingMethod, DesignationReason, Procedure, SuspensionReason
from tianping.courts.enums import DivisionKind

C, P, M, K = CaseCategory, Procedure, ClosingMethod, DivisionKind

# Share of the root cases (cases not derived from another) each court receives.
COURT_WEIGHTS: dict[str, float] = {
    "京": 2.0,
    "京01": 3.0,
    "京02": 3.0,
    "京03": 3.5,
    "京04": 2.0,
    "京73": 3.0,
    "京74": 2.0,
    "京0101": 4.0,
    "京0102": 5.5,
    "京0105": 11.0,
    "京0106": 6.5,
    "京0107": 2.5,
    "京0108": 9.5,
    "京0109": 1.2,
    "京0111": 2.8,
    "京0112": 4.5,
    "京0113": 3.6,
    "京0114": 4.6,
    "京0115": 4.6,
    "京0116": 1.4,
    "京0117": 1.1,
    "京0118": 1.3,
    "京0119": 0.9,
    "京0491": 8.0,
}

# (type code, marker, division kind, weight) of root cases, by kind of court.
ROOT_TYPES: dict[str, tuple[tuple[str, str, str, float], ...]] = {
    "basic": (
        ("民初", "", K.CIVIL, 70),
        ("刑初", "", K.CRIMINAL, 9),
        ("行初", "", K.ADMINISTRATIVE, 2),
        ("执", "", K.ENFORCEMENT, 12),
        ("民特", "", K.CIVIL, 5),
        ("民督", "", K.CIVIL, 2),
    ),
    "internet": (("民初", "", K.CIVIL, 88), ("执", "", K.ENFORCEMENT, 12)),
    "intermediate": (
        ("民初", "", K.CIVIL, 30),
        ("刑初", "", K.CRIMINAL, 8),
        ("行初", "", K.ADMINISTRATIVE, 15),
        ("民终", "", K.CIVIL, 25),
        ("刑终", "", K.CRIMINAL, 8),
        ("行终", "", K.ADMINISTRATIVE, 6),
        ("执", "", K.ENFORCEMENT, 8),
    ),
    "ip": (("民初", "知", K.CIVIL, 75), ("行初", "知", K.ADMINISTRATIVE, 25)),
    "financial": (("民初", "", K.CIVIL, 60), ("民终", "", K.CIVIL, 20), ("执", "", K.ENFORCEMENT, 20)),
    "high": (
        ("民终", "", K.CIVIL, 40),
        ("民申", "", K.TRIAL_SUPERVISION, 30),
        ("刑终", "", K.CRIMINAL, 10),
        ("行终", "", K.ADMINISTRATIVE, 10),
        ("民初", "", K.CIVIL, 5),
        ("行申", "", K.TRIAL_SUPERVISION, 5),
    ),
}

# Appeals: the type code of the second instance for each first-instance code.
APPEAL_TYPES = {"民初": "民终", "刑初": "刑终", "行初": "行终"}
APPEAL_RATES = {"民初": 0.14, "刑初": 0.10, "行初": 0.30}
ENFORCEMENT_RATE = 0.30  # of effective civil judgments and mediations with an amount

# Procedures of first-instance cases by kind of court: (procedure, weight).
FIRST_INSTANCE_PROCEDURES: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {
    ("民初", "basic"): ((P.SIMPLIFIED, 55), (P.SMALL_CLAIMS, 15), (P.ORDINARY, 30)),
    ("民初", "internet"): ((P.SMALL_CLAIMS, 35), (P.SIMPLIFIED, 50), (P.ORDINARY, 15)),
    ("刑初", "basic"): ((P.SIMPLIFIED, 55), (P.ORDINARY, 45)),
    ("行初", "basic"): ((P.ORDINARY, 85), (P.SIMPLIFIED, 15)),
}

# Causes: (name, weight) of the common ones; the rest of the weight goes to any leaf of the pool.
CIVIL_COMMON: tuple[tuple[str, float], ...] = (
    ("民间借贷纠纷", 12),
    ("金融借款合同纠纷", 9),
    ("机动车交通事故责任纠纷", 8),
    ("信用卡纠纷", 7),
    ("离婚纠纷", 7),
    ("物业服务合同纠纷", 7),
    ("房屋租赁合同纠纷", 5),
    ("追索劳动报酬纠纷", 4),
    ("信息网络买卖合同纠纷", 3),
    ("建设工程施工合同纠纷", 3),
    ("生命权、身体权、健康权纠纷", 3),
    ("小额借款合同纠纷", 3),
    ("确认劳动关系纠纷", 2),
    ("分期付款买卖合同纠纷", 2),
    ("装饰装修合同纠纷", 2),
    ("保证合同纠纷", 2),
    ("商品房预售合同纠纷", 2),
    ("抚养费纠纷", 2),
    ("劳务合同纠纷", 2),
    ("离婚后财产纠纷", 1),
    ("遗嘱继承纠纷", 1),
    ("分家析产纠纷", 1),
    ("婚约财产纠纷", 1),
    ("排除妨害纠纷", 1),
    ("提供劳务者受害责任纠纷", 1),
    ("网络服务合同纠纷", 1),
    ("医疗服务合同纠纷", 1),
    ("相邻通行纠纷", 1),
)
INTERNET_COMMON = (
    ("信息网络买卖合同纠纷", 30),
    ("网络服务合同纠纷", 20),
    ("侵害作品信息网络传播权纠纷", 20),
    ("小额借款合同纠纷", 10),
    ("金融借款合同纠纷", 10),
    ("著作权权属纠纷", 5),
)
IP_COMMON = (
    ("侵害发明专利权纠纷", 15),
    ("侵害商标权纠纷", 15),
    ("侵害实用新型专利权纠纷", 10),
    ("侵害外观设计专利权纠纷", 8),
    ("侵害作品信息网络传播权纠纷", 8),
    ("侵害计算机软件著作权纠纷", 6),
    ("著作权权属纠纷", 5),
    ("网络不正当竞争纠纷", 4),
)
FINANCIAL_COMMON = (
    ("金融借款合同纠纷", 30),
    ("证券虚假陈述责任纠纷", 15),
    ("信用卡纠纷", 10),
    ("融资租赁合同纠纷", 10),
    ("保证合同纠纷", 8),
    ("金融委托理财合同纠纷", 8),
    ("保证保险合同纠纷", 5),
)
SPECIAL_COMMON = (
    ("申请司法确认调解协议", 50),
    ("申请实现担保物权", 15),
    ("申请宣告自然人无民事行为能力", 8),
    ("申请指定监护人", 7),
    ("申请宣告自然人失踪", 5),
    ("申请宣告自然人死亡", 5),
    ("申请认定财产无主", 3),
)
PAYMENT_ORDER_COMMON = (("申请支付令", 1),)
CRIMINAL_COMMON = (
    ("危险驾驶罪", 20),
    ("盗窃罪", 18),
    ("诈骗罪", 12),
    ("帮助信息网络犯罪活动罪", 10),
    ("故意伤害罪", 7),
    ("交通肇事罪", 4),
    ("寻衅滋事罪", 4),
    ("走私、贩卖、运输、制造毒品罪", 4),
    ("掩饰、隐瞒犯罪所得、犯罪所得收益罪", 4),
    ("开设赌场罪", 3),
)
ADMINISTRATIVE_ROOTS = (
    ("行政处罚", 30),
    ("政府信息公开", 15),
    ("不履行职责", 10),
    ("行政复议", 10),
    ("行政征收或者征用", 8),
    ("行政协议", 5),
    ("行政登记", 5),
    ("行政强制执行", 5),
    ("行政许可", 5),
    ("行政确认", 5),
    ("行政给付", 2),
)
IP_ADMINISTRATIVE_ROOTS = (("行政确认", 50), ("行政裁决", 30), ("行政登记", 20))
# (pool name, share of picks from the common list; the rest: any leaf of the pool's parts)
CIVIL_PARTS_ANY = ("第一部分", "第二部分", "第三部分", "第四部分", "第六部分", "第八部分", "第九部分")

# How trial cases end: (method, weight), by instance.
FIRST_INSTANCE_ENDINGS = ((M.JUDGMENT, 38), (M.MEDIATION, 25), (M.WITHDRAWAL, 28), (M.DISMISSAL, 4), (M.TRANSFER, 2),
                          (M.RULING, 3))  # fmt: skip
CRIMINAL_ENDINGS = ((M.JUDGMENT, 93), (M.RULING, 4), (M.WITHDRAWAL, 3))
SECOND_INSTANCE_ENDINGS = ((M.JUDGMENT, 70), (M.RULING, 10), (M.WITHDRAWAL, 12), (M.MEDIATION, 8))
REVIEW_ENDINGS = ((M.RULING, 1),)
SPECIAL_ENDINGS = ((M.RULING, 70), (M.JUDGMENT, 20), (M.WITHDRAWAL, 10))
ENFORCEMENT_ENDINGS = ((M.FULFILLED, 42), (M.NO_ASSETS, 35), (M.TERMINATION, 10), (M.WITHDRAWAL, 8),
                       (M.NOT_ENFORCED, 5))  # fmt: skip
# Endings after which the decision takes effect (the others go straight to the archive).
TAKES_EFFECT = frozenset({M.JUDGMENT, M.MEDIATION, M.RULING, M.DISMISSAL})

OUTCOMES: dict[str, tuple[str, ...]] = {
    M.JUDGMENT: ("判决支持原告全部诉讼请求", "判决支持原告部分诉讼请求", "判决驳回原告诉讼请求"),
    M.MEDIATION: ("双方达成调解协议", "当事人自行和解，调解结案"),
    M.WITHDRAWAL: ("原告申请撤诉，准许", "按撤诉处理"),
    M.DISMISSAL: ("裁定驳回起诉",),
    M.TRANSFER: ("移送有管辖权的法院审理",),
    M.RULING: ("裁定准许", "裁定终结诉讼"),
    M.FULFILLED: ("执行完毕", "双方达成执行和解并履行完毕"),
    M.NO_ASSETS: ("未发现可供执行财产，终结本次执行程序",),
    M.TERMINATION: ("裁定终结执行",),
    M.NOT_ENFORCED: ("裁定不予执行",),
}
CRIMINAL_OUTCOMES = ("判处有期徒刑", "判处拘役，缓刑", "判处有期徒刑，缓刑", "判处罚金", "免予刑事处罚")
SECOND_INSTANCE_OUTCOMES: dict[str, tuple[str, ...]] = {
    M.JUDGMENT: ("驳回上诉，维持原判", "驳回上诉，维持原判", "撤销原判，依法改判", "部分改判"),
    M.RULING: ("撤销原判，发回重审", "准许撤回上诉"),
}
REVIEW_OUTCOMES = ("驳回再审申请", "驳回再审申请", "驳回再审申请", "指令再审", "提审")

SUSPENSION_REASONS: dict[str, tuple[str, ...]] = {
    C.CIVIL: (SuspensionReason.APPRAISAL, SuspensionReason.PUBLIC_NOTICE, SuspensionReason.AUDIT_VALUATION,
              SuspensionReason.JURISDICTION_OBJECTION, SuspensionReason.SETTLEMENT),
    C.CRIMINAL: (SuspensionReason.PSYCHIATRIC, SuspensionReason.SUPPLEMENTARY_INVESTIGATION,
                 SuspensionReason.NEW_DEFENDER),
    C.ADMINISTRATIVE: (SuspensionReason.APPRAISAL, SuspensionReason.PUBLIC_NOTICE, SuspensionReason.SUSPENSION),
    C.ENFORCEMENT: (SuspensionReason.AUCTION, SuspensionReason.SETTLEMENT, SuspensionReason.HIGHER_COURT_STAY),
}  # fmt: skip
EXTENSION_REASONS = (
    "案情复杂，需进一步查明事实",
    "当事人申请鉴定，鉴定意见尚未作出",
    "涉及多方当事人，需协调处理",
    "需调取的证据尚未取得",
    "财产处置尚未完成",
)
DESIGNATION_REASONS = (DesignationReason.RELATED_CASE, DesignationReason.SPECIALIZED_PANEL,
                       DesignationReason.PRESIDENT_TAKES_UP)  # fmt: skip

# Names of causes that tell who the parties are.
FAMILY_WORDS = ("婚", "抚养", "继承", "赡养", "析产", "同居", "监护", "失踪", "死亡", "行为能力")
LABOUR_WORDS = ("劳动", "劳务")
# (words in the cause's name, share of natural persons among claimants, among respondents, the trade of
# a claimant company, of a respondent company: people.FINANCIAL_FORMS); the first match applies.
FINANCIAL_PARTIES: tuple[tuple[tuple[str, ...], float, float, str, str], ...] = (
    (("证券虚假陈述",), 0.9, 0.0, "", "listed"),
    (("委托理财",), 0.85, 0.0, "", "securities"),
    (("保证保险", "代位求偿"), 0.0, 0.7, "insurer", ""),
    (("保险",), 0.7, 0.0, "", "insurer"),
    (("信用卡", "金融借款", "金融不良", "担保物权", "支付令"), 0.0, 0.85, "bank", ""),
    (("小额借款",), 0.0, 0.95, "lender", ""),
    (("融资租赁",), 0.0, 0.5, "leasing", ""),
    (("保证合同",), 0.1, 0.7, "guarantor", ""),
)
BUSINESS_WORDS = ("侵害", "著作权", "不正当竞争", "建设工程", "买卖", "服务合同", "专利", "商标", "公司")
MINOR_WORDS = ("抚养", "监护")
PRIVATE_WORDS = ("婚", "抚养", "监护", "继承", "商业秘密")

INTERMEDIATE_PROCURATORATES = {"京01": "第一", "京02": "第二", "京03": "第三", "京04": "第四"}
DISTRICT_AGENCIES = (
    "北京市{d}人民政府",
    "北京市{d}市场监督管理局",
    "北京市{d}住房和城乡建设委员会",
    "北京市公安局{d}分局",
    "北京市{d}人力资源和社会保障局",
    "北京市{d}城市管理综合行政执法局",
    "北京市{d}生态环境局",
)
CITY_AGENCIES = (
    "北京市人民政府",
    "北京市市场监督管理局",
    "北京市人力资源和社会保障局",
    "北京市规划和自然资源委员会",
    "北京市住房和城乡建设委员会",
    "北京市公安局公安交通管理局",
)
IP_AGENCIES = ("国家知识产权局",)
