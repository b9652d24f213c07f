"""Build the demo province (Beijing): courts, divisions, courtrooms, staff and demo accounts.

Everything goes through the courts and accounts services, so every write is validated and
audited (actor ``None``: the system). The build is deterministic (Faker ``zh_CN`` with a
fixed seed per court) and idempotent: courts are found by code, divisions and courtrooms
by name, staff by employee number and accounts by username, and only what is missing is
created.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction
from faker import Faker

from tianping.accounts import selectors as account_selectors
from tianping.accounts import services as account_services
from tianping.accounts.enums import Role
from tianping.appointments import selectors as appointment_selectors
from tianping.appointments import services as appointment_services
from tianping.appointments.enums import ServiceKind
from tianping.core.validators import id_number_check_char
from tianping.courts import selectors as court_selectors
from tianping.courts import services as court_services
from tianping.courts.enums import DivisionKind, LeadershipTitle, StaffPost
from tianping.demo import beijing

if TYPE_CHECKING:
    from tianping.accounts.models import User
    from tianping.courts.models import Court, Division, StaffMember

DEMO_PASSWORD = "Tianping-2026"  # noqa: S105 - public demo password, printed in the README

TRIAL_KINDS = frozenset(
    {
        DivisionKind.CIVIL,
        DivisionKind.CRIMINAL,
        DivisionKind.ADMINISTRATIVE,
        DivisionKind.TRIAL_SUPERVISION,
        DivisionKind.JUVENILE,
    }
)


class StaffPlan(NamedTuple):
    employee_no: str
    name: str
    gender: str
    post: str
    title: str
    division: str | None  # division name, None for court leaders and bailiffs


class AccountSpec(NamedTuple):
    username: str
    role_label: str
    court_code: str
    roles: tuple[Role, ...]
    division: str | None  # the linked staff member: division, post and leadership title
    post: str
    title: str
    is_superuser: bool = False


STAFF_ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec("chaoyang_clerk", "立案员", "京0105", (Role.FILING_CLERK,), "立案庭", StaffPost.CLERK, ""),
    AccountSpec("chaoyang_judge", "法官", "京0105", (Role.JUDGE,), "民事审判第一庭", StaffPost.JUDGE, ""),
    AccountSpec(
        "chaoyang_head",
        "庭长",
        "京0105",
        (Role.DIVISION_HEAD, Role.JUDGE),
        "民事审判第一庭",
        StaffPost.JUDGE,
        LeadershipTitle.DIVISION_HEAD,
    ),
    AccountSpec(
        "chaoyang_president",
        "院长",
        "京0105",
        (Role.PRESIDENT, Role.JUDGE),
        None,
        StaffPost.JUDGE,
        LeadershipTitle.PRESIDENT,
    ),
    AccountSpec(
        "chaoyang_auditor", "审计员", "京0105", (Role.AUDITOR,), "审判管理办公室", StaffPost.ADMINISTRATIVE, ""
    ),
    AccountSpec(
        "chaoyang_enforcer",
        "执行员",
        "京0105",
        (Role.ENFORCEMENT_OFFICER,),
        "执行局",
        StaffPost.ENFORCEMENT_OFFICER,
        "",
    ),
    AccountSpec("bj3_judge", "法官（上级法院）", "京03", (Role.JUDGE,), "民事审判第一庭", StaffPost.JUDGE, ""),
    AccountSpec(
        "admin", "系统管理员", "京", (Role.SYSADMIN,), "信息技术处", StaffPost.ADMINISTRATIVE, "", is_superuser=True
    ),
)

_COURT_NAMES = {court.code: court.name for court in beijing.COURTS}

# (username, role, court name; empty for litigant and lawyer) for the README and the tests.
DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    *((spec.username, spec.role_label, _COURT_NAMES[spec.court_code]) for spec in STAFF_ACCOUNTS),
    (beijing.LITIGANT["username"], "当事人", ""),
    (beijing.LAWYER["username"], "律师", ""),
]


@dataclasses.dataclass
class BuildSummary:
    courts: int = 0
    divisions: int = 0
    courtrooms: int = 0
    staff: int = 0
    accounts: int = 0  # the named demo accounts (with the demo password)
    staff_accounts: int = 0  # one per judge, assistant, clerk and enforcement officer (no usable password)
    appointment_services: int = 0  # bookable services of the litigation-service centres
    skipped: bool = False

    @property
    def created_anything(self) -> bool:
        return any(
            (
                self.courts,
                self.divisions,
                self.courtrooms,
                self.staff,
                self.accounts,
                self.staff_accounts,
                self.appointment_services,
            )
        )

    def __str__(self) -> str:
        return (
            f"courts {self.courts}, divisions {self.divisions}, courtrooms {self.courtrooms}, "
            f"staff {self.staff}, accounts {self.accounts}, staff accounts {self.staff_accounts}, "
            f"appointment services {self.appointment_services}"
        )


# Every member of the establishment in these posts gets an account: the post's role at their court,
# for their division (so that random assignment finds every judge of a division).
POST_ROLES: dict[str, Role] = {
    StaffPost.JUDGE: Role.JUDGE,
    StaffPost.JUDGE_ASSISTANT: Role.JUDGE_ASSISTANT,
    StaffPost.CLERK: Role.COURT_CLERK,
    StaffPost.ENFORCEMENT_OFFICER: Role.ENFORCEMENT_OFFICER,
}
POST_LETTERS: dict[str, str] = {
    StaffPost.JUDGE: "j",
    StaffPost.JUDGE_ASSISTANT: "a",
    StaffPost.CLERK: "c",
    StaffPost.ENFORCEMENT_OFFICER: "e",
}


def staff_username(post: str, employee_no: str) -> str:
    """``j110105_0007`` for judge 110105-0007: the post's letter and the employee number."""
    return POST_LETTERS[post] + employee_no.replace("-", "_")


