import datetime
from decimal import Decimal

import pytest

from mobilise.core.tables import TableError
from mobilise.evaluation import access, progress, services, services_import
from mobilise.evaluation.models import Actual, QuestionKind


def rows(*pairs):
    return [
        {"label": str(i), "ends": datetime.date(2020 + i, 1, 1), "target": t, "actual": a}
        for i, (t, a) in enumerate(pairs)
    ]


@pytest.mark.parametrize(
    ("direction", "pairs", "code"),
    [
        ("up", [(62, 63), (66, None)], "on_track"),
        ("up", [(62, 60), (66, None)], "behind"),
        ("up", [(62, 63), (66, 67)], "met"),
        ("up", [(62, 63), (66, 64)], "behind"),
        ("down", [(20, 19), (15, None)], "on_track"),
        ("down", [(20, 22), (15, None)], "behind"),
        ("down", [(20, 19), (15, 14)], "met"),
        ("up", [(None, 5)], "no_target"),
        ("up", [(62, None)], "no_data"),
    ],
)
def test_status_respects_direction(direction, pairs, code):
    assert progress.status(direction, rows(*pairs))["code"] == code


def test_status_before_any_target_is_due_compares_with_the_baseline():
    data = [
        {"label": "a", "ends": datetime.date(2024, 1, 1), "target": None, "actual": 57},
        {"label": "b", "ends": datetime.date(2025, 1, 1), "target": 66, "actual": None},
    ]
    assert progress.status("up", data, baseline=58)["code"] == "behind"
    data[1]["target"] = 50
    assert progress.status("down", data, baseline=58)["code"] == "on_track"
    assert progress.status("down", data, baseline=56)["code"] == "behind"


def test_parse_value_refuses_non_numbers_and_out_of_range():
    assert progress.parse_value("1,234.5") == Decimal("1234.500")
    assert progress.parse_value("45%", "%") == Decimal("45.000")
    for bad, unit in (("abc", ""), ("NaN", ""), ("101", "%"), ("-1", "%"), ("1e12", "women")):
        with pytest.raises(ValueError):
            progress.parse_value(bad, unit)


def test_breakdowns_parse_and_refuse():
    assert services.parse_breakdowns("Sex: Female, Male\n\nAge band: 50-59, 60-70") == {
        "Sex": ["Female", "Male"],
        "Age band": ["50-59", "60-70"],
    }
    for bad in ("Sex Female Male", "Sex: Female", "Sex: F, M\nSex: F, M", "Sex: F, f"):
        with pytest.raises(ValueError):
            services.parse_breakdowns(bad)


def test_breakdown_totals_flag_counts_that_do_not_add_up(project, outcome):
    indicator = services.save_indicator(
        project=project,
        element=outcome,
        name="Women screened",
        unit="women",
        direction="up",
        breakdowns={"Sex": ["F", "M"]},
        additive=True,
    )
    first = services.save_period(indicator=indicator, label="2024", ends=datetime.date(2024, 12, 31), target=None)
    second = services.save_period(indicator=indicator, label="2025", ends=datetime.date(2025, 12, 31), target=None)
    services.set_actuals(period=first, values={("", ""): Decimal(10), ("Sex", "F"): Decimal(6), ("Sex", "M"): 4})
    services.set_actuals(period=second, values={("", ""): Decimal(12), ("Sex", "F"): Decimal(6), ("Sex", "M"): 5})
    periods = list(indicator.periods.all())
    [table] = progress.breakdown_tables(indicator, periods)
    assert table["sums"] == [Decimal(10), Decimal(11)] and table["mismatch"] == ["2025"]
    assert [c["cells"] for c in table["categories"]] == [[6, 6], [4, 5]]


def test_removing_a_category_removes_its_values(indicator):
    period = indicator.periods.first()
    services.set_actuals(period=period, values={("Ethnicity", "White"): Decimal(60), ("", ""): Decimal(61)})
    services.save_indicator(
        project=indicator.project, indicator=indicator, breakdowns={"Ethnicity": ["Bangladeshi", "Pakistani"]}
    )
    assert list(Actual.objects.values_list("category", flat=True)) == [""]


