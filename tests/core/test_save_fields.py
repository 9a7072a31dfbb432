"""save_fields: how a service writes a form's values, with the check some services make on the changed object
(a person's lawful basis, a testimonial's consent) before anything is saved."""

import pytest

from mobilise.core.services import save_fields

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


class Refused(Exception):
    pass


def test_the_values_are_set_and_saved():
    user = UserFactory(full_name="Ada Lovelace")
    save_fields(user, {"full_name": "Ada King"})
    user.refresh_from_db()
    assert user.full_name == "Ada King"


def test_the_check_sees_the_new_values_and_a_refusal_saves_nothing():
    user = UserFactory(full_name="Ada Lovelace")
    seen = []

    def refuse(obj):
        seen.append(obj.full_name)
        raise Refused

    with pytest.raises(Refused):
        save_fields(user, {"full_name": "Ada King"}, check=refuse)
    user.refresh_from_db()
    assert seen == ["Ada King"] and user.full_name == "Ada Lovelace"


def test_a_check_that_passes_lets_the_values_be_saved():
    user = UserFactory(full_name="Ada Lovelace")
    save_fields(user, {"full_name": "Ada King"}, check=lambda obj: None)
    user.refresh_from_db()
    assert user.full_name == "Ada King"
