"""Who may open what: the persona tables every app's `test_permissions.py` is written in (as in pretix's
`src/tests/control/test_permissions.py`).

A row names a URL, the objects its arguments come from, and the answer each persona gets. The personas are the
fixtures in `tests/conftest.py`; the answers below are the project access rule (`projects/rules.py`) seen from
outside: readers see, editors change, the team's leads manage, everyone else gets 404 and no hint that the project
exists, and the anonymous visitor is sent to sign in.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import import_module

from django.db import transaction
from django.test import Client
from django.urls import reverse

PERSONAS = ("adviser", "lead", "member", "viewer", "outsider", "anonymous")
SIGN_IN = "sign in"  # a redirect to the sign-in page

READ = {"adviser": 200, "lead": 200, "member": 200, "viewer": 200, "outsider": 404}
EDIT = {"adviser": 200, "lead": 200, "member": 200, "viewer": 404, "outsider": 404}
MANAGE = {"adviser": 200, "lead": 200, "member": 404, "viewer": 404, "outsider": 404}
SIGNED_IN = {"adviser": 200, "lead": 200, "member": 200, "viewer": 200, "outsider": 200}
PUBLIC = {**SIGNED_IN, "anonymous": 200}


def when_allowed(level: Mapping[str, int | str], status: int) -> dict[str, int | str]:
    """The same table where the allowed personas get `status` (a redirect after a POST, say) instead of 200."""
    return {persona: status if answer == 200 else answer for persona, answer in level.items()}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@dataclass(frozen=True)
class Url:
    """One row of a table. `args` name entries of the module's `objects` fixture (a model's pk is used); anything
    else, such as an export format, is passed as it is. The anonymous visitor is sent to sign in unless the row
    says otherwise."""

    name: str
    args: tuple[str, ...] = ()
    expected: Mapping[str, int | str] = field(default_factory=lambda: READ)
    method: str = "get"
    data: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return " ".join([self.method.upper(), self.name, *self.args])

    def path(self, objects: Mapping[str, object]) -> str:
        values = [objects.get(a, a) for a in self.args]
        return reverse(self.name, args=[getattr(value, "pk", value) for value in values])

    def answer_for(self, persona: str) -> int | str:
        return {"anonymous": SIGN_IN, **self.expected}[persona]


def answer(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return SIGN_IN
    return response.status_code


def check(url: Url, objects: Mapping[str, object], persona: str, user) -> None:
    """Request the row's URL as the persona and compare with the table; a 404 must not name the project."""
    response = getattr(client_for(user), url.method)(url.path(objects), dict(url.data))
    expected = url.answer_for(persona)
    assert answer(response) == expected, f"{url} as {persona}: {answer(response)}, expected {expected}"
    if expected == 404 and "project" in objects:
        assert objects["project"].title not in response.content.decode()


class _Undo(Exception):
    pass


def check_every_persona(url: Url, objects: Mapping[str, object], request) -> None:
    """check() for each persona in turn, each inside a savepoint rolled back afterwards, so that one persona's
    POST does not change what the next one finds; one test per row keeps the tables quick to run."""
    failures = []
    for persona in PERSONAS:
        user = request.getfixturevalue(persona)
        try:
            with transaction.atomic():
                check(url, objects, persona, user)
                raise _Undo
        except _Undo:
            pass
        except AssertionError as failure:
            failures.append(str(failure))
    assert not failures, "\n".join(failures)


def names_in(urls_module: str) -> set[str]:
    """Every URL name an app's URLconf declares, namespaced as `reverse` wants them."""
    module = import_module(urls_module)
    prefix = f"{module.app_name}:" if getattr(module, "app_name", None) else ""
    return {prefix + pattern.name for pattern in module.urlpatterns if pattern.name}
