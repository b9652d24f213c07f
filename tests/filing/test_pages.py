"""The filing pages: who sees what (404 outside scope), forms that show errors, review actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests import factories
from tests.conftest import CourtTree, Users
from tests.filing.conftest import MONDAY, on_day, text_pdf, upload
from tianping.accounts.enums import Role
from tianping.core import clock
from tianping.courts.models import Division
from tianping.filing import services
from tianping.filing.models import Filing, FilingAttachment

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _submitted(make_filing: Any, users: Users) -> Filing:
    filing = make_filing()
    with on_day(MONDAY):
        return services.filing_submit(actor=users.litigant, filing=filing)


def test_navigation_entries(users: Users) -> None:
    litigant_home = _client(users.litigant).get("/accounts/home/").content.decode()
    assert "网上立案" in litigant_home
    assert "立案审查" not in litigant_home
    clerk_home = _client(users.clerk).get("/accounts/home/").content.decode()
    assert "立案审查" in clerk_home
    assert "立案审查" not in _client(users.judge).get("/accounts/home/").content.decode()


def test_owner_pages_and_404_for_others(make_filing: Any, users: Users, courts: CourtTree) -> None:
    filing = _submitted(make_filing, users)
    attachment = FilingAttachment.objects.filter(filing=filing).first()
    owner = _client(users.litigant)
    listing = owner.get("/filings/").content.decode()
    assert filing.receipt_number in listing
    detail = owner.get(f"/filings/{filing.pk}/")
    assert detail.status_code == 200
    assert "办理进程" in detail.content.decode()
    assert owner.get(f"/filings/{filing.pk}/attachments/{attachment.pk}/").status_code == 200

    other = _client(factories.litigant_user("other", "李四"))
    for url in (
        f"/filings/{filing.pk}/",
        f"/filings/{filing.pk}/edit/",
        f"/filings/{filing.pk}/review/",
        f"/filings/{filing.pk}/attachments/{attachment.pk}/",
    ):
        assert other.get(url).status_code == 404, url
    assert filing.receipt_number not in other.get("/filings/").content.decode()
    haidian_clerk = factories.staff_user("haidian_clerk", courts.haidian, Role.FILING_CLERK)
    assert _client(haidian_clerk).get(f"/filings/{filing.pk}/review/").status_code == 404


def test_edit_page_shows_service_errors_without_saving(make_filing: Any, users: Users) -> None:
    filing = make_filing(complete=False, attach=False)
    owner = _client(users.litigant)
    assert owner.get(f"/filings/{filing.pk}/edit/").status_code == 200
    data = {
        "category": "civil", "party-count": "2", "evidence-count": "1",
        "party-0-role": "plaintiff", "party-0-kind": "natural", "party-0-name": "张三",
        "party-0-id_code": "110105198503120000", "party-0-is_filer": "on",
        "party-1-role": "defendant", "party-1-kind": "natural", "party-1-name": "",
        "claims": "还钱", "facts": "事实", "evidence-0-name": "",
    }  # fmt: skip
    response = owner.post(f"/filings/{filing.pk}/edit/", data)
    assert response.status_code == 422
    assert "身份证" in response.content.decode()
    filing.refresh_from_db()
    assert filing.claims == []  # nothing written


def test_submit_from_the_edit_page_lists_the_gaps(make_filing: Any, users: Users) -> None:
    filing = make_filing(attach=False)
    owner = _client(users.litigant)
    parties = list(filing.parties.all())
    data = {"category": "civil", "party-count": str(len(parties)), "evidence-count": "1", "submit": "1",
            "claims": "还钱", "facts": "事实", "evidence-0-name": "借条", "cause": "民间借贷纠纷"}  # fmt: skip
    for i, p in enumerate(parties):
        data.update({f"party-{i}-role": p.role, f"party-{i}-kind": p.kind, f"party-{i}-name": p.name,
                     f"party-{i}-id_code": p.id_number or p.credit_code, f"party-{i}-address": p.address,
                     f"party-{i}-legal_representative": p.legal_representative,
                     f"party-{i}-is_filer": "on" if p.is_filer else ""})  # fmt: skip
    response = owner.post(f"/filings/{filing.pk}/edit/", data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "请上传起诉状" in body
    filing.refresh_from_db()
    assert filing.status == "draft"
    assert filing.claims == ["还钱"]  # the draft was saved before submission was refused


def test_upload_page_refuses_a_wrong_type(make_filing: Any, users: Users) -> None:
    filing = make_filing(attach=False)
    owner = _client(users.litigant)
    response = owner.post(
        f"/filings/{filing.pk}/attachments/",
        {"category": "evidence", "file": upload(b"GIF89a not allowed", "x.pdf")},
        follow=True,
    )
    assert "文件类型不受支持" in response.content.decode()
    assert not FilingAttachment.objects.filter(filing=filing).exists()
    response = owner.post(
        f"/filings/{filing.pk}/attachments/", {"category": "evidence", "file": upload(text_pdf())}, follow=True
    )
    assert FilingAttachment.objects.filter(filing=filing).count() == 1


def test_queue_and_review_actions(make_filing: Any, users: Users) -> None:
    filing = _submitted(make_filing, users)
    clerk = _client(users.clerk)
    queue = clerk.get("/filings/review/").content.decode()
    assert filing.receipt_number in queue
    page = clerk.get(f"/filings/{filing.pk}/review/").content.decode()
    assert "登记立案" in page
    assert "一次性告知补正" in page

    bad = clerk.post(f"/filings/{filing.pk}/review/", {"action": "supplement", "items": "补充", "deadline": ""})
    assert bad.status_code == 422
    deadline = (clock.today() + dt.timedelta(days=10)).isoformat()
    ok = clerk.post(
        f"/filings/{filing.pk}/review/", {"action": "supplement", "items": "补充\n再补充", "deadline": deadline}
    )
    assert ok.status_code == 302
    filing.refresh_from_db()
    assert filing.status == "supplement_requested"
    assert filing.supplement.items == ["补充", "再补充"]
    again = clerk.post(f"/filings/{filing.pk}/review/", {"action": "supplement", "items": "三", "deadline": deadline})
    assert again.status_code == 409
    assert "不得再次要求补正" in again.content.decode()

    litigant_page = _client(users.litigant).get(f"/filings/{filing.pk}/").content.decode()
    assert "再补充" in litigant_page
    # A litigant cannot act as a reviewer through the page either.
    response = _client(users.litigant).post(f"/filings/{filing.pk}/review/", {"action": "register"})
    assert response.status_code == 302
    assert Filing.objects.get(pk=filing.pk).status == "supplement_requested"


def test_reject_from_the_page_and_download_the_ruling(make_filing: Any, users: Users) -> None:
    filing = _submitted(make_filing, users)
    clerk = _client(users.clerk)
    missing_basis = clerk.post(f"/filings/{filing.pk}/review/", {"action": "reject", "reasons": "不符合条件"})
    assert missing_basis.status_code == 422
    response = clerk.post(
        f"/filings/{filing.pk}/review/", {"action": "reject", "reasons": "不符合起诉条件。", "legal_bases": ["cpl_122"]}
    )
    assert response.status_code == 302
    ruling = _client(users.litigant).get(f"/filings/{filing.pk}/ruling/")
    assert ruling.status_code == 200
    assert ruling["Content-Type"] == "application/pdf"
    assert _client(factories.litigant_user("other", "李四")).get(f"/filings/{filing.pk}/ruling/").status_code == 404


def test_register_from_the_page_into_the_chosen_division(make_filing: Any, users: Users, courts: CourtTree) -> None:
    civil = Division.objects.create(court=courts.chaoyang, name="民事审判第一庭", kind="civil", sort_order=1)
    juvenile = Division.objects.create(court=courts.chaoyang, name="少年家事审判庭", kind="juvenile", sort_order=2)
    filing = _submitted(make_filing, users)
    clerk = _client(users.clerk)
    page = clerk.get(f"/filings/{filing.pk}/review/").content.decode()
    assert f'<option value="{civil.pk}" selected>民事审判第一庭</option>' in page  # proposed for a civil suit
    response = clerk.post(f"/filings/{filing.pk}/review/", {"action": "register", "division": str(juvenile.pk)})
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.case is not None
    assert filing.case.division_id == juvenile.pk
