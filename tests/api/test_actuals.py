"""Pushing indicator values: all or nothing, checked as the form checks them, with Idempotency-Key honoured."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mobilise.evaluation.models import Actual

from .conftest import bearer


def url(objects):
    return reverse("api:actuals", args=[objects["project"].pk, objects["indicator"].pk])


def post(objects, body, **headers):
    return bearer(objects["token"]).post(url(objects), body, content_type="application/json", headers=headers)


def cells(period):
    return {(a.dimension, a.category): a.value for a in Actual.objects.filter(period=period)}


GOOD = {
    "periods": [
        {"period": "2025 Q1", "total": "41"},
        {
            "period": "2025 Q2",
            "total": "1,200",
            "breakdowns": [{"dimension": "Ethnicity", "category": "Pakistani", "value": "300"}],
        },
    ]
}


def test_values_for_several_periods(objects):
    response = post(objects, GOOD)
    assert response.status_code == 200, response.content
    q1, q2 = objects["indicator"].periods.order_by("ends")
    # As the form does, a period's values replace what it held: Q1's Bangladeshi figure is cleared.
    assert cells(q1) == {("", ""): Decimal("41")}
    assert cells(q2) == {("", ""): Decimal("1200"), ("Ethnicity", "Pakistani"): Decimal("300")}
    assert response.json()["periods"][1]["actuals"][0]["value"] == "1200.000"


@pytest.mark.parametrize(
    "entry, pointer, message",
    [
        ({"period": "2031 Q9", "total": "1"}, "/periods/1/period", "no period"),
        ({"period": "2025 Q2", "total": "lots"}, "/periods/1/total", "as a number"),
        ({"period": "2025 Q2"}, "/periods/1", "at least one value"),
        (
            {"period": "2025 Q2", "breakdowns": [{"dimension": "Age", "category": "65+", "value": "3"}]},
            "/periods/1/breakdowns/0",
            "no breakdown",
        ),
        (
            {"period": "2025 Q2", "breakdowns": [{"dimension": "Ethnicity", "category": "Pakistani", "value": "x"}]},
            "/periods/1/breakdowns/0/value",
            "as a number",
        ),
        ({"period": "2025 Q1", "total": "2"}, "/periods/1/period", "given twice"),
    ],
)
def test_one_bad_value_saves_nothing(objects, entry, pointer, message):
    before = {p.pk: cells(p) for p in objects["indicator"].periods.all()}
    response = post(objects, {"periods": [{"period": "2025 Q1", "total": "99"}, entry]})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["title"] == "Bad Request"
    assert [e["pointer"] for e in problem["errors"]] == [pointer]
    assert message in problem["errors"][0]["detail"]
    assert {p.pk: cells(p) for p in objects["indicator"].periods.all()} == before


def test_a_percentage_is_held_to_0_to_100_as_on_the_form(objects):
    objects["indicator"].unit = "%"
    objects["indicator"].save()
    response = post(objects, {"periods": [{"period": "2025 Q2", "total": "130"}]})
    assert response.status_code == 400
    assert "percentage" in response.json()["errors"][0]["detail"]


def test_a_body_that_is_not_json_is_a_problem(objects):
    response = bearer(objects["token"]).post(url(objects), "{", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_the_same_key_and_body_replays_the_first_answer(objects):
    first = post(objects, GOOD, **{"Idempotency-Key": "run-2025-07-01"})
    Actual.objects.all().delete()  # were it applied again, the values would come back
    again = post(objects, GOOD, **{"Idempotency-Key": "run-2025-07-01"})
    assert again.status_code == first.status_code == 200
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert not Actual.objects.exists()


def test_the_same_key_with_another_body_is_refused(objects):
    post(objects, GOOD, **{"Idempotency-Key": "k1"})
    other = {"periods": [{"period": "2025 Q1", "total": "7"}]}
    response = post(objects, other, **{"Idempotency-Key": "k1"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "different request" in response.json()["detail"]
    assert cells(objects["period"])[("", "")] == Decimal("41")


def test_a_key_is_one_users(objects, member):
    from ..factories import ApiTokenFactory

    post(objects, GOOD, **{"Idempotency-Key": "shared"})
    mine = ApiTokenFactory(user=member)
    other = {"periods": [{"period": "2025 Q1", "total": "7"}]}
    response = bearer(mine).post(
        url(objects), other, content_type="application/json", headers={"Idempotency-Key": "shared"}
    )
    assert response.status_code == 200


def test_a_failed_request_is_not_remembered(objects):
    bad = {"periods": [{"period": "2025 Q1", "total": "x"}]}
    assert post(objects, bad, **{"Idempotency-Key": "k2"}).status_code == 400
    assert post(objects, GOOD, **{"Idempotency-Key": "k2"}).status_code == 200
