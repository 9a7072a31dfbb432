"""Server time and SQL queries of each main page and export, and of a floor page, through Django's request path."""

import csv
import io
import math
import statistics
import time

from django.core.cache import cache
from django.db import connection
from django.db.models import Max
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mobilise.core.models import User
from mobilise.directory.models import Organisation, Person
from mobilise.plans import access as plan_access
from mobilise.plans import limits
from mobilise.plans import services as plans
from mobilise.plans.models import Plan
from mobilise.projects import generations
from mobilise.projects.models import Project
from mobilise.stakeholders import importing, services_import
from mobilise.stakeholders.models import ScoreChange, Stakeholder, StakeholderRole

from . import profile
from .generate import ADVISER_EMAIL, FIRST, LAST, LEAD_EMAIL

P = "/projects/1"
# (name, who asks, path). Project 1 is the flagship, the programme's largest project; stakeholder, output,
# indicator and form 1 are its busiest.
FLOOR = ("floor: a minimal page in the site layout", "lead", "/accessibility/")
PAGES = [
    ("dashboard (lead)", "lead", "/"),
    ("dashboard (adviser, every project)", "adviser", "/"),
    ("project overview", "lead", f"{P}/"),
    ("logic model page", "lead", f"{P}/logic-model/"),
    ("logic model page, cold (after a change)", "lead", f"{P}/logic-model/"),
    ("logic model diagram (SVG)", "lead", f"{P}/logic-model/export.svg"),
    ("stakeholder register", "lead", f"{P}/stakeholders/"),
    ("stakeholder grid", "lead", f"{P}/stakeholders/grid/"),
    ("stakeholder network", "lead", f"{P}/stakeholders/network/"),
    ("stakeholder network, cold (after a change)", "lead", f"{P}/stakeholders/network/"),
    ("stakeholder equity check", "lead", f"{P}/stakeholders/equity/"),
    ("stakeholder detail", "lead", f"{P}/stakeholders/1/"),
    ("due list (project)", "lead", f"{P}/engagement/"),
    ("due list (adviser, every project)", "adviser", "/engagement/"),
    ("project timeline", "lead", f"{P}/engagement/timeline/"),
    ("stakeholder timeline", "lead", f"{P}/engagement/stakeholders/1/timeline/"),
    ("outputs", "lead", f"{P}/outputs/"),
    ("who should hear a finding (2,000 stakeholders ranked)", "lead", f"{P}/outputs/findings/1/hear/"),
    ("output editor", "lead", f"{P}/outputs/1/edit/"),
    ("output PDF export (four-page brief)", "lead", f"{P}/outputs/1/export.pdf"),
    ("evaluation", "lead", f"{P}/evaluation/"),
    ("indicator page", "lead", f"{P}/evaluation/indicators/1/"),
    ("feedback summary", "lead", f"{P}/evaluation/feedback/1/"),
    ("impact report PDF export", "lead", f"{P}/evaluation/report.pdf"),
    ("impact case study", "lead", f"{P}/evaluation/case-study/"),
    ("KMb plan (KTPT, every section from live data)", "lead", f"{P}/plans/{{plan}}/"),
    ("KMb plan, after a change to its project", "lead", f"{P}/plans/{{plan}}/"),
    ("KMb plan DOCX export", "lead", f"{P}/plans/{{plan}}/export.docx"),
    ("directory: organisations", "lead", "/directory/"),
    ("directory: people", "lead", "/directory/people/"),
    ("public home (visitor)", "visitor", "/"),
    ("support request form (visitor)", "visitor", "/support/ask/"),
    ("support requests queue (adviser)", "adviser", "/support/requests/"),
    ("what could meet a support request (adviser, across the programme)", "adviser", "/support/requests/1/could-meet/"),
    ("what could meet a system priority (adviser, the programme)", "adviser", "/support/priorities/1/could-meet/"),
    ("how each outcome came about (the chain from activity to impact)", "lead", f"{P}/evaluation/impact/chain/"),
    ("support case (the busiest)", "adviser", "/support/cases/1/"),
    ("webinar programme (visitor)", "visitor", "/events/"),
    ("webinar page (visitor, the busiest)", "visitor", "/events/event-1/"),
    ("registrant list (adviser, the busiest)", "adviser", "/events/manage/1/"),
    ("support reports", "adviser", "/support/reports/"),
    ("support reports, cold (figures worked out again)", "adviser", "/support/reports/"),
    ("programme view (adviser, every project)", "adviser", "/portfolio/"),
    ("programme view, after a change to every project", "adviser", "/portfolio/"),
    ("programme report (adviser, the last 12 months)", "adviser", "/portfolio/report/"),
    ("programme report, cold (figures worked out again)", "adviser", "/portfolio/report/"),
    ("programme report PDF export", "adviser", "/portfolio/report.pdf"),
    # The library (bench/generate_library.py): "support" is in every case study, "sickle cell" in one in a hundred.
    ("library search, a word in every case study (visitor)", "visitor", "/case-studies/?q=support"),
    ("library search, a rare word (visitor)", "visitor", "/case-studies/?q=sickle+cell"),
    ("library facets (visitor)", "visitor", "/case-studies/?theme=1&region=london&support=logic_model"),
    ("case study page (visitor)", "visitor", "/case-studies/case-study-1/"),
    ("library list (adviser)", "adviser", "/library/"),
    # The open API's lists (issue 20), each its first page, on the largest project and the busiest webinar.
    ("API projects (adviser)", "adviser", "/api/projects/"),
    ("API stakeholders", "lead", f"/api{P}/stakeholders/"),
    ("API relationships", "lead", f"/api{P}/relationships/"),
    ("API interactions", "lead", f"/api{P}/interactions/"),
    ("API actions", "lead", f"/api{P}/actions/"),
    ("API findings", "lead", f"/api{P}/findings/"),
    ("API outputs", "lead", f"/api{P}/outputs/"),
    ("API indicators", "lead", f"/api{P}/indicators/"),
    ("API impact claims", "lead", f"/api{P}/impact-claims/"),
    ("API support requests (adviser)", "adviser", "/api/support/requests/"),
    ("API support cases (adviser)", "adviser", "/api/support/cases/"),
    ("API events (adviser)", "adviser", "/api/events/"),
    ("API registrations (adviser, the busiest event)", "adviser", "/api/events/1/registrations/"),
    ("API case studies (visitor)", "visitor", "/api/case-studies/"),
    ("API directory people (adviser)", "adviser", "/api/directory/people/"),
    ("API directory organisations (adviser)", "adviser", "/api/directory/organisations/"),
]


