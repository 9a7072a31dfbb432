"""The readability check: passive voice on a labelled set, the words to avoid, and sentences marked by section."""

import pytest

from mobilise.outputs import readability

PASSIVE = [
    "The sessions were run by local health champions.",
    "Women were invited to attend by letter.",
    "The data was analysed by the study team.",
    "Screening is offered to women aged 25 to 64.",
    "The results were shared with the ICB.",
    "Funding was limited by the board's budget.",
    "All interviews were recorded and transcribed.",
    "The findings have been written up as a brief.",
    "The report is being reviewed by the steering group.",
    "Letters were not sent to every practice.",
    "The survey was given to 300 people.",
    "These costs are often overlooked.",
    "A new pathway will be commissioned next year.",
    "The venue was chosen because women trust it.",
    "Practices were paid for each referral.",
    "The model was built with the community.",
    "Most of the women were seen within a week.",
    "Our concerns were heard by the trust.",
]
ACTIVE = [
    "Our confidence in this finding is limited.",
    "We are concerned that uptake may fall.",
    "The study is concerned with cervical screening.",
    "Women aged 50 to 70 took part.",
    "Champions ran the sessions in mosques.",
    "We analysed the data in 2025.",
    "The evidence is mixed.",
    "Staff were interested in the results.",
    "The service is based in Luton.",
    "We are committed to sharing what we learn.",
    "The team is experienced in community research.",
    "This is a need we heard often.",
    "The sessions are free.",
    "Uptake rose by 9 points.",
    "We need more funding.",
    "The women were tired after work.",
    "Commissioners want to know the cost.",
    "The result is important for policy.",
]


@pytest.mark.parametrize("sentence", PASSIVE)
def test_passive_sentences_are_flagged(sentence):
    assert readability.is_passive(sentence)


@pytest.mark.parametrize("sentence", ACTIVE)
def test_active_and_adjectival_sentences_are_not(sentence):
    assert not readability.is_passive(sentence)


def test_the_labelled_set_is_big_enough():
    assert len(PASSIVE) + len(ACTIVE) >= 30 and len(PASSIVE) >= 15 and len(ACTIVE) >= 15


@pytest.mark.parametrize(
    ("sentence", "word", "plain"),
    [
        ("We will utilise the data.", "utilise", "use"),
        ("Champions facilitated the sessions.", "facilitate", "help"),
        ("We operationalised the model.", "operationalise", "put into practice"),
        ("The approach was efficacious.", "efficacious", "effective"),
        ("Sessions commence in May.", "commence", "start"),
        ("We endeavour to reply.", "endeavour", "try"),
        ("We came in order to help.", "in order to", "to"),
    ],
)
def test_jargon_knows_the_words_to_avoid(sentence, word, plain):
    report = readability.analyse(sentence, target_grade=12)
    assert word in dict(report["jargon"])
    assert any(r.startswith(f"“{word}”: try “{plain}") for r in report["fixes"][0]["reasons"])


def test_sentences_to_fix_are_marked_in_their_section():
    report = readability.analyse_sections(
        [
            (
                1,
                "Key messages",
                "We ran sessions. The sessions were run by champions.\n- We will utilise venues\n- Women came",
            ),
            (2, "Next steps", "We will share the results."),
        ],
        target_grade=8,
    )
    fixes = report["fixes"]
    assert [(f["section"], f["sentence"]) for f in fixes] == [
        ("Key messages", "The sessions were run by champions."),
        ("Key messages", "We will utilise venues"),
    ]
    body = "We ran sessions. The sessions were run by champions.\n- We will utilise venues\n- Women came"
    assert [body[slice(*f["span"])] for f in fixes] == [f["sentence"] for f in fixes]
    key, nothing = report["sections"]
    assert key["count"] == 2 and nothing["count"] == 0
    first, bullet, _ = key["lines"]
    assert [s["text"] for s in first["segments"]] == ["We ran sessions.", " ", "The sessions were run by champions."]
    assert first["segments"][2]["reasons"] == ["passive voice: say who does what"] and bullet["bullet"]
