"""The evidence gaps raised across the programme: grouped by the themes of their projects with how many stakeholders
raised them, filtered by theme and status, each leading to its project or to the project it became; a fixed number
of queries however many gaps."""

import pytest
from django.urls import reverse

from mobilise.engagement.models import InsightStatus

from ..factories import InsightFactory, ProjectFactory, StakeholderFactory, ThemeFactory
from ..queries import assert_max_queries

pytestmark = pytest.mark.django_db
URL = reverse("portfolio:gaps")


@pytest.fixture
def gaps():
    asthma, cancer = ThemeFactory(name="Asthma"), ThemeFactory(name="Cancer")
    school = ProjectFactory(short_title="School plans")
    school.themes.add(asthma)
    screening = ProjectFactory(short_title="Screening")
    screening.themes.add(cancer, asthma)
    first = InsightFactory(project=school, question="Do inhaler checks at school cut admissions?")
    first.stakeholders.add(StakeholderFactory(project=school), StakeholderFactory(project=school))
    became = ProjectFactory(short_title="Follow-on")
    InsightFactory(
        project=screening, question="Would audio messages help?", new_project=became, status=InsightStatus.SCOPING
    ).stakeholders.add(StakeholderFactory(project=screening))
    return {"asthma": asthma, "cancer": cancer, "first": first}


def test_gaps_by_theme_with_who_raised_them(as_user, adviser, gaps):
    page = as_user(adviser).get(URL).content.decode()
    rows = page[page.index("<h2>By theme</h2>") : page.index("<h2>Every gap</h2>")]
    assert rows.index("Asthma") < rows.index("Cancer")  # the most gaps first
    assert ">2</td>" in rows and ">3</td>" in rows  # Asthma: 2 gaps, 3 stakeholders raised them
    assert "by 2 stakeholders" in page and "It became" in page and "Follow-on" in page
    assert reverse("engagement:insight-project", args=[gaps["first"].project_id, gaps["first"].pk]) in page


def test_filtered_by_theme_and_status(as_user, adviser, gaps):
    client = as_user(adviser)
    cancer = client.get(URL, {"theme": gaps["cancer"].pk}).content.decode()
    assert "Would audio messages help?" in cancer and "inhaler" not in cancer
    raised = client.get(URL, {"status": "raised"}).content.decode()
    assert "inhaler" in raised and "audio messages" not in raised
    assert client.get(URL, {"theme": "²", "status": "nonsense"}).status_code == 200  # ignored, not a 500


def test_a_fixed_number_of_queries_however_many_gaps(as_user, adviser, gaps):
    client = as_user(adviser)
    counts = []
    for _ in range(2):
        with assert_max_queries(12) as queries:
            assert client.get(URL).status_code == 200
        counts.append(len(queries))
        for _ in range(10):
            project = ProjectFactory()
            project.themes.add(ThemeFactory())
            InsightFactory(project=project).stakeholders.add(StakeholderFactory(project=project))
    assert counts[0] == counts[1]