def clients():
    signed_in = {"visitor": Client()}
    for who, email in (("lead", LEAD_EMAIL), ("adviser", ADVISER_EMAIL)):
        client = Client()
        client.force_login(User.objects.get(email=email))
        signed_in[who] = client
    return signed_in


def flagship_plan():
    """The flagship project's Knowledge Translation Planning Template plan, drafted from its data the first time
    and each section cut to its limit, as a team does before exporting (the export is refused over a limit)."""
    project = Project.objects.get(pk=1)
    lead = User.objects.get(email=LEAD_EMAIL)
    plan = Plan.objects.filter(project=project).first() or plans.create_plan(
        project=project, by=lead, title="Knowledge translation plan", template_key="ktpt"
    )
    shapes = {s.key: s for s in plan_access.shape_of(plan).sections}
    for section in plan_access.sections(plan):
        shape, text = shapes[section.key], section.text
        while text and limits.check(shape, text)["over"]:
            text = text.rsplit("\n", 1)[0] if "\n" in text else text[: shape.limit]
        if text != section.text:
            plans.save_section(section=section, text=text, expected_version=section.version, by=lead)
    return plan


def percentile(values, share):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def timings(times):
    """The median, p95 and p99 of times in ms, as a record keeps them: p99 shows the tail p95 leaves out (a
    garbage collection, a worker busy with a slower request)."""
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
    }


def time_page(client, path, repeat, prepare=None):
    """(each request's ms, queries) of GET path; raises if the page does not answer 200. prepare() runs before each
    request: for a cold page it empties the cache, as after a change to what the page caches (a logic model, a
    stakeholder map); for pages that keep figures under the projects' data generations it makes a change."""
    for _ in range(2):  # warm: templates compiled, caches filled, as in a running server
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    times = []
    for _ in range(repeat):
        if prepare:
            prepare()
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    if prepare:
        prepare()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return times, len(queries)


# Pages that keep figures under the projects' data generations (projects/generations.py), straight after a write: the
# data generation moves on as every write does, so the page works its figures out again, and the request is counted.
CHANGES = {
    "KMb plan, after a change to its project": lambda: generations.bump([1]),
    # Their bodies are kept under the generation too; "cold" empties the other caches (layout, diagram, brokers).
    "logic model page, cold (after a change)": lambda: generations.bump([1]),
    "stakeholder network, cold (after a change)": lambda: generations.bump([1]),
    "programme view, after a change to every project": lambda: generations.bump(
        Project.objects.values_list("pk", flat=True)
    ),
}


