import time
import pytest
from .helpers import sign_in, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_probe(page, live_server, adviser, project):
    page.context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    sign_in(page, live_server, adviser)
    page.on("request", lambda r: print(f"-> {r.method} {r.url} {r.post_data}"))
    page.goto(live_server.url + f"/projects/{project.pk}/edit/")
    page.fill("#id_title", "")
    page.get_by_role("button", name="Save project").click()
    page.wait_for_load_state()
    print(page.title())