def establishment_grants(person: StaffPlan, division: Division | None) -> tuple[tuple[Role, int | None], ...]:
    """The roles a member of the establishment holds: their post's, plus 庭长 / 院长 for leaders and
    立案员 for everyone in the filing division (they register the cases)."""
    division_id = division.pk if division else None
    grants: list[tuple[Role, int | None]] = [(POST_ROLES[person.post], division_id)]
    if person.title == LeadershipTitle.DIVISION_HEAD:
        grants.append((Role.DIVISION_HEAD, division_id))
    if person.title == LeadershipTitle.PRESIDENT:
        grants.append((Role.PRESIDENT, None))
    if division is not None and division.kind == DivisionKind.FILING:
        grants.append((Role.FILING_CLERK, division_id))
    return tuple(grants)


def _seed(key: str) -> int:
    return zlib.crc32(f"tianping-demo:{key}".encode())


def divisions_for(court: beijing.CourtData) -> tuple[beijing.DivisionData, ...]:
    if court.level == "high":
        return beijing.HIGH_COURT_DIVISIONS
    return beijing.SPECIALIZED_DIVISIONS.get(court.specialty, beijing.GENERAL_DIVISIONS)


def employee_prefix(court: beijing.CourtData) -> str:
    """The court's division code, plus the court-code digits where several courts share it."""
    digits = court.code.removeprefix("京")
    if not digits or court.division_code.endswith(digits):
        return court.division_code
    return f"{court.division_code}-{digits}"


def staff_plan(court: beijing.CourtData, fake: Faker) -> list[StaffPlan]:
    """The court's establishment, the same on every run (Faker seeded from the court code)."""
    fake.seed_instance(_seed(court.code))
    rng = fake.random
    used: set[str] = set()
    plan: list[StaffPlan] = []
    prefix = employee_prefix(court)

    def add(post: str, title: str = "", division: str | None = None) -> None:
        gender = rng.choice(("male", "female"))
        name = fake.name_male() if gender == "male" else fake.name_female()
        while name in used:
            name = fake.name_male() if gender == "male" else fake.name_female()
        used.add(name)
        plan.append(StaffPlan(f"{prefix}-{len(plan) + 1:04d}", name, gender, post, title, division))

    add(StaffPost.JUDGE, LeadershipTitle.PRESIDENT)
    for _ in range(rng.randint(1, 2)):
        add(StaffPost.JUDGE, LeadershipTitle.VICE_PRESIDENT)
    for division in divisions_for(court):
        name, kind = division.name, DivisionKind(division.kind)
        if kind in (DivisionKind.OFFICE, DivisionKind.TRIAL_MANAGEMENT):
            head_post = StaffPost.JUDGE if kind == DivisionKind.TRIAL_MANAGEMENT else StaffPost.ADMINISTRATIVE
            add(head_post, LeadershipTitle.DIVISION_HEAD, name)
            for _ in range(rng.randint(2, 3)):
                add(StaffPost.ADMINISTRATIVE, "", name)
            continue
        add(StaffPost.JUDGE, LeadershipTitle.DIVISION_HEAD, name)
        if kind in TRIAL_KINDS:
            counts = {
                StaffPost.JUDGE: rng.randint(2, 4),
                StaffPost.JUDGE_ASSISTANT: rng.randint(1, 2),
                StaffPost.CLERK: rng.randint(1, 2),
            }
        elif kind == DivisionKind.FILING:
            counts = {
                StaffPost.JUDGE: rng.randint(1, 2),
                StaffPost.JUDGE_ASSISTANT: 1,
                StaffPost.CLERK: rng.randint(2, 3),
            }
        else:  # enforcement
            counts = {
                StaffPost.JUDGE: rng.randint(1, 2),
                StaffPost.ENFORCEMENT_OFFICER: rng.randint(3, 5),
                StaffPost.CLERK: rng.randint(1, 2),
            }
        for post, count in counts.items():
            for _ in range(count):
                add(post, "", name)
    for _ in range(rng.randint(2, 4)):
        add(StaffPost.BAILIFF)
    return plan


