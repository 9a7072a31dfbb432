"""Words to avoid in plain English, with what to say instead: the list every readability check knows, before the
glossary staff keep (outputs.GlossaryTerm) adds the research terms. Each entry is a regular expression matching the
word's forms (British and American spellings), the word as shown, and the plain alternative."""

import re

WORDS_TO_AVOID = [
    (r"utili[sz](?:e|es|ed|ing|ation)", "utilise", "use"),
    (r"facilitat(?:e|es|ed|ing|ion)", "facilitate", "help, make easier, run (a meeting)"),
    (r"operationali[sz](?:e|es|ed|ing|ation)", "operationalise", "put into practice, carry out"),
    (r"efficacious", "efficacious", "effective, works"),
    (r"commenc(?:e|es|ed|ing|ement)", "commence", "start, begin"),
    (r"endeavou?r(?:s|ed|ing)?", "endeavour", "try"),
    (r"ameliorat(?:e|es|ed|ing|ion)", "ameliorate", "improve"),
    (r"ascertain(?:s|ed|ing)?", "ascertain", "find out"),
    (r"leverag(?:e|es|ed|ing)", "leverage", "use"),
    (r"optimi[sz](?:e|es|ed|ing|ation)", "optimise", "improve, make the most of"),
    (r"prioriti[sz](?:e|es|ed|ing|ation)", "prioritise", "put first, focus on"),
    (r"incentivi[sz](?:e|es|ed|ing)", "incentivise", "encourage, reward"),
    (r"expedit(?:e|es|ed|ing)", "expedite", "speed up"),
    (r"terminat(?:e|es|ed|ing|ion)", "terminate", "end, stop"),
    (r"remuneration", "remuneration", "pay"),
    (r"methodology", "methodology", "method"),
    (r"paradigm", "paradigm", "model, way of thinking"),
    (r"synerg(?:y|ies|istic)", "synergy", "working together"),
    (r"in order to", "in order to", "to"),
    (r"prior to", "prior to", "before"),
    (r"in excess of", "in excess of", "more than"),
    (r"with regards? to", "with regard to", "about"),
    (r"in respect of", "in respect of", "about, for"),
    (r"subsequently", "subsequently", "later, then"),
    (r"approximately", "approximately", "about"),
    (r"numerous", "numerous", "many"),
    (r"sufficient", "sufficient", "enough"),
    (r"additional", "additional", "more, extra"),
    (r"assist(?:s|ed|ing|ance)?", "assist", "help"),
    (r"demonstrat(?:e|es|ed|ing)", "demonstrate", "show"),
    (r"purchas(?:e|es|ed|ing)", "purchase", "buy"),
    (r"whilst", "whilst", "while"),
    (r"thereby", "thereby", "so, in this way"),
    (r"henceforth", "henceforth", "from now on"),
    (r"going forward", "going forward", "from now on, in future"),
    (r"robust", "robust", "strong, reliable"),
    (r"holistic", "holistic", "whole, complete"),
    (r"key stakeholders", "key stakeholders", "the people and groups involved (name them)"),
]

PATTERNS = [
    (re.compile(r"\b" + pattern + r"\b", re.IGNORECASE), word, plain) for pattern, word, plain in WORDS_TO_AVOID
]
