"""A project's support history on its home (the projects.support hook) and an adviser's due advice next steps on
the due list across all projects (the engagement.due hook), both filled by support in a fixed number of queries."""

import datetime

from django.urls import reverse
from django.utils import timezone

from mobilise.core import hooks
from mobilise.core.models import SiteSettings
from mobilise.engagement.elsewhere import DUE
from mobilise.projects.support import SUPPORT
from mobilise.support import providers
from mobilise.support.models import Outcome

from ..factories import AdviceEntryFactory, CaseFactory, UserFactory
from ..queries import assert_max_queries

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def test_support_fills_both_hooks():
    assert providers.project_support in SUPPORT.providers and providers.next_steps in DUE.providers
    assert {"projects.support", "engagement.due"} <= set(hooks.declared())


def test_the_project_home_shows_its_support_history(as_user, project, adviser, lead, viewer, outsider):
    case = CaseFactory(project=project, lead=adviser, lead__full_name="Ada Adviser")
    AdviceEntryFactory(case=case, minutes=90)
    AdviceEntryFactory(case=case, minutes=45)
    old = CaseFactory(project=project, opened=timezone.now() - datetime.timedelta(days=400))
    old.closed, old.outcome = timezone.now() - datetime.timedelta(days=300), Outcome.FUNDED
    old.save()
    CaseFactory()  # another project's case
    home = reverse("project", args=[project.pk])
    page = as_user(adviser).get(home).content.decode()
    section = page[page.index('id="support"') : page.index("About the project")]
    assert "Support from Mereshire Health Innovation Network" in page
    assert "Ada Adviser" in section and "2.2" in section and "Grant funded" in section and "Open" in section
    assert section.count('class="nhsuk-table__row"') == 3  # the head and two cases
    assert f'href="{reverse("support:case", args=[case.pk])}"' in section
    for reader in (lead, viewer):
        section = as_user(reader).get(home).content.decode()
        assert "Support from" in section and "Ada Adviser" in section and "/support/cases/" not in section
    assert as_user(outsider).get(home).status_code == 404


def test_a_project_without_support_has_no_section(as_user, project, lead):
    assert "Support from" not in as_user(lead).get(reverse("project", args=[project.pk])).content.decode()


def test_the_home_takes_the_same_queries_however_much_support(as_user, project, adviser):
    client = as_user(adviser)
    SiteSettings.load()  # made on first reading
    client.get(reverse("project", args=[project.pk]))  # process-wide caches filled, as in a running server
    counts = []
    for n in (1, 8):
        for _ in range(n):
            AdviceEntryFactory.create_batch(3, case=CaseFactory(project=project))
        with assert_max_queries(29) as queries:  # the home's own, and the plan health check's seven
            assert client.get(reverse("project", args=[project.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_advisers_due_list_shows_their_open_next_steps_overdue_first(as_user, adviser):
    led = CaseFactory(lead=adviser, request__project_title="Peer support for new mothers")
    helped = CaseFactory(advisers=[adviser], request__project_title="Falls sensors")
    closed = CaseFactory(lead=adviser, closed=timezone.now())
    AdviceEntryFactory(case=led, next_step="Send the draft plan", next_step_due=days(5))
    AdviceEntryFactory(case=helped, next_step="Review the grant draft", next_step_due=days(-3))
    AdviceEntryFactory(case=led, next_step="Already done", next_step_due=days(-1), next_step_done=True)
    AdviceEntryFactory(case=led, next_step="Some day", next_step_due=None)
    AdviceEntryFactory(case=closed, next_step="On a closed case", next_step_due=days(1))
    AdviceEntryFactory(next_step="Someone else's", next_step_due=days(1))
    page = as_user(adviser).get(reverse("engagement_all:due")).content.decode()
    section = page[page.index('id="support-steps"') :].split("</table>")[0]
    assert "Support next steps (2)" in section
    assert section.index("Overdue") < section.index("Review the grant draft") < section.index("Send the draft plan")
    assert section.count(">Overdue<") == 1 and "Falls sensors" in section
    assert f'href="{reverse("support:case", args=[led.pk])}"' in section
    for absent in ("Already done", "Some day", "On a closed case", "Someone else's"):
        assert absent not in page


def test_others_see_nothing_new_on_their_due_list(as_user, lead):
    AdviceEntryFactory(case=CaseFactory(lead=UserFactory(is_adviser=True)), next_step="Call", next_step_due=days(1))
    assert "Support next steps" not in as_user(lead).get(reverse("engagement_all:due")).content.decode()
    assert providers.next_steps(lead, TODAY) is None


def test_the_due_list_takes_the_same_queries_however_many_steps(as_user, adviser):
    client = as_user(adviser)
    counts = []
    for n in (1, 10):
        for i in range(n):
            AdviceEntryFactory(case=CaseFactory(lead=adviser), next_step=f"Step {i}", next_step_due=days(i - 3))
        with assert_max_queries(7) as queries:
            assert client.get(reverse("engagement_all:due")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
