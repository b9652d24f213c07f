"""The litigation-services scenario of the demo (诉讼服务演示): what the ``litigant`` and ``lawyer``
accounts and the 朝阳 filing clerk see right after ``python -m tianping demo``.

At 北京市朝阳区人民法院 (京0105), through the public services of each context only — so every
row, file, audit record, timeline entry and notification is what real use produces:

- ``litigant`` files online: a draft to resume; one submitted and waiting in the clerk's queue;
  one the clerk asked to supplement; one the clerk registered (the case, the dossier copies and
  the unpaid acceptance-fee order come from ``filing_register``). ``lawyer`` files one as agent.
- On the registered case the clerk asks to designate ``chaoyang_judge`` (专业化审判团队) and the
  president approves; the litigant consents to electronic service; the judge adds two generated
  notices to the dossier and serves them (one opened, one left unopened); the litigant asks to read
  the file online and the judge grants 7 days with downloads.
- ``litigant`` books the litigation-service window on the next working day.

Idempotent: nothing is done when ``litigant`` has any filing already. One transaction: a failure
leaves no half-made scenario.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from tianping.appointments import selectors as appointment_selectors
from tianping.appointments import services as appointment_services
from tianping.cases import selectors as case_selectors
from tianping.cases import services as case_services
from tianping.cases.enums import DesignationReason
from tianping.core import clock
from tianping.core.validators import credit_code_check_char, id_number_check_char
from tianping.courts import selectors as court_selectors
from tianping.delivery import services as delivery_services
from tianping.demo import beijing, materials
from tianping.demo.materials import (
    Material,
    Person,
    complaint,
    court_notice,
    evidence_list,
    identity_proof,
    power_of_attorney,
)
from tianping.dossier import services as dossier_services
from tianping.dossier.enums import Category, Source, Volume
from tianping.filing import selectors as filing_selectors
from tianping.filing import services as filing_services
from tianping.filing.enums import AttachmentCategory, FeeKind, FilingKind
from tianping.payments import services as payment_services
from tianping.payments.enums import PaymentPurpose

COURT_CODE = "京0105"
CLERK, JUDGE, PRESIDENT = "chaoyang_clerk", "chaoyang_judge", "chaoyang_president"
READING_DAYS = 7
SUPPLEMENT_DAYS = 10


@dataclasses.dataclass
class ScenarioSummary:
    filings: int = 0
    attachments: int = 0
    case_number: str = ""
    documents: int = 0
    served: int = 0
    reading_grants: int = 0
    bookings: int = 0
    paid_orders: int = 0
    skipped: str = ""  # why nothing was done

    def __str__(self) -> str:
        if self.skipped:
            return self.skipped
        return (
            f"{self.filings} filings ({self.attachments} PDF attachments), case {self.case_number} registered "
            f"with an unpaid fee order, {self.documents} notices added, {self.served} served electronically, "
            f"{self.reading_grants} reading grant, {self.bookings} appointment, "
            f"{self.paid_orders} preservation fee paid at the local cashier"
        )


def credit_code(serial: int) -> str:
    first17 = f"91110105MA{serial:07d}"
    return first17 + credit_code_check_char(first17)


def id_number(region: str, birth: str, sequence: str) -> str:
    first17 = f"{region}{birth}{sequence}"
    return first17 + id_number_check_char(first17)


LITIGANT_ADDRESS = "北京市朝阳区望京街道阜通东大街6号院2号楼1203室"

# Each filing: who files, what, against whom, and how far it gets.
FILINGS: tuple[dict[str, Any], ...] = (
    {
        "stage": "registered",
        "cause": "民间借贷纠纷",
        "amount": "150000",
        "claims": ["判令被告偿还借款本金150000元及自2025年4月1日起按年利率3.45%计算的利息", "判令被告承担本案诉讼费用"],
        "facts": "2025年1月2日，被告因经营周转向原告借款150000元，出具借条一张，约定2025年3月31日前归还。\n"
                 "原告于当日通过银行转账交付借款。借款到期后，经原告多次催要，被告至今未还。",
        "evidence": [
            {"name": "借条", "purpose": "证明双方借贷关系及借款金额、还款期限", "source": "原告持有"},
            {"name": "银行转账凭证", "purpose": "证明原告已交付借款", "source": "原告持有"},
        ],
        "defendant": Person("刘志强", id_number=id_number("110105", "19850311", "331"),
                            address="北京市朝阳区朝阳北路101号院5号楼802室"),
    },
    {
        "stage": "supplement",
        "cause": "劳务合同纠纷",
        "amount": "12000",
        "claims": ["判令被告支付劳务费12000元", "判令被告承担本案诉讼费用"],
        "facts": "2025年6月至8月，原告为被告的装修工程提供木工劳务，双方口头约定劳务费每月4000元。\n"
                 "工程完工后，被告以各种理由拖欠劳务费至今。",
        "evidence": [{"name": "微信聊天记录", "purpose": "证明双方约定的劳务内容及报酬", "source": "原告持有"}],
        "defendant": Person("王建军", id_number=id_number("110105", "19790925", "517"),
                            address="北京市朝阳区双井街道广渠路28号院3号楼501室"),
        "supplement": ["请补充提交劳务费结算单、工作记录或转账记录等证明劳务报酬数额的证据",
                       "请补充提交被告王建军的身份信息（如户籍证明）"],
    },
    {
        "stage": "submitted",
        "cause": "买卖合同纠纷",
        "amount": "86000",
        "claims": ["判令被告退还货款86000元", "判令被告承担本案诉讼费用"],
        "facts": "2025年9月，原告向被告购买办公家具一批，货款86000元已全额支付。\n"
                 "被告交付的货物与合同约定的型号和材质不符，原告依约要求退货退款，被告拒不处理。",
        "evidence": [
            {"name": "买卖合同", "purpose": "证明双方买卖合同关系及约定的型号、材质", "source": "原告持有"},
            {"name": "付款凭证", "purpose": "证明原告已支付货款86000元", "source": "原告持有"},
        ],
        "defendant": Person("北京星河商贸有限公司", credit_code=credit_code(105001), legal_representative="赵明远",
                            address="北京市朝阳区建国路88号3号楼501室"),
    },
    {
        "stage": "agent",  # ``lawyer`` files for a client
        "cause": "物业服务合同纠纷",
        "amount": "23000",
        "claims": ["判令被告赔偿原告财产损失23000元", "判令被告承担本案诉讼费用"],
        "facts": "原告系被告管理的小区业主。2025年7月，小区地下车库因排水设施失修被淹，原告车辆受损。\n"
                 "被告作为物业服务人未尽维护义务，应当承担赔偿责任。",
        "evidence": [
            {"name": "物业服务合同", "purpose": "证明双方物业服务合同关系", "source": "原告持有"},
            {"name": "车辆维修发票", "purpose": "证明原告的损失数额", "source": "原告持有"},
        ],
        "client": Person("孙丽华", id_number=id_number("110105", "19900214", "262"),
                         address="北京市朝阳区亚运村街道安苑路15号院1号楼601室"),
        "defendant": Person("北京远航物业管理有限公司", credit_code=credit_code(105002), legal_representative="钱国栋",
                            address="北京市朝阳区安立路60号2号楼303室"),
    },
    {
        "stage": "draft",  # begun, to be finished: no defendant, facts or materials yet
        "cause": "房屋租赁合同纠纷",
        "amount": "6000",
        "claims": ["判令被告返还租房押金6000元"],
    },
)  # fmt: skip


class _Scenario:
    def __init__(self, court: Any, users: dict[str, Any]) -> None:
        self.court, self.users = court, users
        self.litigant, self.lawyer = users[beijing.LITIGANT["username"]], users[beijing.LAWYER["username"]]
        self.clerk, self.judge, self.president = users[CLERK], users[JUDGE], users[PRESIDENT]
        self.today = clock.today()
        self.summary = ScenarioSummary()

    @property
    def litigant_person(self) -> Person:
        user = self.litigant
        return Person(user.real_name, id_number=user.id_number, address=LITIGANT_ADDRESS, mobile=user.mobile)

    def run(self) -> ScenarioSummary:
        uploads = self._filing_uploads()
        registered = None
        for index, spec in enumerate(FILINGS):
            filing = self._filing(spec, uploads.get(index, []))
            if spec["stage"] == "registered":
                registered = filing
        if registered is None or registered.case is None:
            raise LookupError("the scenario's registered filing has no case")
        self._case_services(registered.case)
        self._preservation_fee_paid(registered.case)
        self._appointment(registered.case.number)
        return self.summary

    # ---- Filings ---------------------------------------------------------------------------

    def _filing(self, spec: dict[str, Any], uploads: list[tuple[str, str, Any]]) -> Any:
        actor = self.lawyer if spec["stage"] == "agent" else self.litigant
        cause = case_selectors.cause_by_name(name=spec["cause"], category="civil")
        data: dict[str, Any] = {"cause_id": cause.pk if cause else None, "claim_amount": spec["amount"],
                                "claims": spec["claims"]}  # fmt: skip
        if "facts" in spec:
            data["facts"], data["evidence"] = spec["facts"], spec["evidence"]
        filing = filing_services.filing_create(actor=actor, court_id=self.court.pk, kind=FilingKind.CIVIL, data=data)
        self.summary.filings += 1
        if spec["stage"] == "draft":
            return filing
        parties = [self._party_data(self._plaintiff(spec), "plaintiff", agent=actor is self.lawyer),
                   self._party_data(spec["defendant"], "defendant")]  # fmt: skip
        filing_services.filing_update(actor=actor, filing=filing, data={"parties": parties})
        for category, title, upload in uploads:
            upload.seek(0)  # the litigant's identity proof serves each of their filings
            filing_services.filing_attachment_add(
                actor=actor, filing=filing, category=category, uploaded_file=upload, title=title
            )
            self.summary.attachments += 1
        filing = filing_services.filing_submit(actor=actor, filing=filing)
        if spec["stage"] == "supplement":
            filing_services.filing_request_supplement(
                actor=self.clerk, filing=filing, items=spec["supplement"],
                deadline=self.today + dt.timedelta(days=SUPPLEMENT_DAYS),
                note="请在补正期限内通过网上立案补充提交后重新提交。",
            )  # fmt: skip
        elif spec["stage"] == "registered":
            filing = filing_services.filing_register(actor=self.clerk, filing=filing)
        return filing

    def _plaintiff(self, spec: dict[str, Any]) -> Person:
        client: Person | None = spec.get("client")
        return client or self.litigant_person

    def _party_data(self, person: Person, role: str, *, agent: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"role": role, "name": person.name, "address": person.address, "mobile": person.mobile}
        if person.credit_code:
            data.update(kind="legal", credit_code=person.credit_code, legal_representative=person.legal_representative)
        else:
            data.update(kind="natural", id_number=person.id_number)
        if role == "plaintiff":
            data["represented" if agent else "is_filer"] = True
        return data

    def _filing_uploads(self) -> dict[int, list[tuple[str, str, Any]]]:
        """Every filing's attachments (category, title, file), laid out in one PDF run."""
        own_identity = identity_proof(person=self.litigant_person, day=self.today)
        planned: dict[int, list[tuple[str, str, Material]]] = {}
        for index, spec in enumerate(FILINGS):
            if spec["stage"] != "draft":
                planned[index] = self._materials(spec, own_identity)
        unique = list({id(m): m for items in planned.values() for _c, _t, m in items}.values())
        files = dict(zip((id(m) for m in unique), materials.render_all(unique), strict=True))
        return {index: [(c, t, files[id(m)]) for c, t, m in items] for index, items in planned.items()}

    def _materials(self, spec: dict[str, Any], own_identity: Material) -> list[tuple[str, str, Material]]:
        plaintiff, by_lawyer = self._plaintiff(spec), spec["stage"] == "agent"
        lawyer = self.lawyer
        agent = f"{lawyer.real_name}，{lawyer.law_firm}律师" if by_lawyer else ""
        items: list[tuple[str, str, Material]] = [
            (AttachmentCategory.IDENTITY, "原告身份证明",
             identity_proof(person=plaintiff, day=self.today) if by_lawyer else own_identity),
            (AttachmentCategory.COMPLAINT, "民事起诉状", complaint(
                court=self.court.name, plaintiff=plaintiff, defendant=spec["defendant"], claims=spec["claims"],
                facts=spec["facts"], day=self.today, agent=agent,
            )),
            (AttachmentCategory.EVIDENCE, "证据目录",
             evidence_list(submitter=plaintiff.name, evidence=spec["evidence"], day=self.today)),
        ]  # fmt: skip
        if by_lawyer:
            items.append((AttachmentCategory.POWER_OF_ATTORNEY, "授权委托书", power_of_attorney(
                principal=plaintiff, agent=lawyer.real_name, law_firm=lawyer.law_firm, day=self.today
            )))  # fmt: skip
        return items

    # ---- The registered case ---------------------------------------------------------------

    def _case_services(self, case: Any) -> None:
        self.summary.case_number = case.number
        assignment = case_services.case_designate(
            actor=self.clerk, case=case, judge_id=self.judge.pk, reason=DesignationReason.SPECIALIZED_PANEL,
            note="民间借贷纠纷由民事审判第一庭专业化审判团队审理",
        )  # fmt: skip
        case_services.assignment_decide(actor=self.president, assignment=assignment, approve=True)
        party = case.parties.get(account_id=self.litigant.pk)
        delivery_services.consent_record(actor=self.litigant, case=case, party_id=party.pk,
                                         alert_mobile=self.litigant.mobile)  # fmt: skip
        notices = [
            court_notice(court=self.court.name, title=title, number=case.number, addressee=party.name,
                         paragraphs=paragraphs, day=self.today)
            for title, paragraphs in self._notices(case)
        ]  # fmt: skip
        documents = [self._notice(case, upload) for upload in materials.render_all(notices)]
        self.summary.documents = len(documents)
        served = delivery_services.document_serve(
            actor=self.judge, case=case, document_ids=[d.pk for d in documents], party_ids=[party.pk]
        )
        self.summary.served = len(served)
        delivery_services.service_open(actor=self.litigant, service=served[0])  # the second stays unopened
        reading = dossier_services.reading_request_create(
            actor=self.litigant, case=case, purpose="查阅本案卷宗材料，准备举证和开庭"
        )
        dossier_services.reading_request_grant(
            actor=self.judge, reading_request=reading, expires_at=clock.now() + dt.timedelta(days=READING_DAYS),
            all_main_volume=True, may_download=True,
        )  # fmt: skip
        self.summary.reading_grants = 1

    def _notices(self, case: Any) -> list[tuple[str, list[str]]]:
        return [
            ("受理案件通知书", [
                f"你与{self._defendants(case)}民间借贷纠纷一案，本院已立案受理，案号为{case.number}。",
                "本案由本院民事审判第一庭审理。",
                "请在收到本通知书之日起七日内预交案件受理费；逾期不交又未申请缓交的，按撤诉处理。",
                "你可以通过天平诉讼服务平台查看案件进展、缴纳诉讼费用和接收法律文书。",
            ]),
            ("举证通知书", [
                "根据《中华人民共和国民事诉讼法》第六十七条及相关司法解释的规定，当事人对自己提出的主张，有责任提供证据。",
                "本院指定的举证期限为收到本通知书之次日起十五日内。逾期提供证据的，本院将依法处理。",
                "证据应当按照证据目录逐项列明名称、来源和证明目的，并提交副本。",
            ]),
        ]  # fmt: skip

    def _defendants(self, case: Any) -> str:
        return "、".join(p.name for p in case.parties.all() if p.account_id != self.litigant.pk)

    def _notice(self, case: Any, upload: Any) -> Any:
        title = upload.name.removesuffix(".pdf")
        return dossier_services.document_add(
            actor=self.judge, case=case, volume=Volume.MAIN, category=Category.OTHER, title=title,
            uploaded_file=upload, source=Source.GENERATED,
        )  # fmt: skip

    def _preservation_fee_paid(self, case: Any) -> None:
        """A second, small order — the fee for the litigant's application to preserve the debtor's
        property — paid online through the local provider (cashier page and signed callback)."""
        amount = case.claim_amount
        fee = filing_selectors.fee_quote(kind=FeeKind.PRESERVATION, amount=amount).amount_min
        order = payment_services.fee_order_issue(
            actor=self.clerk, court_id=self.court.pk, payer_account_id=self.litigant.pk,
            payer_name=self.litigant.real_name, amount=fee, purpose=PaymentPurpose.PRESERVATION_FEE,
            related_type="cases.Case", related_id=case.pk,
            description=f"{case.number} 财产保全申请费（保全标的 {amount} 元）",
        )  # fmt: skip
        key = f"demo-preservation-{order.pk}"  # what the pay button sends: one key per attempt
        payment = payment_services.payment_start(actor=self.litigant, order=order, idempotency_key=f"{key}:start")
        payment_services.local_cashier_confirm(actor=self.litigant, payment=payment, idempotency_key=f"{key}:confirm")
        self.summary.paid_orders = 1

    # ---- Appointment -----------------------------------------------------------------------

    def _appointment(self, case_number: str) -> None:
        service = next(
            s for s in appointment_selectors.services_for_court(court_id=self.court.pk) if s.name == "诉讼服务窗口"
        )
        for day in appointment_selectors.bookable_days(count=5):
            if day <= self.today:
                continue
            slot = next((s for s in appointment_selectors.slots_for(service=service, day=day) if s.available), None)
            if slot is not None:
                appointment_services.booking_create(
                    actor=self.litigant, service=service, slot_start=slot.start, case_number=case_number,
                    note="咨询预交诉讼费和举证事宜",
                )  # fmt: skip
                self.summary.bookings = 1
                return


def _demo_users() -> dict[str, Any]:
    names = [beijing.LITIGANT["username"], beijing.LAWYER["username"], CLERK, JUDGE, PRESIDENT]
    users = get_user_model()._default_manager.filter(username__in=names)
    return {user.get_username(): user for user in users}


def build_services_scenario() -> ScenarioSummary:
    """Create the scenario once; afterwards (``litigant`` has filings) nothing is done."""
    users = _demo_users()
    court = court_selectors.court_list().filter(code=COURT_CODE).first()
    if court is None or len(users) < 5:
        return ScenarioSummary(skipped="demo accounts or court 京0105 missing; scenario not built")
    if filing_selectors.filings_for_user(users[beijing.LITIGANT["username"]]).exists():
        return ScenarioSummary(skipped="already there; nothing created")
    with transaction.atomic():
        return _Scenario(court, users).run()