def courtroom_plan(court: beijing.CourtData) -> list[dict[str, object]]:
    count = beijing.COURTROOM_COUNT_OVERRIDES.get(court.code, beijing.COURTROOM_COUNTS[court.level])
    internet = court.specialty == "internet"
    return [
        {
            "name": f"第{beijing.CHINESE_ORDINALS[i]}法庭",
            "seats": 80 if i == 0 else 30 + 10 * (i % 3),
            "supports_online": internet or i % 2 == 0,
            "supports_streaming": i < 2 or (internet and i < 4),
        }
        for i in range(count)
    ]


def _id_number(data: dict[str, str]) -> str:
    first17 = f"{data['id_region']}{data['id_birth']}{data['id_sequence']}"
    return first17 + id_number_check_char(first17)


DEFAULT_APPOINTMENT_SERVICES: tuple[dict[str, object], ...] = (
    {"kind": ServiceKind.WINDOW_VISIT, "name": "诉讼服务窗口", "location": "诉讼服务中心一楼", "capacity": 3},
    {"kind": ServiceKind.JUDGE_MEETING, "name": "约见承办法官", "location": "诉讼服务中心约谈室",
     "slot_minutes": 20, "windows": (("14:00", "17:00"),)},
    {"kind": ServiceKind.FILE_READING, "name": "现场阅卷", "location": "诉讼服务中心阅卷室", "slot_minutes": 60,
     "capacity": 2},
    {"kind": ServiceKind.MEDIATION, "name": "诉前调解", "location": "诉讼服务中心调解室", "slot_minutes": 60},
)  # fmt: skip


