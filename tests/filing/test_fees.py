"""The fee calculator of the 2007 rules (domain.md §4), its API and its public page.
Expected values are worked out by hand from the brackets and written literally."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tianping.core.errors import ValidationFailed
from tianping.filing.enums import FeeKind, FeeProcedure
from tianping.filing.fees import calculate

D = Decimal


def fee(kind: str, amount: str | None = None, **kwargs: object) -> Decimal:
    quote = calculate(kind=kind, amount=amount, **kwargs)  # type: ignore[arg-type]
    assert quote.amount is not None, "expected a fixed fee"
    return quote.amount


def fee_range(kind: str, amount: str | None = None, **kwargs: object) -> tuple[Decimal, Decimal]:
    quote = calculate(kind=kind, amount=amount, **kwargs)  # type: ignore[arg-type]
    return quote.amount_min, quote.amount_max


# ---- Property cases ------------------------------------------------------------------------


def test_check_values():
    assert fee("property", "150000") == D("3300.00")
    assert fee("property", "1000000") == D("13800.00")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0.01", "50.00"),
        ("10000", "50.00"),  # ≤ 10,000: 50 per case
        ("10040", "51.00"),  # 50 + 40 × 2.5 %
        ("100000", "2300.00"),  # 50 + 90,000 × 2.5 %
        ("200000", "4300.00"),  # 2,300 + 100,000 × 2 %
        ("500000", "8800.00"),  # 4,300 + 300,000 × 1.5 %
        ("1000000", "13800.00"),  # 8,800 + 500,000 × 1 %
        ("2000000", "22800.00"),  # 13,800 + 1,000,000 × 0.9 %
        ("5000000", "46800.00"),  # 22,800 + 3,000,000 × 0.8 %
        ("10000000", "81800.00"),  # 46,800 + 5,000,000 × 0.7 %
        ("20000000", "141800.00"),  # 81,800 + 10,000,000 × 0.6 %
        ("30000000", "191800.00"),  # 141,800 + 10,000,000 × 0.5 %
    ],
)
def test_property_bracket_boundaries(amount, expected):
    assert fee("property", amount) == D(expected)


def test_property_lines_break_down_bracket_by_bracket_and_add_up():
    quote = calculate(kind="property", amount="150000")
    assert [(line.lower, line.upper, line.rate, line.amount) for line in quote.lines] == [
        (D("0"), D("10000"), None, D("50.00")),
        (D("10000"), D("100000"), D("0.025"), D("2250.00")),
        (D("100000"), D("150000"), D("0.02"), D("1000.00")),  # the part of the amount in the bracket
    ]
    assert quote.lines[1].rate_percent == "2.5%"
    assert quote.lines[2].label == "超过10万元至20万元的部分"
    assert quote.basis == "《诉讼费用交纳办法》第十三条第一款第（一）项"
    assert quote.is_fixed
    top = calculate(kind="property", amount="30000000").lines[-1]
    assert (top.lower, top.upper, top.rate, top.amount) == (D("20000000"), D("30000000"), D("0.005"), D("50000.00"))
    assert top.label == "超过2000万元的部分"


def test_ip_with_an_amount_uses_the_property_table():
    """IP cases with an amount in dispute are quoted as property cases; without, 500–1,000."""
    assert fee_range("ip_no_amount") == (D("500.00"), D("1000.00"))


MONEY = st.decimals(min_value=D("0.01"), max_value=D("100000000"), places=2, allow_nan=False, allow_infinity=False)


@hsettings(max_examples=300, deadline=None)
@given(MONEY, MONEY)
def test_property_fee_is_non_decreasing(a, b):
    low, high = sorted((a, b))
    assert fee("property", str(low)) <= fee("property", str(high))


@hsettings(max_examples=300, deadline=None)
@given(MONEY | st.sampled_from([D(x) for x in ("10000", "100000", "200000", "500000", "1000000", "20000000")]))
def test_property_fee_is_continuous_at_every_cent(x):
    step = fee("property", str(x + D("0.01"))) - fee("property", str(x))
    assert D("0") <= step <= D("0.01") * D("0.025") + D("0.01")


@hsettings(max_examples=200, deadline=None)
@given(MONEY, st.sampled_from(["property", "enforcement", "preservation", "payment_order", "divorce"]))
def test_lines_always_add_up_to_the_total(x, kind):
    for procedure in ("ordinary", "simplified") if kind in ("property", "divorce") else ("ordinary",):
        quote = calculate(kind=kind, amount=str(x), procedure=procedure)
        assert sum(line.amount_min for line in quote.lines) == quote.amount_min
        assert sum(line.amount_max for line in quote.lines) == quote.amount_max


# ---- Procedure, appeal, payment order ------------------------------------------------------


@hsettings(max_examples=200, deadline=None)
@given(MONEY, st.sampled_from(["simplified", "small_claims"]))
def test_simplified_and_small_claims_pay_half_rounded_half_up(x, procedure):
    full = fee("property", str(x))
    assert fee("property", str(x), procedure=procedure) == (full / 2).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def test_half_rounds_half_up_at_the_cent():
    assert fee("property", "10000.50") == D("50.01")  # 50 + 0.50 × 2.5 % = 50.0125
    assert fee("property", "10000.50", procedure="simplified") == D("25.01")  # 25.005 → 25.01
    assert fee("property", "150000", procedure="small_claims") == D("1650.00")
    quote = calculate(kind="property", amount="150000", procedure=FeeProcedure.SIMPLIFIED)
    assert quote.lines[-1].amount == D("-1650.00")
    assert quote.basis.endswith("第十六条")
    assert fee("labour", procedure="simplified") == D("5.00")
    assert fee_range("divorce", "300000", procedure="simplified") == (D("275.00"), D("400.00"))


def test_appeal_is_charged_on_the_amount_appealed():
    quote = calculate(kind="property", amount="150000", appeal=True)
    assert quote.amount == D("3300.00")
    assert "第十七条" in quote.basis
    with pytest.raises(ValidationFailed) as excinfo:
        calculate(kind="property", amount="150000", appeal=True, procedure="simplified")
    assert excinfo.value.code == "modifier_not_applicable"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("10000", "16.67"), ("100000", "766.67"), ("150000", "1100.00"), ("1000000", "4600.00")],
)
def test_payment_order_is_one_third_of_the_property_fee(amount, expected):
    quote = calculate(kind="payment_order", amount=amount)
    assert quote.amount == D(expected)
    assert quote.basis.startswith("《诉讼费用交纳办法》第十四条第（三）项")


# ---- Application fees ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("10000", "50.00"),
        ("20000", "200.00"),  # 50 + 10,000 × 1.5 %
        ("500000", "7400.00"),  # 50 + 490,000 × 1.5 %
        ("5000000", "52400.00"),  # 7,400 + 4,500,000 × 1 %
        ("10000000", "77400.00"),  # 52,400 + 5,000,000 × 0.5 %
        ("20000000", "87400.00"),  # 77,400 + 10,000,000 × 0.1 %
    ],
)
def test_enforcement_brackets(amount, expected):
    assert fee("enforcement", amount) == D(expected)


def test_enforcement_without_an_amount_is_a_range():
    assert fee_range("enforcement_no_amount") == (D("50.00"), D("500.00"))


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (None, "30.00"),  # no property amount: 30 per case
        ("1000", "30.00"),
        ("100000", "1020.00"),  # 30 + 99,000 × 1 %
        ("500000", "3020.00"),  # 1,020 + 400,000 × 0.5 %
        ("896000", "5000.00"),  # 1,020 + 796,000 × 0.5 % = exactly the cap
        ("1000000", "5000.00"),  # 5,520 capped
        ("100000000", "5000.00"),
    ],
)
def test_preservation_with_its_cap(amount, expected):
    assert fee("preservation", amount) == D(expected)


def test_preservation_cap_is_a_line():
    quote = calculate(kind="preservation", amount="1000000")
    assert quote.lines[-1].label == "最多不超过5000元"
    assert quote.lines[-1].amount == D("-520.00")


# ---- Non-property and fixed fees ------------------------------------------------------------


def test_divorce_range_and_property_part():
    assert fee_range("divorce") == (D("50.00"), D("300.00"))
    assert fee_range("divorce", "200000") == (D("50.00"), D("300.00"))
    assert fee_range("divorce", "300000") == (D("550.00"), D("800.00"))  # + 100,000 × 0.5 %


def test_personality_rights_range_and_damages():
    assert fee_range("personality_rights") == (D("100.00"), D("500.00"))
    assert fee_range("personality_rights", "50000") == (D("100.00"), D("500.00"))
    assert fee_range("personality_rights", "80000") == (D("400.00"), D("800.00"))  # + 30,000 × 1 %
    assert fee_range("personality_rights", "150000") == (D("850.00"), D("1250.00"))  # + 500 + 50,000 × 0.5 %


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("other_non_property", ("50.00", "100.00")),
        ("labour", ("10.00", "10.00")),
        ("ip_no_amount", ("500.00", "1000.00")),
        ("administrative_special", ("100.00", "100.00")),
        ("administrative_other", ("50.00", "50.00")),
        ("jurisdiction_objection", ("50.00", "100.00")),
        ("public_summons", ("100.00", "100.00")),
    ],
)
def test_per_case_fees(kind, expected):
    assert fee_range(kind) == (D(expected[0]), D(expected[1]))


def test_every_kind_has_a_basis():
    for kind in FeeKind:
        amount = "1000" if kind in ("property", "enforcement", "payment_order") else None
        assert calculate(kind=kind, amount=amount).basis.startswith("《诉讼费用交纳办法》第十")


# ---- Errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": "property", "amount": "-1"}, "invalid_amount"),
        ({"kind": "property", "amount": "abc"}, "invalid_amount"),
        ({"kind": "property", "amount": "NaN"}, "invalid_amount"),
        ({"kind": "property", "amount": "1e30"}, "invalid_amount"),
        ({"kind": "property", "amount": 1.5}, "invalid_amount"),
        ({"kind": "property", "amount": "0"}, "invalid_amount"),
        ({"kind": "property"}, "amount_required"),
        ({"kind": "property", "amount": "  "}, "amount_required"),
        ({"kind": "enforcement"}, "amount_required"),
        ({"kind": "payment_order"}, "amount_required"),
        ({"kind": "labour", "amount": "100"}, "amount_not_applicable"),
        ({"kind": "enforcement", "amount": "100", "procedure": "simplified"}, "modifier_not_applicable"),
        ({"kind": "preservation", "appeal": True}, "modifier_not_applicable"),
        ({"kind": "nonsense"}, "invalid_kind"),
    ],
)
def test_bad_input_is_refused_with_a_code(kwargs, code):
    with pytest.raises(ValidationFailed) as excinfo:
        calculate(**kwargs)
    assert excinfo.value.code == code
    assert excinfo.value.status == 422


def test_amounts_are_rounded_to_the_cent_and_accept_separators():
    quote = calculate(kind="property", amount="150000.005")
    assert quote.base_amount == D("150000.01")
    assert quote.amount == D("3300.00")
    assert fee("property", "1,000,000") == D("13800.00")
    assert fee("property", 150000) == D("3300.00")


# ---- API -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_quote_shape(client):
    response = client.post(
        "/api/v1/fees/quote", {"kind": "property", "amount": "150000"}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["amount"] == "3300.00"
    assert body["amount_min"] == body["amount_max"] == "3300.00"
    assert body["fixed"] is True
    assert body["basis"] == "《诉讼费用交纳办法》第十三条第一款第（一）项"
    assert body["lines"][1] == {
        "label": "超过1万元至10万元的部分",
        "from": "10000.00",
        "to": "100000.00",
        "rate": "0.025",
        "amount": "2250.00",
        "amount_min": "2250.00",
        "amount_max": "2250.00",
    }


@pytest.mark.django_db
def test_api_quote_range_and_numbers(client):
    body = client.post("/api/v1/fees/quote", {"kind": "divorce"}, content_type="application/json").json()
    assert (body["amount"], body["amount_min"], body["amount_max"]) == (None, "50.00", "300.00")
    body = client.post(
        "/api/v1/fees/quote",
        {"kind": "property", "amount": 1000000, "procedure": "simplified"},
        content_type="application/json",
    ).json()
    assert body["amount"] == "6900.00"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ({"kind": "property", "amount": "-5"}, "invalid_amount", "amount"),
        ({"kind": "property", "amount": "abc"}, "invalid_amount", "amount"),
        ({"kind": "property"}, "amount_required", "amount"),
    ],
)
def test_api_bad_amount_is_422_with_the_field(client, payload, code, field):
    response = client.post("/api/v1/fees/quote", payload, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert response.json()["details"] == {"field": field}


@pytest.mark.django_db
def test_api_unknown_kind_is_422_with_field_details(client):
    response = client.post("/api/v1/fees/quote", {"kind": "bogus", "amount": "1"}, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_failed"
    assert any("kind" in error["loc"] for error in body["details"]["errors"])


@pytest.mark.django_db
def test_api_quote_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "fee_quote": "2/m"}
    statuses = [
        client.post("/api/v1/fees/quote", {"kind": "labour"}, content_type="application/json").status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    flooded = client.post("/api/v1/fees/quote", {"kind": "labour"}, content_type="application/json")
    assert flooded.json()["code"] == "rate_limited"


@pytest.mark.django_db
def test_api_kinds(client):
    response = client.get("/api/v1/fees/kinds")
    assert response.status_code == 200
    kinds = {row["value"]: row for row in response.json()}
    assert set(kinds) == set(FeeKind.values)
    assert kinds["property"]["label"].startswith("财产案件")
    assert kinds["property"]["amount"] == "required"
    assert kinds["labour"]["amount"] == "none"
    assert kinds["enforcement"]["procedure_applies"] is False


# ---- Page ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_is_public(client):
    response = client.get("/fees/")
    assert response.status_code == 200
    assert "诉讼费计算" in response.text
    assert 'name="amount"' in response.text


@pytest.mark.django_db
def test_page_shows_the_quote_with_its_breakdown(client):
    response = client.post("/fees/", {"kind": "property", "amount": "150000", "procedure": "ordinary"})
    assert response.status_code == 200
    text = response.text
    assert "3,300.00" in text
    assert "2,250.00" in text
    assert "2.5%" in text
    assert "第十三条第一款第（一）项" in text


@pytest.mark.django_db
def test_page_works_with_a_get_link(client):
    response = client.get("/fees/", {"kind": "divorce", "procedure": "ordinary"})
    assert "50.00 – 300.00" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "property", "amount": "-1", "procedure": "ordinary"}, "金额不能为负数"),
        ({"kind": "property", "amount": "abc", "procedure": "ordinary"}, "金额格式不正确"),
        ({"kind": "property", "amount": "", "procedure": "ordinary"}, "请填写金额"),
        ({"kind": "", "amount": "1", "procedure": "ordinary"}, "请选择费用种类"),
    ],
)
def test_page_shows_errors_in_chinese(client, data, message):
    response = client.post("/fees/", data)
    assert response.status_code == 200
    assert message in response.text
    assert 'id="result"' not in response.text


@pytest.mark.django_db
def test_page_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "fee_quote": "1/m"}
    client.post("/fees/", {"kind": "labour", "procedure": "ordinary"})
    response = client.post("/fees/", {"kind": "labour", "procedure": "ordinary"})
    assert response.status_code == 429
    assert "请求过于频繁" in response.text


@pytest.mark.django_db
def test_login_page_links_to_the_calculator(client):
    assert 'href="/fees/"' in client.get("/accounts/login/").text


@pytest.mark.django_db
def test_nav_item_for_signed_in_users(client, users):
    client.force_login(users.litigant)
    response = client.get("/fees/")
    assert 'href="/fees/"' in response.text
    assert 'aria-current="page">诉讼费计算' in response.text
