"""What the public "Get involved" page says, in plain English (tests/support/test_ideas_public.py checks its
reading level with the project's own readability code, as the home page's test does)."""

# (heading, paragraphs)
GET_INVOLVED: list[tuple[str, list[str]]] = [
    (
        "",
        [
            "Do you have a good idea that could make a real difference to health or care? We would like to hear it.",
            "You do not need to be a researcher. Ideas can come from patients, carers, staff, community groups and "
            "small companies. An idea can be small, or only just started.",
        ],
    ),
    (
        "What we ask you",
        [
            "We ask what the problem is, what your idea is, and who it would help. We also ask what you know so far "
            "and what help you would like from us. It takes about 10 minutes.",
        ],
    ),
    (
        "What happens next",
        [
            "We send you an email with a private link. You can use it to see where your idea has got to, add to it, "
            "or take it back.",
            "Our advisers look at each idea. They ask if it meets a need, if there is evidence it could work, if it "
            "could be done, if it fits what we work on, and if it is fair to people who are often left out.",
            "We always tell you what we decide, and why. If we take your idea forward, we may support you, start a "
            "new project with you, or add your idea as a question for research on a project we support.",
        ],
    ),
]
