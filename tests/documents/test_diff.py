"""The comparison of two versions of a text that outputs and plans show."""

from mobilise.documents.diff import blocks, words


def test_words_show_what_was_added_and_removed():
    assert words("Fund the sessions", "Fund more sessions") == [
        ("equal", "Fund"),
        ("delete", "the"),
        ("insert", "more"),
        ("equal", "sessions"),
    ]


def test_version_comparison_keeps_lists_as_lists():
    changes = blocks(
        "Intro.\n- Fund sessions\n- Refer women", "Intro.\n- Fund more sessions\n- Refer women\n- Train GPs"
    )
    assert changes[0] == {"type": "p", "diff": [("equal", "Intro.")]}
    assert changes[1]["type"] == "ul" and len(changes[1]["items"]) == 3
    assert changes[1]["items"][0] == [("equal", "Fund"), ("insert", "more"), ("equal", "sessions")]
    assert changes[1]["items"][2] == [("insert", "Train GPs")]
