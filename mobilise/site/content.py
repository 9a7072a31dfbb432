"""What the public home says about the support on offer and about knowledge mobilisation, in plain English.

Kept here as data, not in the template, so that a test can check its reading level with the project's own
readability code."""

OFFERS = [
    ("Hands-on guidance", "An adviser works with you on your project, at the pace that suits you."),
    (
        "Knowledge mobilisation and implementation plans",
        "We help you plan who needs to know about your work, and how it will reach them and be used.",
    ),
    (
        "Logic models and pathways to impact",
        "We help you draw how your work leads to change, and test that each step makes sense.",
    ),
    (
        "Early talks with stakeholders",
        "We help you find and talk to the people who use, pay for or are affected by your work, before you start.",
    ),
    (
        "Support at the grant stage",
        "We help you write a strong plan for impact into your grant application, from the start.",
    ),
    ("Running workshops", "We plan and run workshops that bring patients, staff and decision makers together."),
]

# The five considerations of knowledge mobilisation: (title, what it means, how Mobilise helps).
CONSIDERATIONS = [
    (
        "Plan for impact",
        "Decide early what you want to change, for whom, and how you will know.",
        "Draw a logic model that links what you do to the change you expect, and test it with others.",
    ),
    (
        "Map stakeholders",
        "Find the people who benefit, who decide and who must be involved, and how much each matters.",
        "Keep one map of your stakeholders, how much say and interest each has, and who is left out.",
    ),
    (
        "Tailor outputs",
        "Each group needs the findings in its own words and format: a brief, a summary or a story.",
        "Write briefs, summaries and case studies for each audience, and check that they are easy to read.",
    ),
    (
        "Keep the dialogue going",
        "Talk with your stakeholders all through the work, not only at the end.",
        "Log each contact and workshop, see who you have not spoken to, and note the questions they raise.",
    ),
    (
        "Evaluate and learn",
        "Check what difference the work made, and learn from what did not work.",
        "Set measures, gather feedback, and keep the evidence of your impact in one place.",
    ),
]
