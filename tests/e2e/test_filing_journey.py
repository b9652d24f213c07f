"""A litigant files online with a PDF, the clerk asks once for supplements, the litigant supplements,
the clerk registers, and the litigant sees the case number on their filing page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import make_credit_code
from tianping.accounts.enums import Role
from tianping.cases.models import Case
from tianping.dossier.models import Document
from tianping.filing.models import Filing

pytestmark = pytest.mark.django_db(transaction=True)


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/accounts/home/")


def _upload(page: Any, category: str, path: Path) -> None:
    page.select_option("form.filing-upload select[name=category]", category)
    page.set_input_files("form.filing-upload input[name=file]", str(path))
    page.click("form.filing-upload button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_file_supplement_register_and_see_case_number(
    page: Any, live_server: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.MEDIA_ROOT},
        },
    }
    from tests.dossier.conftest import text_pdf

    pdf = tmp_path / "起诉状.pdf"
    pdf.write_bytes(text_pdf("Complaint"))
    court = factories.court("京0105", "北京市朝阳区人民法院", "basic", division_code="110105", short_name="朝阳法院")
    factories.staff_user("e2e_clerk", court, Role.FILING_CLERK, real_name="王立案")
    factories.litigant_user("e2e_litigant", "张三")
    base = live_server.url

    # The litigant drafts, fills the sections, uploads and submits.
    _login(page, base, "e2e_litigant")
    page.click("nav.site-nav a:has-text('网上立案')")
    page.click("a:has-text('新建网上立案')")
    page.select_option("select[name=court]", str(court.pk))
    page.select_option("select[name=kind]", "civil")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/filings/\d+/edit/$"))
    page.fill("input[name=cause]", "民间借贷纠纷")
    page.fill("input[name=claim_amount]", "150000")
    page.select_option("select[name=party-1-kind]", "legal")
    page.fill("input[name=party-1-name]", "北京某某科技有限公司")
    page.fill("input[name=party-1-id_code]", make_credit_code())
    page.fill("input[name=party-1-legal_representative]", "周经理")
    page.fill("input[name=party-1-address]", "北京市朝阳区建国路88号3号楼501室")
    page.fill("textarea[name=claims]", "判令被告偿还借款本金150000元\n判令被告承担本案诉讼费用")
    page.fill("textarea[name=facts]", "2025年1月，被告向原告借款150000元，至今未还。")
    page.fill("input[name=evidence-0-name]", "借条")
    page.fill("input[name=evidence-0-purpose]", "证明借贷关系")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert "草稿已保存" in page.inner_text("body")
    for category in ("identity", "complaint", "evidence"):
        _upload(page, category, pdf)
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(r".*/filings/\d+/$"))
    filing = Filing.objects.get()
    assert filing.status == "submitted"
    assert filing.receipt_number in page.inner_text("body")
    assert "3300.00" in page.inner_text("body")

    # The clerk asks once for everything missing.
    page.context.clear_cookies()
    _login(page, base, "e2e_clerk")
    page.click("nav.site-nav a:has-text('立案审查')")
    page.click(f"a:has-text('{filing.receipt_number}')")
    page.fill("textarea[name=items]", "补充借款转账凭证")
    page.click("#supplement button")
    page.wait_for_load_state("networkidle")
    assert "已一次性告知补正事项" in page.inner_text("body")
    assert page.locator("#supplement").count() == 0  # no second request is offered

    # The litigant sees the list, uploads the missing evidence and resubmits.
    page.context.clear_cookies()
    _login(page, base, "e2e_litigant")
    page.goto(f"{base}/filings/{filing.pk}/")
    assert "补充借款转账凭证" in page.inner_text("body")
    page.click("a:has-text('补正材料')")
    _upload(page, "evidence", pdf)
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(r".*/filings/\d+/$"))
    filing.refresh_from_db()
    assert filing.status == "resubmitted"

    # The clerk registers the case.
    page.context.clear_cookies()
    _login(page, base, "e2e_clerk")
    page.goto(f"{base}/filings/{filing.pk}/review/")
    page.click("#register button")
    page.wait_for_load_state("networkidle")
    case = Case.objects.get()
    assert case.number in page.inner_text("body")
    assert Document.objects.filter(case=case).count() == 4

    # The litigant sees the case number in the portal, with the fee to pay, and reaches the case page.
    page.context.clear_cookies()
    _login(page, base, "e2e_litigant")
    page.goto(f"{base}/portal/")
    portal = page.inner_text("#portal-cases ~ ul")
    assert case.number in portal
    assert "待缴费" in page.inner_text("body")
    page.goto(f"{base}/filings/")
    assert case.number in page.inner_text("body")
    page.goto(f"{base}/filings/{filing.pk}/")
    assert "已立案" in page.inner_text("body")
    page.click(f"a:has-text('{case.number}')")
    page.wait_for_url(re.compile(rf".*/cases/{case.pk}/$"))
    assert case.number in page.inner_text("body")
    assert page.console_errors == []
