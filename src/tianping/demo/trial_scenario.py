"""The trial scenario of the demo (审判演示): hearings, transcripts and judgment documents that
``chaoyang_judge``, ``chaoyang_head``, ``litigant`` and ``lawyer`` see right after ``python -m tianping demo``.

At 北京市朝阳区人民法院 (京0105), eight 民初 cases registered by ``chaoyang_clerk``, designated to
``chaoyang_judge`` (approved by ``chaoyang_head``, 民事审判第一庭) with a court clerk (书记员) of the
division, ``litigant`` the plaintiff of each — through the public services of each context only:

1. an upcoming public hearing in a courtroom (≥ 3 days ahead: the public listing and the calendar);
2. an upcoming online hearing, ``lawyer`` the litigant's agent, join links issued (我的庭审);
3. a hearing held, its transcript signed by the judge and the clerk, awaiting the litigant;
4. a hearing held, transcript signed by everyone and filed; a civil judgment being drafted (我的文书);
5. transcript filed; a civil judgment submitted at the approval level 庭长 (chaoyang_head's 待签发);
6. a civil judgment issued and served (electronically to the litigant, in person to the defendant),
   in its appeal period;
7. a civil judgment that has taken effect (served more than 15 days + the calendar ago);
8. the same, archived by the clerk with its sealed manifest.

What happened in the past is done with the clock frozen at that moment (``core.clock.frozen_at``): the
services stamp their rows, audit records and timelines with that time, exactly as on that day. The
defendants have no account: they are served on paper (recorded as delivered in person) and stay away
from the hearings (缺席审理), so the transcripts need the judge's, the clerk's and the litigant's
signatures only.

Idempotent: nothing is done when ``litigant`` is summoned to any hearing already. One transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.cases import services as case_services
from tianping.cases.enums import AgentKind, DesignationReason, PartyKind, PartyRole, Procedure
from tianping.cases.services import AgentInput, PartyInput
from tianping.core import clock
from tianping.core.workdays import working_calendar
from tianping.courts import selectors as court_selectors
from tianping.delivery import services as delivery_services
from tianping.delivery.enums import PaperOutcome, ServiceMethod
from tianping.demo import beijing
from tianping.demo.services_scenario import LITIGANT_ADDRESS, credit_code, id_number
from tianping.hearings import selectors as hearing_selectors
from tianping.hearings import services as hearing_services
from tianping.hearings.enums import HearingKind, HearingMode
from tianping.judgments import services as judgment_services
from tianping.judgments.enums import ApprovalLevel, DocumentKind, EffectStatus

COURT_CODE = "京0105"
CLERK, JUDGE, HEAD = "chaoyang_clerk", "chaoyang_judge", "chaoyang_head"
# Where ``make run`` serves: the join links sent by SMS (local outbox) point there.
DEMO_BASE_URL = "http://127.0.0.1:8000/"
# The defendants stay away: judgment by default (CPL art. 147).
DEFAULT_JUDGMENT_BASIS = (
    "被告经本院传票传唤无正当理由拒不到庭，依照《中华人民共和国民事诉讼法》第一百四十七条的规定，本院缺席判决。"
)
PUBLIC_HEARING_DAYS = 4  # calendar days ahead, at least (public civil hearings: announced 3 days before)
ONLINE_HEARING_DAYS = 5


@dataclasses.dataclass
class TrialSummary:
    cases: int = 0
    hearings: int = 0
    join_links: int = 0
    transcripts_filed: int = 0
    drafts: int = 0
    issued: int = 0
    served: int = 0
    effective: int = 0
    archived: int = 0
    skipped: str = ""  # why nothing was done

    def __str__(self) -> str:
        if self.skipped:
            return self.skipped
        return (
            f"{self.cases} cases, {self.hearings} hearings ({self.join_links} join links), "
            f"{self.transcripts_filed} transcripts filed, {self.drafts} drafts, {self.issued} judgments issued "
            f"({self.served} services), {self.effective} effective, {self.archived} archived"
        )


@dataclasses.dataclass(frozen=True)
class Defendant:
    name: str
    address: str
    id_number: str = ""
    credit_code: str = ""
    legal_representative: str = ""

    def party_input(self) -> PartyInput:
        if self.credit_code:
            return PartyInput(kind=PartyKind.LEGAL, role=PartyRole.DEFENDANT, name=self.name, address=self.address,
                              credit_code=self.credit_code, legal_representative=self.legal_representative)  # fmt: skip
        return PartyInput(kind=PartyKind.NATURAL, role=PartyRole.DEFENDANT, name=self.name, address=self.address,
                          id_number=self.id_number)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class CaseSpec:
    """One case of the scenario: what it is about and what the judgment decides."""

    stage: str
    cause: str
    amount: str
    defendant: Defendant
    claim: str
    facts: str
    reasoning: str
    decision: str
    costs: str
    with_lawyer: bool = False


def _cost(amount: str) -> str:
    """案件受理费 of a property claim (诉讼费用交纳办法 art. 13), halved under the simplified procedure."""
    value = Decimal(amount)
    bands = ((Decimal(10_000), None), (Decimal(100_000), Decimal("0.025")), (Decimal(200_000), Decimal("0.02")))
    fee, lower = Decimal(50), Decimal(10_000)
    for upper, rate in bands[1:]:
        if value > lower and rate is not None:
            fee += (min(value, upper) - lower) * rate
        lower = upper
    return f"{(fee / 2).quantize(Decimal('1'))}"


def _spec(stage: str, cause: str, amount: str, defendant: Defendant, claim: str, facts: str, reasoning: str,
          decision: str, *, with_lawyer: bool = False) -> CaseSpec:  # fmt: skip
    costs = f"案件受理费{_cost(amount)}元（已减半收取），由被告{defendant.name}负担。"
    return CaseSpec(stage, cause, amount, defendant, claim, facts, reasoning, decision, costs, with_lawyer)


CASES: tuple[CaseSpec, ...] = (
    _spec("public", "买卖合同纠纷", "48000",
          Defendant("北京华信达电子科技有限公司", "北京市朝阳区酒仙桥路10号院2号楼605室",
                    credit_code=credit_code(105101), legal_representative="周海涛"),
          "判令被告支付货款48000元", "", "", ""),
    _spec("online", "民间借贷纠纷", "60000",
          Defendant("陈立新", "北京市朝阳区劲松街道农光南路12号楼4单元302室",
                    id_number=id_number("110105", "19830716", "215")),
          "判令被告偿还借款60000元及利息", "", "", "", with_lawyer=True),
    _spec("awaiting_signature", "服务合同纠纷", "18500",
          Defendant("北京启明教育咨询有限公司", "北京市朝阳区东三环中路39号院19号楼1006室",
                    credit_code=credit_code(105102), legal_representative="吴晓峰"),
          "判令被告退还培训费18500元", "", "", ""),
    _spec("drafting", "房屋租赁合同纠纷", "24000",
          Defendant("郑建华", "北京市朝阳区潘家园街道华威里21号楼908室",
                    id_number=id_number("110105", "19770502", "433")),
          "判令被告返还押金6000元及多收取的租金18000元",
          "2024年3月1日，原告与被告签订《房屋租赁合同》，约定原告承租被告所有的朝阳区华威里房屋，租期两年，"
          "月租金6000元，押金6000元。2025年3月，被告要求原告提前腾退，双方约定解除合同，被告同意退还押金及"
          "已预付的三个月租金18000元，但至今未付。",
          "合同解除后，尚未履行的，终止履行；已预付的租金及押金应予返还。",
          "一、被告郑建华于本判决生效之日起十日内返还原告押金6000元；\n"
          "二、被告郑建华于本判决生效之日起十日内返还原告预付租金18000元。"),
    _spec("submitted", "追索劳动报酬纠纷", "36000",
          Defendant("北京鼎盛建筑劳务有限公司", "北京市朝阳区十八里店乡周庄村委会南200米",
                    credit_code=credit_code(105103), legal_representative="冯国强"),
          "判令被告支付拖欠的劳动报酬36000元",
          "原告自2024年9月起在被告处从事钢筋工工作，双方约定月工资9000元。2025年1月至4月，被告未支付原告工资，"
          "共计36000元。原告提交的工资确认单载有被告项目负责人的签字。",
          "劳动者提供劳动后，用人单位应当按时足额支付劳动报酬。",
          "被告北京鼎盛建筑劳务有限公司于本判决生效之日起十日内支付原告劳动报酬36000元。"),
    _spec("appeal_period", "买卖合同纠纷", "52000",
          Defendant("北京优品家居有限公司", "北京市朝阳区十里河大羊坊路8号A座312室",
                    credit_code=credit_code(105104), legal_representative="何志明"),
          "判令被告退还货款52000元",
          "2025年5月，原告向被告购买实木家具一套，支付货款52000元。被告交付的家具经检测甲醛释放量超过国家标准，"
          "原告要求退货，被告拒绝。",
          "出卖人交付的标的物不符合质量要求，致使不能实现合同目的的，买受人可以解除合同并要求返还价款。",
          "一、解除原告与被告北京优品家居有限公司之间的买卖合同；\n"
          "二、被告北京优品家居有限公司于本判决生效之日起十日内退还原告货款52000元。"),
    _spec("effective", "民间借贷纠纷", "30000",
          Defendant("杨晓东", "北京市朝阳区八里庄街道红庙北里5号楼201室",
                    id_number=id_number("110105", "19880820", "157")),
          "判令被告偿还借款30000元",
          "2024年12月，被告向原告借款30000元，出具借条，约定2025年6月30日前归还。原告已通过银行转账交付借款，"
          "被告到期未还。",
          "合法的借贷关系受法律保护。借款人应当按照约定的期限返还借款。",
          "被告杨晓东于本判决生效之日起十日内偿还原告借款30000元。"),
    _spec("archived", "物业服务合同纠纷", "9600",
          Defendant("北京安居物业服务有限公司", "北京市朝阳区望京西园三区305号楼1层",
                    credit_code=credit_code(105105), legal_representative="谢文斌"),
          "判令被告返还多收取的物业费9600元",
          "原告系被告管理小区的业主。2023年至2025年，被告按每平方米4.5元收取物业费，高于合同约定的每平方米3.5元，"
          "多收9600元。",
          "物业服务人应当按照约定收取物业费，多收部分应予返还。",
          "被告北京安居物业服务有限公司于本判决生效之日起十日内返还原告物业费9600元。"),
)  # fmt: skip


class _Scenario:
    def __init__(self, court: Any, users: dict[str, Any]) -> None:
        self.court = court
        self.litigant, self.lawyer = users[beijing.LITIGANT["username"]], users[beijing.LAWYER["username"]]
        self.clerk, self.judge, self.head = users[CLERK], users[JUDGE], users[HEAD]
        member = access.staff_member_of(self.judge)
        self.division_id = getattr(member, "division_id", None)
        clerks = access.users_with_role(court_id=court.pk, roles=[Role.COURT_CLERK], division_id=self.division_id)
        if not clerks:
            raise LookupError("民事审判第一庭 has no court clerk (书记员)")
        self.court_clerk = clerks[0]
        self.today = clock.today()
        self.calendar = working_calendar()
        self.summary = TrialSummary()
        self._hour = 9  # the next past hearing's start: the days differ, the hour too (no clash with any other)

    # ---- Time ----------------------------------------------------------------------------------

    @contextmanager
    def on(self, day: dt.date, hour: int = 10, minute: int = 0) -> Iterator[None]:
        """The clock at ``day`` ``hour``:``minute`` Beijing time (nothing is frozen for a moment to come)."""
        moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))
        with clock.frozen_at(moment):
            yield

    def working_days_ago(self, count: int) -> dt.date:
        day, counted = self.today, 0
        while counted < count:
            day -= dt.timedelta(days=1)
            counted += self.calendar.is_working_day(day)
        return day

    def working_day_from(self, days: int) -> dt.date:
        return self.calendar.next_working_day(self.today + dt.timedelta(days=days))

    @staticmethod
    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))

    # ---- The run -------------------------------------------------------------------------------

    def run(self) -> TrialSummary:
        specs = {spec.stage: spec for spec in CASES}
        self._upcoming_public(specs["public"])
        self._upcoming_online(specs["online"])
        self._awaiting_signature(specs["awaiting_signature"])
        self._drafting(specs["drafting"])
        self._submitted(specs["submitted"])
        self._appeal_period(specs["appeal_period"])
        self._effective(specs["effective"])
        self._archived(specs["archived"])
        return self.summary

    def _upcoming_public(self, spec: CaseSpec) -> None:
        case = self._case(spec, self.working_days_ago(8))
        self._schedule(case, self.at(self.working_day_from(PUBLIC_HEARING_DAYS), 9, 30), room="第一法庭")

    def _upcoming_online(self, spec: CaseSpec) -> None:
        case = self._case(spec, self.working_days_ago(6))
        hearing = self._schedule(case, self.at(self.working_day_from(ONLINE_HEARING_DAYS), 14, 30),
                                 mode=HearingMode.ONLINE, minutes=60)  # fmt: skip
        links = hearing_services.join_link_issue(actor=self.judge, hearing=hearing, base_url=DEMO_BASE_URL)
        self.summary.join_links += len(links)

    def _awaiting_signature(self, spec: CaseSpec) -> None:
        held = self.working_days_ago(2)
        case = self._case(spec, self.working_days_ago(18))
        self._held(case, spec, held, litigant_signs=False)

    def _drafting(self, spec: CaseSpec) -> None:
        held = self.working_days_ago(5)
        case = self._case(spec, self.working_days_ago(22))
        self._held(case, spec, held)
        with self.on(self.working_days_ago(1), 16):
            self._draft(case, spec, complete=False)

    def _submitted(self, spec: CaseSpec) -> None:
        held = self.working_days_ago(8)
        case = self._case(spec, self.working_days_ago(25))
        self._held(case, spec, held)
        with self.on(self.working_days_ago(2), 15):
            draft = self._draft(case, spec, approval_level=ApprovalLevel.DIVISION_HEAD)
            judgment_services.draft_submit(actor=self.judge, draft=draft)

    def _appeal_period(self, spec: CaseSpec) -> None:
        case = self._case(spec, self.working_days_ago(30))
        self._held(case, spec, self.working_days_ago(12))
        document = self._issue(case, spec, self.working_days_ago(6))
        self._serve(case, document, self.working_days_ago(5))

    def _effective(self, spec: CaseSpec) -> None:
        case = self._case(spec, self.working_days_ago(70))
        self._held(case, spec, self.working_days_ago(50))
        document = self._issue(case, spec, self.working_days_ago(42))
        self._serve(case, document, self.working_days_ago(41))
        self._refresh(document, self.working_days_ago(1))

    def _archived(self, spec: CaseSpec) -> None:
        case = self._case(spec, self.working_days_ago(90))
        self._held(case, spec, self.working_days_ago(70))
        document = self._issue(case, spec, self.working_days_ago(60))
        self._serve(case, document, self.working_days_ago(59))
        sealed_on = self.working_days_ago(20)
        self._refresh(document, sealed_on)
        with self.on(sealed_on, 15):
            case = case_selectors.case_for_user(self.court_clerk, case.pk)
            judgment_services.case_archive(actor=self.court_clerk, case=case)
        self.summary.archived += 1

    # ---- Cases ---------------------------------------------------------------------------------

    def _case(self, spec: CaseSpec, registered_on: dt.date) -> Any:
        """Registered at the window, designated to the judge (approved by the head), with its clerk;
        the litigant consents to electronic service."""
        with self.on(registered_on, 10):
            cause = case_selectors.cause_by_name(name=spec.cause, category="civil")
            case = case_services.case_register(
                actor=self.clerk, court_id=self.court.pk, type_code="民初", procedure=Procedure.SIMPLIFIED,
                parties=[self._plaintiff(spec), spec.defendant.party_input()], cause_id=cause.pk if cause else None,
                claim_amount=spec.amount, division_id=self.division_id,
            )  # fmt: skip
            assignment = case_services.case_designate(
                actor=self.clerk, case=case, judge_id=self.judge.pk, reason=DesignationReason.SPECIALIZED_PANEL,
                note=f"{spec.cause}由民事审判第一庭专业化审判团队审理",
            )  # fmt: skip
            case_services.assignment_decide(actor=self.head, assignment=assignment, approve=True)
            case = case_selectors.case_for_user(self.judge, case.pk)
            case_services.panel_set(actor=self.judge, case=case, judge_ids=[], assessor_names=[],
                                    clerk_id=self.court_clerk.pk)  # fmt: skip
            party = next(p for p in case.parties.all() if p.account_id == self.litigant.pk)
            delivery_services.consent_record(actor=self.litigant, case=case, party_id=party.pk,
                                             alert_mobile=self.litigant.mobile)  # fmt: skip
        self.summary.cases += 1
        return case_selectors.case_for_user(self.judge, case.pk)

    def _plaintiff(self, spec: CaseSpec) -> PartyInput:
        user, lawyer = self.litigant, self.lawyer
        agents = (
            [AgentInput(kind=AgentKind.LAWYER, name=lawyer.real_name, licence_no=lawyer.lawyer_licence_no,
                        law_firm=lawyer.law_firm, mobile=lawyer.mobile, account_id=lawyer.pk)]
            if spec.with_lawyer else []
        )  # fmt: skip
        return PartyInput(kind=PartyKind.NATURAL, role=PartyRole.PLAINTIFF, name=user.real_name,
                          id_number=user.id_number, address=LITIGANT_ADDRESS, mobile=user.mobile,
                          account_id=user.pk, agents=agents)  # fmt: skip

    # ---- Hearings ------------------------------------------------------------------------------

    def _schedule(self, case: Any, starts_at: dt.datetime, *, mode: str = HearingMode.IN_PERSON,
                  minutes: int = 90, room: str = "第二法庭") -> Any:  # fmt: skip
        courtroom_id = None
        if mode != HearingMode.ONLINE:
            courtroom_id = court_selectors.courtroom_list(court=self.court).get(name=room).pk
        hearing = hearing_services.hearing_schedule(
            actor=self.judge, case=case, kind=HearingKind.HEARING, mode=mode, starts_at=starts_at,
            duration_minutes=minutes, courtroom_id=courtroom_id,
        )  # fmt: skip
        self.summary.hearings += 1
        return hearing

    def _held(self, case: Any, spec: CaseSpec, day: dt.date, *, litigant_signs: bool = True) -> Any:
        """Scheduled 10 days before ``day``, held that day with the litigant in court and the defendant
        absent; the clerk's transcript signed by the judge and the clerk (and the litigant)."""
        hour, self._hour = self._hour, 9 + (self._hour - 8) % 6  # 09:00, 10:00, … 14:00
        starts_at = self.at(day, hour)
        with self.on(day - dt.timedelta(days=10), 11):
            hearing = self._schedule(case, starts_at, minutes=60)
        with self.on(day, hour - 1, 50):
            hearing = hearing_services.hearing_start(actor=self.judge, hearing=hearing)
            participant = hearing_selectors.hearing_participant_for(hearing=hearing, user=self.litigant)
            if participant is None:
                raise LookupError("the litigant is not summoned to the hearing")
            hearing_services.attendance_mark_in_court(actor=self.court_clerk, hearing=hearing,
                                                      participant_id=participant.pk)  # fmt: skip
        with self.on(day, hour + 1, 5):  # after the sitting (60 minutes)
            text = self._transcript_text(case, spec, hearing, starts_at)
            hearing_services.transcript_save(actor=self.court_clerk, hearing=hearing, text=text, revision=0)
            hearing = hearing_services.hearing_finish(actor=self.judge, hearing=hearing)
            version = hearing_services.transcript_submit_for_signature(actor=self.court_clerk, hearing=hearing)
            for signer in (
                (self.judge, self.court_clerk, self.litigant) if litigant_signs else (self.judge, self.court_clerk)
            ):
                hearing_services.transcript_sign(actor=signer, hearing=hearing, text_sha256=version.sha256)
        self.summary.transcripts_filed += litigant_signs
        return hearing

    def _transcript_text(self, case: Any, spec: CaseSpec, hearing: Any, starts_at: dt.datetime) -> str:
        judge, clerk, plaintiff = self.judge.display_name, self.court_clerk.display_name, self.litigant.real_name
        room = hearing.courtroom.name if hearing.courtroom else "在线"
        return "\n".join([
            f"时间：{starts_at:%Y年%m月%d日 %H时%M分}",
            f"地点：{self.court.name}{room}",
            f"案由：{spec.cause}    案号：{case.number}",
            f"审判人员：{judge}（独任审判）    书记员：{clerk}",
            f"到庭人员：原告{plaintiff}；被告{spec.defendant.name}经本院传票传唤，无正当理由未到庭。",
            "",
            f"书记员：请肃静。现在宣布法庭纪律。……报告审判员，原告已到庭，被告{spec.defendant.name}未到庭。",
            f"审判员：现在开庭。本案适用简易程序，由审判员{judge}独任审判，书记员{clerk}担任记录。"
            "原告对审判人员和书记员是否申请回避？",
            "原告：不申请回避。",
            "审判员：被告经传票传唤无正当理由拒不到庭，本院依法缺席审理。原告陈述诉讼请求及事实理由。",
            f"原告：{spec.claim}，并由被告承担本案诉讼费用。事实与理由以起诉状为准。",
            "审判员：原告出示证据。",
            "原告：证据一至证据三，见证据目录，原件当庭核对。",
            "审判员：证据原件已当庭核对，与复印件一致。法庭调查结束。原告发表最后陈述意见。",
            "原告：坚持诉讼请求。",
            "审判员：被告未到庭，无法调解。现在休庭，判决择日宣告。",
            "",
            "（以上笔录经当事人核对无误后签名）",
        ])  # fmt: skip

    # ---- Judgments -----------------------------------------------------------------------------

    def _draft(self, case: Any, spec: CaseSpec, *, complete: bool = True, approval_level: str = "") -> Any:
        draft = judgment_services.draft_create(actor=self.judge, case=case, kind=DocumentKind.CIVIL_JUDGMENT)
        sections = {
            "facts": f"经审理查明：{spec.facts}",
            "reasoning": f"本院认为，{spec.reasoning}{DEFAULT_JUDGMENT_BASIS}",
            "costs": spec.costs,
        }
        if not str(draft.sections.get("claims", "")).strip():  # no online filing to pre-fill them from
            sections["claims"] = (
                f"原告{self.litigant.real_name}向本院提出诉讼请求：{spec.claim}；本案诉讼费用由被告负担。\n"
                f"被告{spec.defendant.name}经本院传票传唤无正当理由未到庭，亦未提交书面答辩意见。"
            )
        if complete:
            sections["decision"] = spec.decision
        draft = judgment_services.draft_update(actor=self.judge, draft=draft, revision=draft.revision,
                                               sections=sections, approval_level=approval_level or None)  # fmt: skip
        self.summary.drafts += 1
        return draft

    def _issue(self, case: Any, spec: CaseSpec, day: dt.date) -> Any:
        with self.on(day, 15):
            draft = self._draft(case, spec)
            draft = judgment_services.draft_submit(actor=self.judge, draft=draft)
            document = judgment_services.draft_issue(actor=self.judge, draft=draft)
        self.summary.issued += 1
        return document

    def _serve(self, case: Any, document: Any, day: dt.date) -> None:
        """The PDF to every party: into the litigant's inbox (consent), handed to the defendant in person."""
        with self.on(day, 10):
            case = case_selectors.case_for_user(self.judge, case.pk)
            services = delivery_services.document_serve(
                actor=self.judge, case=case, document_ids=[document.pdf_document_id],
                party_ids=[p.pk for p in case.parties.all()], paper_method=ServiceMethod.DIRECT,
            )  # fmt: skip
            for service in services:
                if service.recipient_account_id == self.litigant.pk:
                    delivery_services.service_open(actor=self.litigant, service=service)
                else:
                    delivery_services.paper_outcome_record(
                        actor=self.judge, service=service, outcome=PaperOutcome.DELIVERED, delivered_on=day
                    )
        self.summary.served += len(services)
        with self.on(day, 18):
            judgment_services.effect_refresh(document=document, today=day)  # the periods start

    def _refresh(self, document: Any, day: dt.date) -> Any:
        """What the daily job does on ``day``: the periods from the service dates, the effect once they ran out."""
        with self.on(day, 18):
            refreshed = judgment_services.effect_refresh(document=document, today=day)
        self.summary.effective += refreshed.effect_status == EffectStatus.EFFECTIVE
        return refreshed


def _demo_users() -> dict[str, Any]:
    names = [beijing.LITIGANT["username"], beijing.LAWYER["username"], CLERK, JUDGE, HEAD]
    users = get_user_model()._default_manager.filter(username__in=names)
    return {user.get_username(): user for user in users}


def build_trial_scenario() -> TrialSummary:
    """Create the scenario once; afterwards (``litigant`` is summoned to a hearing) nothing is done."""
    users = _demo_users()
    court = court_selectors.court_list().filter(code=COURT_CODE).first()
    if court is None or len(users) < 5:
        return TrialSummary(skipped="demo accounts or court 京0105 missing; scenario not built")
    litigant = users[beijing.LITIGANT["username"]]
    if (
        hearing_selectors.my_hearings(user=litigant).exists()
        or hearing_selectors.my_hearings(user=litigant, past=True).exists()
    ):
        return TrialSummary(skipped="already there; nothing created")
    with transaction.atomic():
        return _Scenario(court, users).run()
