"""How the job apps fill the projects.jobs hook: each declares its job as data (projects.apps.JobApp), and a Job's
URL namespaces default to its first page's."""

from django.apps import apps

from mobilise.projects import jobs
from mobilise.projects.apps import JobApp
from mobilise.projects.jobs import Job, JobStatus


def _status(project, user):
    return JobStatus("ok")


def test_a_job_belongs_to_the_namespace_of_its_first_page_unless_it_names_its_own():
    assert Job(key="plan", name="Plan", url_name="planning:model", purpose="p", status=_status).namespaces == (
        "planning",
    )
    named = Job(key="k", name="K", url_name="a:home", purpose="p", status=_status, namespaces=("a", "b"))
    assert named.namespaces == ("a", "b")
    assert Job(key="k", name="K", url_name="project", purpose="p", status=_status).namespaces == ()


def test_each_job_app_registers_its_job_with_its_status_in_the_order_the_apps_are_installed():
    from mobilise.engagement.status import status as engagement
    from mobilise.evaluation.status import status as evaluation
    from mobilise.outputs.status import status as outputs
    from mobilise.planning.status import status as plan
    from mobilise.stakeholders.status import status as stakeholders

    got = [(job.key, job.url_name, job.namespaces, job.status) for job in jobs.jobs()]
    assert got == [
        ("plan", "planning:model", ("planning",), plan),
        ("stakeholders", "stakeholders:register", ("stakeholders",), stakeholders),
        ("outputs", "outputs:home", ("outputs",), outputs),
        ("engagement", "engagement:due", ("engagement",), engagement),
        ("evaluation", "evaluation:home", ("evaluation",), evaluation),
    ]
    assert all(isinstance(apps.get_app_config(label), JobApp) for label in ("planning", "outputs", "evaluation"))


def test_a_job_is_registered_once_however_often_ready_runs():
    config = apps.get_app_config("outputs")
    with jobs.JOBS.temporarily():
        config.ready()
        config.ready()
        assert [job.key for job in jobs.jobs()] == ["outputs"]
