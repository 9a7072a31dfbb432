import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mobilise.engagement import services
from mobilise.projects.models import Membership


def test_weekly_digest(project, lead, member, map_, logged, django_capture_on_commit_callbacks):
    # The ICB (monthly, 40 days ago) and Raj (weekly) are overdue for the lead, who also owns an overdue action.
    services.add_action(
        project=project, description="Far future", owner=lead, due=timezone.localdate() + datetime.timedelta(days=60)
    )
    services.add_action(project=project, description="Member's task", owner=member, due=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):  # digests are queued when the command's write commits
        call_command("send_digests", stdout=__import__("io").StringIO())
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {lead.email, member.email}
    body = by_person[lead.email].body
    assert "Kingsbridge ICB (CASCADE): overdue since" in body and "Raj Patel" in body
    assert "Send the interim findings (CASCADE): overdue since" in body and "Far future" not in body
    assert "overdue" in by_person[lead.email].subject
    assert "Member's task" in by_person[member.email].body and "Kingsbridge" not in by_person[member.email].body


def test_no_digest_for_projects_left_or_nothing_due(project, lead, map_, logged, django_capture_on_commit_callbacks):
    Membership.objects.filter(user=lead).delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=__import__("io").StringIO())
    assert mail.outbox == []


def test_counts_read_in_the_right_number(project, lead, map_, django_capture_on_commit_callbacks):
    """Issue 13: "1 places"; one contact and one action read as such."""
    from mobilise.stakeholders.models import Stakeholder

    Stakeholder.objects.filter(project=project).exclude(pk=map_["icb"].pk).update(cadence="")
    services.log_interaction(
        project=project,
        by=lead,
        date=timezone.localdate() - datetime.timedelta(days=40),
        kind="call",
        stakeholders=[map_["icb"]],
        actions=[{"description": "Call back", "owner": lead, "due": timezone.localdate()}],
    )
    out = __import__("io").StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=out)
    assert "1 contact and 1 action due this week" in mail.outbox[0].subject
    assert "Queued 1 digest." in out.getvalue()


def test_counted():
    from mobilise.documents.text import counted

    assert [counted(n, "place") for n in (0, 1, 2)] == ["0 places", "1 place", "2 places"]
    assert counted(1, "person", "people") == "1 person" and counted(3, "person", "people") == "3 people"
