"""The plan page and its writes: live counts against limits, export refused over a limit naming the sections,
DOCX and tagged PDF, stale edits, bad input refused with nothing saved, and query budgets."""

import datetime
import io

import docx
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from mobilise.plans import limits, services
from mobilise.plans.models import Cost, Plan, PlanSection, PlanTemplate
from mobilise.plans.shapes import BUILT_IN, CHARACTERS, SectionShape

from ..factories import ActionFactory, StakeholderFactory
from ..queries import assert_max_queries
from .conftest import fill


@pytest.fixture
def plan(rich, lead):
    return services.create_plan(project=rich, by=lead, title="NIHR stage 2", template_key="nihr")


def url(name, plan, *args):
    return reverse(f"plans:{name}", args=[plan.project_id, plan.pk, *args])


def test_counts_follow_the_case_studys_rule():
    words = SectionShape("a", "A", "", 3)
    assert limits.check(words, "evidence-based care — works")["message"] == "3 of 3 words"
    assert limits.check(words, "one two three four")["message"] == "4 of 3 words: 1 too many"
    chars = SectionShape("b", "B", "", 5, CHARACTERS)
    assert limits.check(chars, "  abcdef ")["over"] is True


def test_every_built_in_shape_has_guidance_and_positive_limits():
    assert len(BUILT_IN["ktpt"].sections) == 13
    assert BUILT_IN["ukri_pathways"].legacy and not BUILT_IN["nihr"].legacy
    assert all(s.guidance and s.limit > 0 for shape in BUILT_IN.values() for s in shape.sections)


def test_live_count_as_you_type(as_user, plan, lead):
    response = as_user(lead).post(url("section-count", plan, "further"), {"text": "word " * 201})
    assert "201 of 200 words: 1 too many" in response.content.decode()


def test_saving_over_the_limit_keeps_a_draft_and_export_is_refused(as_user, plan, lead):
    client = as_user(lead)
    section = plan.sections.get(key="further")
    response = client.post(url("section", plan, "further"), {"text": "word " * 250, "version": section.version})
    assert response.status_code == 302
    page = client.get(url("plan", plan)).content.decode()
    assert "Downloads unavailable" in page and "250 of 200 words: 50 too many" in page
    for fmt in ("docx", "pdf"):
        refused = client.get(url("export", plan, fmt))
        assert refused.status_code == 409
        html = refused.content.decode()
        assert "Export refused: 1 section is over the limit" in html
        assert 'href="#section-further">What further funding or support' in html


def test_export_docx_and_tagged_pdf(as_user, plan, lead):
    client = as_user(lead)
    document = docx.Document(io.BytesIO(client.get(url("export", plan, "docx")).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "NIHR stage 2" in text and "More women screened 0" in text
    assert "What do you think the impact of your research will be and for whom?" in text
    response = client.get(url("export", plan, "pdf"))
    pdf = pypdf.PdfReader(io.BytesIO(response.content))
    assert "/StructTreeRoot" in pdf.trailer["/Root"]  # tagged
    assert "More women screened 0" in "".join(page.extract_text() for page in pdf.pages)


def test_a_stale_edit_is_refused(as_user, plan, lead, member):
    section = plan.sections.get(key="impact")
    as_user(member).post(url("section", plan, "impact"), {"text": "Theirs", "version": section.version})
    response = as_user(lead).post(url("section", plan, "impact"), {"text": "Mine", "version": section.version})
    assert response.status_code == 200 and "Someone saved this section" in response.content.decode()
    assert PlanSection.objects.get(pk=section.pk).text == "Theirs"


def test_start_again_from_the_live_data(as_user, plan, lead):
    section = plan.sections.get(key="impact")
    services.save_section(section=section, text="Ours", expected_version=1, by=lead)
    as_user(lead).post(url("section", plan, "impact"), {"action": "refill", "text": "", "version": 2})
    assert "More women screened 0" in PlanSection.objects.get(pk=section.pk).text


def test_the_timeline_draws_dated_workshops_and_actions_with_a_table_beside(as_user, plan, lead):
    ActionFactory(project=plan.project, description="Send the <brief> to the ICB", due=datetime.date(2027, 3, 1))
    ActionFactory(project=plan.project, description="No date yet")
    page = as_user(lead).get(url("plan", plan)).content.decode()
    chart = page[page.index('id="timeline"') :]
    assert chart.count("<circle") == 2  # the workshop and the dated action; the undated one is left out
    assert "Send the &lt;brief&gt; to the ICB</th>" in chart and "1 Mar 2027" in chart and "No date yet" not in chart


def test_no_timeline_without_dated_activities(as_user, project, lead):
    plan = services.create_plan(project=project, by=lead, title="Empty", template_key="nihr")
    assert 'id="timeline"' not in as_user(lead).get(url("plan", plan)).content.decode()


def test_earlier_versions_of_a_section_and_what_changed(as_user, plan, lead, viewer):
    section = plan.sections.get(key="impact")
    services.save_section(section=section, text="Women in Luton\n- Fund sessions", expected_version=1, by=lead)
    services.save_section(
        section=section, text="Women in Luton and Bedford\n- Fund sessions\n- Train GPs", expected_version=2, by=lead
    )
    assert "Versions<span" in as_user(viewer).get(url("plan", plan)).content.decode()
    page = as_user(viewer).get(url("section-versions", plan, "impact")).content.decode()
    # The newest change until two are chosen: the words and the bullet added, in a list still.
    assert '<ins class="app-ins">and Bedford</ins>' in page and "<li>" in page
    assert '<ins class="app-ins">Train GPs</ins>' in page and "Lee Lead" in page
    newest = page.count("<option") // 2  # each version is offered in both lists
    chosen = as_user(viewer).get(url("section-versions", plan, "impact"), {"a": newest, "b": newest})
    assert "The text is the same in both." in chosen.content.decode()


@pytest.mark.parametrize(
    ("cost", "message"),
    [
        ("-5", "A cost cannot be negative"),
        ("10000000.01", "A cost must be £10,000,000 or less"),
        ("1e9", "A cost must be £10,000,000 or less"),
        ("lots", "Enter the cost as a number of pounds"),
        ("NaN", "Enter the cost as a number of pounds"),
        ("1.234", "at most 2 decimal places"),
    ],
)
def test_bad_costs_are_refused(as_user, plan, lead, cost, message):
    response = as_user(lead).post(url("cost-add", plan), {"item": "Translation", "cost": cost})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Cost.objects.exists()


def test_a_cost_is_removed_only_from_its_own_plan(as_user, plan, lead, rich):
    other = services.create_plan(project=rich, by=lead, title="Other", template_key="nihr")
    cost = services.add_cost(plan=other, item="Translation", cost=100)
    client = as_user(lead)
    assert client.post(url("cost-remove", plan, cost.pk)).status_code == 404
    assert client.post(url("cost-remove", other, cost.pk)).status_code == 302
    assert not Cost.objects.exists()


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ("", "Enter sections"),
        ("Reach | 0 | words", "the limit must be a whole number above zero"),
        ("Reach | -3 | words", "the limit must be a whole number above zero"),
        ("Reach | many | words", "is not a whole number"),
        ("Reach | 100 | pages", "the limit is in words or characters"),
        ("Reach | 100\nreach | 50 | characters", "is already a section"),
    ],
)
def test_bad_templates_are_refused(as_user, adviser, sections, message):
    response = as_user(adviser).post(reverse("plan_templates:new"), {"name": "Regional", "sections": sections})
    assert response.status_code == 400 and message in response.content.decode()
    assert not PlanTemplate.objects.exists()