def test_import_is_all_or_nothing_with_row_errors(indicator):
    headers = ["Period", "Breakdown", "Category", "Value"]
    bad = [
        ["2023-24", "", "", "61"],
        ["2030", "", "", "5"],
        ["2023-24", "Ethnicity", "Martian", "5"],
        ["2023-24", "Sex", "F", "5"],
        ["2024-25", "", "", "lots"],
        ["2024-25", "", "", "140"],
        ["2023-24", "", "", "62"],
        ["", "", "", ""],
        ["2024-25", "", "", ""],
    ]
    with pytest.raises(TableError) as caught:
        services_import.import_actuals(indicator=indicator, headers=headers, rows=bad)
    problems = [str(p) for p in caught.value.problems]
    assert problems[0].startswith("Row 3:") and "not one of this indicator's periods" in problems[0]
    assert "not a category of Ethnicity" in problems[1] and "not one of this indicator's breakdowns" in problems[2]
    assert "not a number" in problems[3] and "0 to 100" in problems[4] and "repeats row 2" in problems[5]
    assert "Row 10" in problems[6] and "blank" in problems[6]
    assert not Actual.objects.exists()
    good = [["2023-24", "", "", "61"], ["2023-24", "ethnicity", "bangladeshi", "55.5"], ["2024-25", "", "", "64%"]]
    assert services_import.import_actuals(indicator=indicator, headers=headers, rows=good) == 3
    assert Actual.objects.get(dimension="Ethnicity").category == "Bangladeshi"


def test_import_needs_the_columns(indicator):
    with pytest.raises(TableError) as caught:
        services_import.check_import(indicator, ["Period", "Amount"], [["2023-24", "1"]])
    assert "no “Value” column" in str(caught.value.problems[0])


def test_feedback_summary_counts_and_means(project):
    form = services.save_feedback_form(project=project, title="Workshop", intro="", is_open=True, one_per_browser=True)
    rating = services.save_feedback_question(form=form, kind=QuestionKind.RATING, text="How useful?")
    many = services.save_feedback_question(
        form=form, kind=QuestionKind.MULTIPLE, text="Which parts?", choices="Talks\nGroups\nLunch"
    )
    text = services.save_feedback_question(form=form, kind=QuestionKind.TEXT, text="Anything else?")
    with pytest.raises(services.EvaluationError):
        services.save_feedback_question(form=form, kind=QuestionKind.SINGLE, text="Pick", choices="Only one")
    services.record_response(form=form, answers={rating.pk: "5", many.pk: ["Talks", "Groups"], text.pk: "Good"})
    services.record_response(form=form, answers={rating.pk: "4", many.pk: ["Talks"], text.pk: ""})
    summary = access.summarise(form, [rating, many, text], access.answer_sets([form])[form.pk])
    assert summary[0]["mean"] == 4.5 and summary[0]["counts"][4] == ("5", 1, 50)
    assert summary[1]["counts"] == [("Talks", 2, 100), ("Groups", 1, 50), ("Lunch", 0, 0)]
    assert summary[2]["texts"] == ["Good"] and summary[2]["answered"] == 1
    form.is_open = False
    with pytest.raises(services.EvaluationError):
        services.record_response(form=form, answers={})


def test_save_services_create_then_change_the_same_row(project):
    """The save_* services share one way of writing a form's values: a first call adds the row, a second with the
    row changes only the fields it names, in place."""
    question = services.save_question(project=project, focus="what", text="Does it work?", timing="Yearly")
    again = services.save_question(project=project, question=question, text="Does it work for whom?")
    form = services.save_feedback_form(project=project, title="Workshop", intro="Hello", is_open=True)
    services.save_feedback_form(project=project, form=form, is_open=False)
    entry = services.save_learning(project=project, date=datetime.date(2025, 1, 1), tried="Texts", learned="Calls")
    services.save_learning(project=project, entry=entry, changed="We call first")
    services.save_case_study(project=project, title="Ours")
    study = services.save_case_study(project=project, summary="It changed practice")
    for row in (question, form, entry):
        row.refresh_from_db()
    assert again.pk == question.pk and (question.text, question.timing) == ("Does it work for whom?", "Yearly")
    assert (form.title, form.intro, form.is_open) == ("Workshop", "Hello", False)
    assert (entry.learned, entry.changed) == ("Calls", "We call first")
    assert project.impact_case_study.pk == study.pk and (study.title, study.summary) == ("Ours", "It changed practice")
