"""Personas from DESIGN.md, on one project: adviser, lead, member, viewer, outsider, anonymous."""

import pytest
from django.core.cache import caches

from mobilise.projects.models import Role

from .factories import MembershipFactory, ProjectFactory, UserFactory
from .permissions import client_for


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Each test database is built from the models, not by running the migrations: about 2 s where the migrations
    take about 50 s in each worker of each pass. `make test` checks that the migrations match the models
    (`makemigrations --check`), and `django_db_setup` below adds what only a migration holds."""
    from django.db import connections

    for connection in connections.all():
        connection.settings_dict["TEST"]["MIGRATE"] = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from mobilise.core.schema import finish_from_migrations

        finish_from_migrations()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def two_factor_optional(settings):
    """Relaxed as for development, so tests can sign advisers in with force_login; tests/core/test_throttle.py
    and test_auth.py turn it back on to test that advisers and administrators must enrol."""
    settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture(autouse=True)
def generations_verified(settings):
    """Every figure found in the cache of project data generations is worked out again and compared
    (projects/generations.py), so a write that changes a project's data without moving its generation on fails the
    test that made it. The cache starts empty: a rolled-back test's generation numbers come again in the next."""
    settings.GENERATIONS_VERIFY = True
    caches["generations"].clear()


@pytest.fixture(autouse=True)
def tasks_run_inline(settings):
    """Unit tests run each task when it is enqueued; a test that needs the queue itself sets TASKS again."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: ids repeat between tests, so cached figures could leak."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def project(db):
    return ProjectFactory(short_title="CASCADE", title="Cancer screening in community settings")


@pytest.fixture
def adviser(db):
    return UserFactory(full_name="Ada Adviser", is_adviser=True)


@pytest.fixture
def lead(project):
    return MembershipFactory(project=project, role=Role.LEAD, user__full_name="Lee Lead").user


@pytest.fixture
def member(project):
    return MembershipFactory(project=project, role=Role.MEMBER, user__full_name="Mo Member").user


@pytest.fixture
def viewer(project):
    return MembershipFactory(project=project, role=Role.VIEWER, user__full_name="Vi Viewer").user


@pytest.fixture
def outsider(db):
    """A researcher who leads another project, so may use the directory but not see this project."""
    return MembershipFactory(role=Role.LEAD, user__full_name="Otto Outsider").user


@pytest.fixture
def anonymous():
    """No one signed in: `as_user(anonymous)` is a client without a session."""
    return None


@pytest.fixture
def as_user():
    return client_for