def test_services_refuse_a_template_with_no_sections(adviser):
    with pytest.raises(services.PlanError, match="Add at least one section"):
        services.create_template(name="Empty", sections=[], by=adviser)
    assert not PlanTemplate.objects.exists()


def test_a_plan_from_an_advisers_template(as_user, rich, lead, adviser):
    template = services.create_template(
        name="Regional",
        sections=[
            {"heading": "Reach", "limit": 5, "unit": "words"},
            {"heading": "Why", "limit": 20, "unit": "characters"},
        ],
        by=adviser,
    )
    response = as_user(lead).post(
        reverse("plans:new", args=[rich.pk]), {"template": f"custom-{template.pk}", "title": "For the ARC"}
    )
    plan = Plan.objects.get(title="For the ARC")
    assert response.status_code == 302 and [s.key for s in plan.sections.all()] == ["reach", "why"]
    assert "0 of 20 characters" in as_user(lead).get(url("plan", plan)).content.decode()


# Session, user, project, plan, sections, one to five queries per kind of live data (the stakeholder map five: its
# first rows' ids, the rows, their roles, its tally, each row's stamp), costs, latest review, and the plan health
# check (7, and 2 to read the logic model, changed here before each view): the same at any size.
@pytest.mark.parametrize("template", ["nihr", "ktpt", "implementation", "ukri_pathways"])
def test_the_plan_page_keeps_to_its_budget(as_user, project, lead, template):
    plan = services.create_plan(project=project, by=lead, title="Plan", template_key=template)
    client = as_user(lead)
    client.get(url("plan", plan))  # the process's first look-ups (content types) are cached from here on
    counts = []
    for n in (1, 4):
        fill(project, n)
        with assert_max_queries(32) as queries:  # two read the data generations, one the costed resources
            assert client.get(url("plan", plan)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_warm_plan_page_reads_no_live_data_yet_shows_a_change_at_once(as_user, plan, lead, viewer):
    client = as_user(lead)
    client.get(url("plan", plan))
    with override_settings(GENERATIONS_VERIFY=False), CaptureQueriesContext(connection) as warm:
        assert client.get(url("plan", plan)).status_code == 200
    # Session, user, project, plan, costs, review, and each data generation read (the body, the health check).
    assert len(warm.captured_queries) <= 9, [q["sql"] for q in warm.captured_queries]
    StakeholderFactory(project=plan.project, group_name="Ada Newly Mapped", influence=5)
    assert "Ada Newly Mapped" in client.get(url("plan", plan)).content.decode()
    # The body is kept apart for those who may edit and those who read: a viewer gets no edit links.
    page = as_user(viewer).get(url("plan", plan)).content.decode()
    assert "Ada Newly Mapped" in page and f'"{url("section", plan, "further")}"' not in page


def test_the_cost_column_is_aligned_as_numbers(as_user, plan, lead):
    services.add_cost(plan=plan, item="Translation", cost=100)
    page = as_user(lead).get(url("plan", plan)).content.decode()
    assert '<th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Cost</th>' in page
