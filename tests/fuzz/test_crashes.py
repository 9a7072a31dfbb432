"""The server errors the fuzz test found, one small test each: a NUL that PostgreSQL refuses in any query reached
the database from text read outside a form. On SQLite the NUL was stored or shown, so these fail there too."""

import pytest
from django.urls import reverse

from mobilise.core import ratelimit
from mobilise.core.models import RateEvent
from mobilise.outputs.models import GlossaryTerm

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_sign_in_address_is_counted_not_a_crash(client):
    response = client.post(reverse("login"), {"username": "ada\x00@example.org", "password": "x"})
    assert response.status_code == 200
    assert set(RateEvent.objects.values_list("key", flat=True)) == {"ada@example.org", "127.0.0.1"}
    ratelimit.clear("sign-in-email", "ada\x00@example.org")
    assert not RateEvent.objects.filter(scope="sign-in-email").exists()


def test_a_nul_in_a_glossary_term_is_dropped(adviser):
    response = client_for(adviser).post(reverse("glossary"), {"term": "hea\x00lth", "plain": "well\x00being"})
    assert response.status_code == 302
    assert GlossaryTerm.objects.filter(term="health", plain="wellbeing").exists()


def test_a_nul_in_the_stakeholder_search_is_dropped(project, adviser):
    response = client_for(adviser).get(reverse("stakeholders:add", args=[project.pk]), {"q": "Mere\x00shire"})
    assert response.status_code == 200
    assert 'value="Mereshire"' in response.content.decode()
