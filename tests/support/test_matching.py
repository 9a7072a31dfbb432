"""What could meet a system priority, a support request or an idea: findings, projects, published case studies and
people ranked by the same ranker with the same why; and, for a finding, who raised its topic on other projects."""

import pytest
from django.urls import reverse

from mobilise.engagement import access as engagement_access
from mobilise.support import matching

from ..factories import (
    FindingFactory,
    IdeaFactory,
    InsightFactory,
    LibraryCaseStudyFactory,
    PersonFactory,
    PriorityFactory,
    ProjectFactory,
    StakeholderFactory,
    SupportRequestFactory,
    UserFactory,
)
from ..queries import assert_max_queries

pytestmark = pytest.mark.django_db

ASTHMA = "Fewer emergency admissions for children with asthma"


@pytest.fixture
def programme():
    asthma = ProjectFactory(title="School asthma plans", research_question="Do asthma plans in schools help?")
    FindingFactory(project=asthma, statement="Children with an asthma plan had fewer emergency admissions.")
    FindingFactory(project=asthma, statement="Parents valued the school nurse.")
    LibraryCaseStudyFactory(published=True, title="Asthma reviews in pharmacies", summary="Children seen sooner.")
    LibraryCaseStudyFactory(title="Asthma draft, not yet published", summary="Asthma admissions")
    nurse = PersonFactory(full_name="Ann Nurse", job_title="Paediatric asthma nurse")
    PersonFactory(full_name="Dan Contact", job_title="Asthma lead", do_not_contact=True)
    raiser = PersonFactory(full_name="Gap Raiser", job_title="Parent governor")
    InsightFactory(question="Why do children with asthma end up in emergency care?").stakeholders.add(
        StakeholderFactory(person=raiser)
    )
    return {"project": asthma, "nurse": nurse, "raiser": raiser}


def titles(found):
    return [f.title for f in found]


def test_a_priority_finds_findings_projects_published_case_studies_and_people(adviser, programme):
    matches = matching.could_meet(adviser, matching.query_text(PriorityFactory(title=ASTHMA, description="")))
    assert titles(matches.findings) == ["Children with an asthma plan had fewer emergency admissions."]
    assert {"asthma", "emergency", "admissions"} <= set(matches.findings[0].words)
    assert titles(matches.projects)[0] == programme["project"].short_title
    assert titles(matches.case_studies) == ["Asthma reviews in pharmacies"]  # the draft is not offered
    assert "Dan Contact" not in titles(matches.people)  # do not contact: never suggested
    assert set(titles(matches.people)) == {"Ann Nurse", "Gap Raiser"}  # by job, and by the gap she raised
    assert matches.findings[0].url == reverse(
        "outputs:finding-hear", args=[programme["project"].pk, programme["project"].findings.first().pk]
    )


def test_nothing_in_common_finds_nothing(adviser, programme):
    assert not matching.could_meet(adviser, "Xylophones and zithers")


def test_a_request_and_an_idea_are_matched_on_their_own_words(adviser, programme):
    support_request = SupportRequestFactory(project_title="Asthma in schools", summary="", inequalities="")
    assert titles(matching.could_meet(adviser, matching.query_text(support_request)).case_studies)
    idea = IdeaFactory(title="Nurse visits", problem="Asthma", idea="", who_benefits="")
    assert "Ann Nurse" in titles(matching.could_meet(adviser, matching.query_text(idea)).people)


def test_a_finding_shows_who_raised_its_topic_on_other_projects(adviser, programme):
    elsewhere = ProjectFactory()
    finding = FindingFactory(project=elsewhere, statement="Emergency asthma care for children rose in winter.")
    assert titles(engagement_access.raised_elsewhere(adviser, finding.statement, elsewhere)) == ["Gap Raiser"]
    # Someone already on the finding's own map is not "elsewhere".
    StakeholderFactory(project=elsewhere, person=programme["raiser"])
    assert engagement_access.raised_elsewhere(adviser, finding.statement, elsewhere) == []


def test_an_administrator_is_offered_only_what_they_may_see_and_projects_they_may_change(programme):
    administrator = UserFactory(is_staff=True)
    matches = matching.could_meet(administrator, matching.query_text(PriorityFactory(title=ASTHMA, description="")))
    assert matches.projects == [] and matches.findings == []  # not on the asthma project's team
    assert titles(matches.people) == ["Ann Nurse"]  # by job; the gap she did not see raises no one


@pytest.mark.parametrize("kind", ["priority", "request", "idea"])
def test_the_page_for_each_source_shows_every_kind_with_why(as_user, adviser, programme, kind):
    source = {
        "priority": lambda: PriorityFactory(title=ASTHMA),
        "request": lambda: SupportRequestFactory(project_title=ASTHMA),
        "idea": lambda: IdeaFactory(title=ASTHMA),
    }[kind]()
    page = as_user(adviser).get(reverse(f"support:{kind}-could-meet", args=[source.pk])).content.decode()
    assert "What could meet it" in page and "Words in common: " in page
    for heading in ("Findings", "Projects", "Published case studies", "People in the directory"):
        assert f"<h2>{heading}</h2>" in page
    assert "Asthma reviews in pharmacies" in page and "Dan Contact" not in page
    assert (
        reverse(f"support:{kind}-could-meet", args=[source.pk])
        in as_user(adviser).get(reverse(f"support:{kind}", args=[source.pk])).content.decode()
    )


def test_the_page_reads_a_fixed_number_of_queries_however_large_the_programme(as_user, adviser, programme):
    client = as_user(adviser)
    priority = PriorityFactory(title=ASTHMA)
    url = reverse("support:priority-could-meet", args=[priority.pk])
    counts = []
    for _ in range(2):
        with assert_max_queries(14) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
        for n in range(15):
            project = ProjectFactory(title=f"Asthma project {n}")
            FindingFactory(project=project, statement=f"Asthma finding {n}")
            LibraryCaseStudyFactory(published=True, title=f"Asthma story {n}")
            InsightFactory(project=project).stakeholders.add(
                StakeholderFactory(project=project, person=PersonFactory())
            )
    assert counts[0] == counts[1]