class _Builder:
    def __init__(self) -> None:
        self.fake = Faker("zh_CN")
        self.summary = BuildSummary()
        self.courts: dict[str, Court] = {}
        self.divisions: dict[str, dict[str, Division]] = {}
        self.plans: dict[str, list[StaffPlan]] = {}
        self.staff: dict[str, dict[str, StaffMember]] = {}

    def run(self) -> BuildSummary:
        existing = {court.code: court for court in court_selectors.court_list()}
        for data in beijing.COURTS:
            court = existing.get(data.code) or self._court_create(data)
            self.courts[data.code] = court
            self._divisions(court, data)
            self._courtrooms(court, data)
            self._staff(court, data)
        self._staff_accounts()
        self._outside_accounts()
        self._establishment_accounts()
        self._appointment_services()
        return self.summary

    def _appointment_services(self) -> None:
        """The default bookable services of every court's litigation-service centre (once per name)."""
        for court in self.courts.values():
            existing = {
                s.name for s in appointment_selectors.services_for_court(court_id=court.pk, include_inactive=True)
            }
            for spec in DEFAULT_APPOINTMENT_SERVICES:
                if spec["name"] in existing:
                    continue
                appointment_services.bookable_service_create(actor=None, court=court, **spec)  # type: ignore[arg-type]
                self.summary.appointment_services += 1

    def _court_create(self, data: beijing.CourtData) -> Court:
        self.summary.courts += 1
        return court_services.court_create(
            actor=None,
            parent=self.courts[data.parent_code] if data.parent_code else None,
            name=data.name,
            short_name=data.short_name,
            code=data.code,
            level=data.level,
            specialty=data.specialty,
            division_code=data.division_code,
            region_name=data.region_name,
            address=data.address,
            phone=data.phone,
        )

    def _divisions(self, court: Court, data: beijing.CourtData) -> None:
        by_name = {division.name: division for division in court_selectors.division_list(court=court)}
        for order, division in enumerate(divisions_for(data), start=1):
            if division.name not in by_name:
                by_name[division.name] = court_services.division_create(
                    actor=None, court=court, name=division.name, kind=division.kind, sort_order=order * 10
                )
                self.summary.divisions += 1
        self.divisions[data.code] = by_name

    def _courtrooms(self, court: Court, data: beijing.CourtData) -> None:
        names = {room.name for room in court_selectors.courtroom_list(court=court)}
        for room in courtroom_plan(data):
            if room["name"] not in names:
                court_services.courtroom_create(actor=None, court=court, **room)  # type: ignore[arg-type]
                self.summary.courtrooms += 1

    def _staff(self, court: Court, data: beijing.CourtData) -> None:
        members = {member.employee_no: member for member in court_selectors.staff_list(court=court)}
        plan = staff_plan(data, self.fake)
        for person in plan:
            if person.employee_no in members:
                continue
            members[person.employee_no] = court_services.staff_member_create(
                actor=None,
                court=court,
                division=self.divisions[data.code][person.division] if person.division else None,
                name=person.name,
                gender=person.gender,
                post=person.post,
                title=person.title,
                employee_no=person.employee_no,
            )
            self.summary.staff += 1
        self.plans[data.code] = plan
        self.staff[data.code] = members

    def _member_for(self, spec: AccountSpec) -> StaffMember:
        for person in self.plans[spec.court_code]:
            if (person.division, person.post, person.title) == (spec.division, spec.post, spec.title):
                return self.staff[spec.court_code][person.employee_no]
        raise LookupError(f"no staff member fits demo account {spec.username}")

    def _existing_users(self, usernames: Iterable[str]) -> dict[str, User]:
        users = get_user_model()._default_manager.filter(username__in=list(usernames))
        return {user.get_username(): user for user in users}

    def _staff_accounts(self) -> None:
        existing = self._existing_users(spec.username for spec in STAFF_ACCOUNTS)
        for spec in STAFF_ACCOUNTS:
            court = self.courts[spec.court_code]
            member = self._member_for(spec)
            user = existing.get(spec.username)
            if user is None:
                user = account_services.staff_user_create(
                    actor=None,
                    username=spec.username,
                    password=DEMO_PASSWORD,
                    real_name=member.name,
                    is_superuser=spec.is_superuser,
                )
                self.summary.accounts += 1
            for role in spec.roles:
                if not account_selectors.has_role(user, role, court_id=court.pk):
                    account_services.role_grant(actor=None, user=user, court=court, role=role)
            if member.user_id is None and court_selectors.staff_member_for_user(user_id=user.pk) is None:
                court_services.staff_member_link_user(actor=None, member=member, user_id=user.pk)

    def _establishment_accounts(self) -> None:
        """Accounts for the whole establishment, in bulk: one audit record per step, not one per row."""
        specs: list[account_services.StaffAccountInput] = []
        members: dict[str, int] = {}
        for code, plan in self.plans.items():
            court, staff, divisions = self.courts[code], self.staff[code], self.divisions[code]
            for person in plan:
                member = staff[person.employee_no]
                if person.post not in POST_ROLES or member.user_id is not None:
                    continue  # no account needed, or linked already (the named demo accounts)
                division = divisions[person.division] if person.division else None
                username = staff_username(person.post, person.employee_no)
                specs.append(
                    account_services.StaffAccountInput(
                        username, person.name, court.pk, establishment_grants(person, division)
                    )
                )
                members[username] = member.pk
        if not specs:
            return
        loaded = account_services.staff_users_bulk_create(
            actor=None, accounts=specs, audit_action="demo.accounts_loaded"
        )
        court_services.staff_members_link_users(
            actor=None,
            links={member_id: loaded.user_ids[username] for username, member_id in members.items()},
            audit_action="demo.staff_linked",
        )
        self.summary.staff_accounts += loaded.users_created

    def _outside_accounts(self) -> None:
        litigant, lawyer = beijing.LITIGANT, beijing.LAWYER
        existing = self._existing_users((litigant["username"], lawyer["username"]))
        self.fake.seed_instance(_seed("outside-accounts"))
        litigant_name, lawyer_name = self.fake.name_female(), self.fake.name_male()  # as the ID numbers say
        if litigant["username"] not in existing:
            account_services.litigant_user_create(
                actor=None,
                username=litigant["username"],
                password=DEMO_PASSWORD,
                real_name=litigant_name,
                id_number=_id_number(litigant),
                mobile=litigant["mobile"],
            )
            self.summary.accounts += 1
        if lawyer["username"] not in existing:
            account_services.lawyer_user_create(
                actor=None,
                username=lawyer["username"],
                password=DEMO_PASSWORD,
                real_name=lawyer_name,
                id_number=_id_number(lawyer),
                mobile=lawyer["mobile"],
                licence_no=lawyer["licence_no"],
                law_firm=lawyer["law_firm"],
            )
            self.summary.accounts += 1


def build_demo(*, if_empty: bool = False) -> BuildSummary:
    """Create whatever of the demo province is missing, in one transaction.

    With ``if_empty`` nothing at all is done when any court exists (for first-start scripts).
    """
    with transaction.atomic():
        if if_empty and court_selectors.court_list().exists():
            return BuildSummary(skipped=True)
        return _Builder().run()