def chosen(only=()):
    """The floor page, then each page (those whose names hold a word of `only`, when given)."""
    return [FLOOR, *(page for page in PAGES if not only or any(word in page[0] for word in only))]


def _preparation(name):
    """What runs before each timed request of the page: emptying the caches for a cold page, a change for a page
    measured after one."""
    change = CHANGES.get(name)
    if "cold" not in name:
        return change

    def cold():
        cache.clear()
        if change:
            change()

    return cold


def pages(repeat, log, only=(), over=None):
    """Each chosen page timed; those that over(result) says miss a target are profiled once more
    (bench/profile.py)."""
    signed_in = clients()
    plan = flagship_plan()
    results = []
    for name, who, path in chosen(only):  # the floor page first
        path = path.format(plan=plan.pk)
        prepare = _preparation(name)
        times, queries = time_page(signed_in[who], path, repeat, prepare)
        result = {"name": name, "path": path, **timings(times), "queries": queries}
        result["ratio_to_floor"] = round(result["median_ms"] / (results or [result])[0]["median_ms"], 1)
        # Straight after the timed requests, while the page's caches are as they had them.
        if over and over(result):
            result["profile"] = profile.request(signed_in[who], path, prepare)
        results.append(result)
        log(
            f"  {name:<42} median {result['median_ms']:7.1f} ms  p95 {result['p95_ms']:7.1f} ms  "
            f"p99 {result['p99_ms']:7.1f} ms  {queries:3} queries"
        )
    return results


def import_csv(rows, seed):
    """A stakeholder spreadsheet as a team might export it from elsewhere: people, organisations and scores."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Organisation", "Email", "Roles", "Interest", "Influence"])
    for n in range(rows):
        name = f"{FIRST[(n + seed) % len(FIRST)]} {LAST[(n * 7) % len(LAST)]} import {n}"
        organisation = f"Imported trust {n % 500}" if n % 3 else ""
        writer.writerow(
            [name, organisation, f"import{n}@example.org", "Champion" if n % 4 == 0 else "", 1 + n % 5, 1 + (n * 3) % 5]
        )
    return out.getvalue().encode()


# What an import adds beyond the project's own rows, and the score changes others save while it runs
# (bench/import_load.py); the rows past the marks are deleted after it.
IMPORT_ADDS = [
    ScoreChange,
    Person,
    Organisation,
    Project.history.model,
    Person.history.model,
    Organisation.history.model,
    Stakeholder.history.model,
]


def import_marks():
    return {model: model.objects.aggregate(last=Max("pk"))["last"] or 0 for model in IMPORT_ADDS}


def import_file(project, lead, content):
    """Upload, map, check and import a file as the import pages and the import task do it; the summary."""
    batch = services_import.start_batch(project=project, by=lead, filename="stakeholders.csv", content=content)
    headers, _ = importing.batch_table(batch)
    services_import.set_mapping(batch=batch, mapping=importing.guess_mapping(headers))
    importing.read_batch(batch)  # the check page
    return services_import.run_batch(batch=batch, by=lead)  # what the task runs


def undo_import(project, marks):
    """Delete what an import added, so the dataset stays as built. Raw deletes: the ORM's would load every row
    and write an audit record for each."""
    for model in (StakeholderRole, ScoreChange):
        model.objects.filter(stakeholder__project=project)._raw_delete(connection.alias)
    Stakeholder._base_manager.filter(project=project)._raw_delete(connection.alias)
    project.delete()
    for model, last in marks.items():
        model.objects.filter(pk__gt=last)._raw_delete(connection.alias)


def stakeholder_import(rows, seed, log):
    """Seconds to upload, map, check and import rows into a new project, committed, as the import pages do them;
    what the import added is then deleted again, so the dataset stays as built."""
    content = import_csv(rows, seed)
    lead = User.objects.get(email=LEAD_EMAIL)
    marks = import_marks()
    project = Project.objects.create(title="Import timing", short_title="IMPORT")
    start = time.perf_counter()
    summary = import_file(project, lead, content)
    seconds = time.perf_counter() - start
    undo_import(project, marks)
    if summary["created"] != rows:
        raise RuntimeError(f"import created {summary['created']} of {rows} stakeholders")
    log(f"  stakeholder CSV import, {rows:,} rows: {seconds:.1f} s")
    return seconds
