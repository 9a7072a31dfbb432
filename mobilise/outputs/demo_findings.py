"""Further findings from the TOGETHER-Screen final report, each of concern to different stakeholders."""

from typing import NamedTuple

from .models import Certainty


class FindingRow(NamedTuple):
    """A finding as save_finding takes it; an implication may be empty."""

    statement: str
    plain_statement: str
    certainty: str
    sources: str
    for_practice: str
    for_commissioning: str
    for_policy: str


MORE_FINDINGS = [
    FindingRow(
        "Bowel screening kit return among South Asian women aged 50 to 70 rose from 47% to 56% in champion "
        "practices, against 48% to 50% in comparison practices; two-thirds of the extra kits came from women who had "
        "never returned one before.",
        "More women sent back their bowel test kit where champions worked. Most had never done one before.",
        Certainty.MODERATE,
        "Eastern Cancer Screening Hub kit return data, 2023-2025\nFinal report, chapter 4",
        "Champions can show a sample kit and talk women through taking the sample at home.",
        "Include first-time non-responders as a named target group in the champion service.",
        "",
    ),
    FindingRow(
        "Breast screening attendance rose by 4 percentage points in champion practices, against 1 point "
        "in comparison practices; it rose by 11 points in rounds when the mobile unit was parked at a mosque or "
        "community centre.",
        "A few more women went for breast screening. Many more went when the screening van came "
        "to a mosque or community centre.",
        Certainty.LOW,
        "Mereshire Breast Screening Unit attendance data, 2023-2025\nFinal report, chapter 4",
        "Breast screening units can agree mobile unit sites with faith and community venues.",
        "Ask breast screening providers to include community venues when planning mobile rounds.",
        "",
    ),
    FindingRow(
        "Of 214 under-screened women offered an HPV self-sampling kit by a champion, 131 (61%) returned "
        "it; most said they would not have booked a clinician-taken test.",
        "Many women who had missed cervical screening did the test at home when a champion offered them a kit.",
        Certainty.MODERATE,
        "Self-sampling sub-study, final report chapter 6\nInterviews with 18 self-sampling users",
        "Champions can explain self-sampling and hand over kits to women who have missed screening.",
        "Link the champion service to the roll-out of self-sampling for under-screened women.",
        "National self-sampling offers should include community routes, not only postal kits.",
    ),
    FindingRow(
        "Champions met 87 women who were not registered with a GP, mostly recent arrivals from "
        "Bangladesh; 52 registered with a champion's help, but the rest could not be invited for screening at all.",
        "Some women had no GP, so they never got a screening letter. Champions helped over half of "
        "them sign up with a GP.",
        Certainty.MODERATE,
        "Champion contact logs, 2023-2025\nInterviews with 9 unregistered women",
        "Practices should register patients without asking for proof of address or immigration "
        "status, as national guidance says.",
        "Fund champions to support GP registration as part of the service.",
        "Screening invitations depend on GP registration, so unregistered women are missed entirely.",
    ),
    FindingRow(
        "Gains were largest among Bangladeshi women (12 percentage points) and smallest among "
        "Gujarati-speaking women (4 points), whose uptake was already close to the county average.",
        "The sessions helped Bangladeshi women most. Gujarati-speaking women already went for screening more often.",
        Certainty.LOW,
        "Subgroup analysis, final report chapter 4\nPractice records of ethnicity and main language",
        "",
        "Target champion hours where the uptake gap is widest, using practice data by ethnicity.",
        "Report screening uptake by ethnicity and language, not only for 'South Asian' women as a whole.",
    ),
    FindingRow(
        "Sessions announced by an imam or temple leader drew on average 18 women, against 8 for sessions "
        "advertised only by posters; women said a faith leader's mention showed screening was permitted and "
        "respectable.",
        "More women came when their imam or temple leader told them about a session.",
        Certainty.LOW,
        "Session registers, 146 sessions\nInterviews with 42 participants and 12 champions",
        "Ask faith leaders to announce sessions in Friday notices and after services.",
        "",
        "",
    ),
    FindingRow(
        "WhatsApp voice notes in Sylheti, Urdu and Gujarati, passed on through 14 community groups, were "
        "how 1 in 5 women at sessions had heard of them; local radio phone-ins reached older women without "
        "smartphones, but few named radio as the reason they came.",
        "Voice messages on WhatsApp brought many women to the sessions. Local radio reached some older women.",
        Certainty.LOW,
        "Participant questionnaire, 612 responses\nMereshire Community Radio listener figures",
        "Record short voice notes in community languages that groups can forward.",
        "",
        "",
    ),
    FindingRow(
        "Champions valued their five-day training, but 7 of 12 interviewed felt unprepared when women "
        "disclosed other health, money or family problems, and 6 of the 23 trained left before the study ended.",
        "Champions liked their training, but some found it hard when women told them about other "
        "problems. Some stopped.",
        Certainty.MODERATE,
        "Interviews with 12 champions\nChampion training and retention records",
        "Give champions regular supervision and a clear route to refer women for other help.",
        "Budget for supervision and refresher training, not only the first course.",
        "",
    ),
    FindingRow(
        "Champions paid at the Real Living Wage stayed a median of 16 months, against 7 months for those "
        "paid only expenses or vouchers; champions and community leaders saw unpaid work as unfair.",
        "Champions who were paid a proper wage stayed longer.",
        Certainty.LOW,
        "Champion retention records, 2023-2025\nInterviews with 12 champions and 6 community leaders",
        "",
        "Pay champions at least the Real Living Wage, through the community organisations that host them.",
        "Guidance on paying community health workers should cover champions in prevention programmes.",
    ),
    FindingRow(
        "In 12 practices that sent text reminders in Bengali, Urdu or Gujarati with a link to a short "
        "video, 14% of non-responders returned a bowel kit within 8 weeks, against 6% after an English-only text.",
        "Text reminders in women's own language, with a short video, worked better than texts in English.",
        Certainty.MODERATE,
        "Practice text reminder audit, 12 practices\nEastern Cancer Screening Hub kit return data",
        "Record each patient's preferred language and send reminders in it, using shared templates.",
        "Fund translated message templates and videos once, for every practice to use.",
        "",
    ),
    FindingRow(
        "Nine community pharmacies ordered replacement bowel kits at the counter for 312 women who had "
        "lost or thrown away theirs, and 58% were returned; pharmacists said each took about five minutes and was "
        "not paid for.",
        "Local chemists helped women get a new bowel test kit. Over half of these kits came back.",
        Certainty.LOW,
        "Pharmacy pilot log, January to June 2025\nInterviews with 7 pharmacists",
        "Pharmacy staff can offer to order a replacement kit when women collect prescriptions.",
        "Commission kit ordering as a paid local pharmacy service.",
        "",
    ),
    FindingRow(
        "The data sharing agreement that let the screening hub send practices monthly lists of "
        "non-responders took 11 months to sign, delaying reminders in the first 8 practices.",
        "It took almost a year to agree how to share data, which held up reminders.",
        Certainty.HIGH,
        "Project governance records, 2023-2024\nInterviews with hub and practice staff",
        "",
        "Agree data sharing before a service starts, and allow time for the Caldicott review.",
        "A national template agreement for screening hubs and practices would save each area the work.",
    ),
    FindingRow(
        "The extra bowel kits returned led to about 11 more positive results a year, 9 of which went on to "
        "colonoscopy; a county-wide roll-out would add an estimated 40 colonoscopies a year, under 1% of "
        "Mereshire Hospitals' endoscopy activity.",
        "A few more women needed a follow-up bowel test in hospital. The hospital can cope.",
        Certainty.LOW,
        "Eastern Cancer Screening Hub follow-up data\nMereshire Hospitals endoscopy activity, 2024/25",
        "",
        "Include the small extra endoscopy demand in capacity planning before scaling up.",
        "",
    ),
    FindingRow(
        "Modelling the cancers found earlier gave a cost of about £7,400 per quality-adjusted life year, "
        "well under the £20,000 NICE threshold; treatment savings would repay about a third of the programme's "
        "cost within 10 years.",
        "The sessions are likely to be worth the money over time, because cancers are found earlier.",
        Certainty.VERY_LOW,
        "Economic model, final report chapter 8\nNICE health technology evaluations manual, 2022",
        "",
        "Treat the champion service as a cost-effective prevention investment.",
        "Count long-term treatment savings when judging community prevention programmes.",
    ),
    FindingRow(
        "When study funding ended, champion sessions continued in 3 of 5 community organisations, all on "
        "short-term money (a one-year ICB extension and two charity grants); none had a contract beyond March 2027.",
        "Some groups kept the sessions going after the study, but only for a short time.",
        Certainty.MODERATE,
        "Sustainability review, final report chapter 9\nInterviews with 5 host organisation leads",
        "",
        "Decide on recurrent funding in the October round, before short-term funding runs out.",
        "Prevention pilots need a planned route from research funding to mainstream commissioning.",
    ),
    FindingRow(
        "Healthwatch Mereshire logged 46 comments about screening from South Asian women during the "
        "study; most concerned letters only in English, no interpreter at appointments and refused GP "
        "registration.",
        "Women told Healthwatch about letters only in English and no interpreter.",
        Certainty.MODERATE,
        "Healthwatch Mereshire feedback log, April 2023 to March 2026",
        "Book a female interpreter when a woman's record shows she needs one.",
        "Monitor interpreter bookings and complaints in screening provider contracts.",
        "",
    ),
    FindingRow(
        "The planned stepped-wedge design could not be kept: 7 of 24 practices switched late, and the "
        "bowel screening age extension changed the background trend, so the main analysis became a controlled "
        "interrupted time series.",
        "The study could not follow its first plan, so the team changed how it compared practices.",
        Certainty.HIGH,
        "Statistical analysis plan, versions 1 and 3\nHemming K et al. The stepped wedge cluster "
        "randomised trial. BMJ 2015;350:h391",
        "Researchers planning stepped-wedge studies of community programmes should build in slack "
        "for late starts and a fallback analysis.",
        "",
        "Funders could accept pre-registered fallback designs for evaluations in changing services.",
    ),
    FindingRow(
        "Before the final report, interim findings were used in the ICB's 2025/26 inequalities plan, the "
        "model was taken up by one neighbouring ICB, and the team published 4 peer-reviewed papers.",
        "The study's early results are already being used by the NHS.",
        Certainty.HIGH,
        "Impact log, 2023-2026\nKingsbridge and Mereshire ICB health inequalities plan 2025/26",
        "",
        "",
        "Sharing interim findings with commissioners speeds up the use of research.",
    ),
    FindingRow(
        "Caring for grandchildren or an ill husband, and no transport, were the reasons most often given "
        "for missing a booked appointment (38 of 104 women); 54 of 61 women who used a free taxi offer attended.",
        "Looking after family and getting there were the main reasons women missed appointments. A free taxi helped.",
        Certainty.LOW,
        "Follow-up calls with 104 women who missed appointments\nTaxi scheme records, 2025",
        "Ask women about caring duties and transport when booking, and offer flexible times.",
        "Fund transport and a crèche alongside sessions.",
        "",
    ),
    FindingRow(
        "Husbands and adult children often shaped whether women took part: daughters booking online was a "
        "common route in, while a few women hid kits from husbands who disapproved.",
        "Family can help or stop women going for screening.",
        Certainty.MODERATE,
        "Interviews with 42 participants\nFocus groups with 3 family groups",
        "Champions can hold family sessions and talks for men at mosques and community centres.",
        "",
        "",
    ),
    FindingRow(
        "Just over half of women aged 60 to 70 (52%) had no smartphone of their own or could not use the "
        "NHS App, and relied on relatives to read texts and book appointments.",
        "Many older women cannot use apps or read texts, so they need other ways to book.",
        Certainty.MODERATE,
        "Participant questionnaire, 612 responses\nInterviews with 42 participants",
        "Keep a phone and face-to-face booking route for women who cannot book online.",
        "",
        "Digital-first screening services need a non-digital route for excluded groups.",
    ),
]
