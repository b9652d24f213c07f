"""网上阅卷 in a real browser: the litigant asks to read the dossier, the judge grants it, the
litigant opens the reading page whose frame shows the watermarked copy (no CSP complaint)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tests.conftest import Users
from tests.dossier.conftest import blank_pdf, case, media, upload  # noqa: F401  (fixtures)
from tianping.cases.models import Case
from tianping.core.models import AuditRecord
from tianping.dossier import services
from tianping.dossier.enums import Volume

pytestmark = pytest.mark.django_db(transaction=True)


def _login(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/home/")


def test_request_grant_and_read(page: Any, live_server: Any, users: Users, case: Any) -> None:  # noqa: F811
    Case.objects.filter(pk=case.pk).update(judge=users.judge)
    document = services.document_add(
        actor=users.judge, case=case, volume=Volume.MAIN, category="evidence", title="借款合同",
        uploaded_file=upload(blank_pdf(2)),
    )  # fmt: skip
    case_page = f"{live_server.url}/cases/{case.pk}/"

    _login(page, live_server, "litigant")
    page.goto(case_page)
    assert "需申请阅卷" in page.inner_text("#dossier")
    page.fill("#reading_purpose", "准备质证意见")
    page.click("button:has-text('提交阅卷申请')")
    assert "阅卷申请已提交" in page.inner_text("body")

    _login(page, live_server, "judge")
    page.goto(case_page)
    page.click("summary:has-text('准许阅卷')")
    page.check("input[name=may_download]")
    page.click("#reading button:has-text('准许')")
    assert "已准许阅卷" in page.inner_text("body")
    assert "有效的阅卷许可" in page.inner_text("#reading")

    _login(page, live_server, "litigant")
    page.goto(case_page)
    with page.expect_response(lambda r: f"/dossier/documents/{document.pk}/view/" in r.url) as framed:
        page.click("#dossier >> text=在线阅读")
    assert framed.value.status == 200
    assert framed.value.headers["content-type"] == "application/pdf"
    assert page.locator("iframe.reading-frame").count() == 1
    assert "下载（含水印）" in page.inner_text("body")
    assert page.console_errors == []
    reads = AuditRecord.objects.filter(action="dossier.read", actor_username="litigant")
    assert [r.changes["purpose"] for r in reads] == ["view"]
