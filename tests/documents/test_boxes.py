"""TextBox: the geometry an element's box and a note's card share."""

import pytest

from mobilise.documents.layout import BoxGeometry
from mobilise.documents.notes_strip import NoteGeometry

pytestmark = pytest.mark.engine_neutral


def test_boxes_and_cards_have_the_same_edges():
    box = BoxGeometry(x=10, y=20, width=100, height=40, lines=["A"], key="e1", column="inputs")
    card = NoteGeometry(x=10, y=20, width=100, height=40, lines=["A"], kind="Assumption")
    assert (box.right, box.bottom, box.centre) == (110, 60, 40)
    assert (card.right, card.bottom) == (110, 60)
    card.height = 50  # a row's cards are stretched to the tallest
    assert card.bottom == 70
