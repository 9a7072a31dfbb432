"""Demo profiles for the TOGETHER-Screen stakeholders: what matters to each, how they decide, how to reach them."""

PROFILES = {
    "icb": {
        "what_matters": (
            "Waiting times, the early diagnosis ambition and the Core20PLUS5 inequalities targets, all inside a "
            "budget that has to show value for money. The cancer board wants evidence strong enough to beat the "
            "other bids on the prevention budget."
        ),
        "decisions": (
            "The cancer board meets monthly; new services go into the commissioning round each October, for "
            "contracts that start the following April."
        ),
        "formats": "2-page brief with costs, board paper",
        "channels": "board paper via Raj Patel, email, monthly cancer board",
    },
    "Raj Patel": {
        "what_matters": (
            "I need to know what it costs, what we get per pound and whether someone other than a research team "
            "can run it at scale. Anything that moves our Core20PLUS5 early diagnosis figures gets a hearing."
        ),
        "decisions": (
            "I take business cases to the cancer board in September so they make the October commissioning round. "
            "Small pilots I can fund in-year from my own budget."
        ),
        "formats": "one-page summary with costs, business case",
        "channels": "email, 30-minute call, cancer board",
    },
    "Daniel Frost": {
        "what_matters": (
            "Data I can trust: which neighbourhoods, which practices, which groups. I want interventions we can "
            "track on our population health dashboard without asking practices to collect anything extra."
        ),
        "decisions": (
            "He advises the ICB's population health group, which meets monthly and sets priorities for the annual "
            "plan each January."
        ),
        "formats": "tables by practice and deprivation decile, dashboard extract",
        "channels": "email, Teams, population health group",
    },
    "public_health": {
        "what_matters": (
            "Narrowing the gap in healthy life expectancy between our most and least deprived wards, and the "
            "priorities in our Joint Strategic Needs Assessment. We want community assets strengthened, not just "
            "services bought in."
        ),
        "decisions": (
            "Spend from the public health grant is set in the annual plan each spring; progress goes to the Health "
            "and Wellbeing Board every quarter."
        ),
        "formats": "2-page brief, JSNA chapter, case study",
        "channels": "Health and Wellbeing Board, email, annual public health report",
    },
    "Dr Helen Marsh": {
        "what_matters": (
            "I want my annual report to show that working with communities, not on them, changes outcomes. The "
            "public health grant is under pressure, so I need evidence I can put in front of councillors."
        ),
        "decisions": (
            "She takes items to the quarterly Health and Wellbeing Board and uses her annual report each autumn to "
            "set the agenda for the year ahead."
        ),
        "formats": "short briefing note, case study with quotes",
        "channels": "email, quarterly meeting, Health and Wellbeing Board",
    },
    "screening_hub": {
        "what_matters": (
            "Coverage and uptake against the national standards, programme quality and no new risks to the "
            "invitation lists or to information governance. We will look at anything that raises kit return if "
            "it works with the national IT system."
        ),
        "decisions": (
            "Changes go through the hub's quarterly programme board; anything involving data sharing also needs "
            "the Caldicott Guardian's sign-off."
        ),
        "formats": "uptake tables, data protection impact assessment, 2-page brief",
        "channels": "quarterly programme board, email to the hub manager",
    },
    "Dr Claire Whitfield": {
        "what_matters": (
            "Uptake broken down by ethnicity and language, which our routine data does badly. I also have to keep "
            "call and recall safe and screening incidents down."
        ),
        "decisions": (
            "She recommends changes to the regional screening programme board and can agree small pilots at the "
            "quarterly screening quality meeting."
        ),
        "formats": "technical appendix, uptake data by practice",
        "channels": "email, screening quality meeting, regional programme board",
    },
    "gp_federation": {
        "what_matters": (
            "Workload, first and last: practices will not take on more appointments or admin without funding. We "
            "care about QOF, the early diagnosis targets in the network contract, clean referral routes and not "
            "being blamed for low uptake we cannot control."
        ),
        "decisions": (
            "The federation board meets monthly, but anything that changes practice workload needs the practice "
            "managers' forum to agree, and often the LMC's view."
        ),
        "formats": "one-page how-to, text message templates, EMIS and SystmOne searches",
        "channels": "practice managers' forum, federation newsletter, LMC",
    },
    "Dr Sunita Rao": {
        "what_matters": (
            "Reaching the patients who never answer an invitation, without loading more onto reception. I want a "
            "referral to a champion that takes two clicks, and a prompt in the record for non-responders."
        ),
        "decisions": (
            "She takes proposals to the federation's monthly clinical leads meeting; her own practice can adopt a "
            "change at the weekly partners' meeting."
        ),
        "formats": "one-page protocol, short slides for practice staff",
        "channels": "email, clinical leads meeting, protected learning time",
    },
    "faith_forum": {
        "what_matters": (
            "That our communities are treated as partners, not as 'hard to reach'. Messages must respect faith and "
            "modesty, come through people we trust, and the forum's time must be credited and paid for."
        ),
        "decisions": (
            "The committee meets monthly after Friday prayers; each mosque, temple and gurdwara then decides for "
            "itself and passes messages on through its own leaders."
        ),
        "formats": "talking points for faith leaders, posters in Urdu, Bengali and Gujarati",
        "channels": "monthly committee, faith leaders' WhatsApp group, Friday notices",
    },
    "Imam Yusuf Karim": {
        "what_matters": (
            "I want my congregation to hear that caring for your body is part of faith, and that the tests are done "
            "by women, in private. I will not put my name to something I cannot explain to the elders."
        ),
        "decisions": (
            "He settles the Friday notices on Thursday evening and takes bigger matters to the mosque committee, "
            "which meets monthly."
        ),
        "formats": "short talking points, notice text, leaflet in Urdu",
        "channels": "Friday notices, mosque WhatsApp group, phone call",
    },
    "women_circle": {
        "what_matters": (
            "Women must feel safe and respected: female staff, their own language, childcare and a lift if they "
            "need one. We want champions paid fairly, and the circle still standing when the grant ends."
        ),
        "decisions": (
            "Trustees meet every other month; members choose what to join at the weekly coffee morning, usually "
            "after hearing from a friend who has been."
        ),
        "formats": "illustrated one-page summary, voice notes in Bengali and Urdu",
        "channels": "weekly coffee morning, WhatsApp group, trustees' meeting",
    },
    "Nasreen Akhtar": {
        "what_matters": (
            "I want the women I talk to treated with dignity when they turn up at the surgery. I need to know I "
            "will still be paid next year, and who to turn to when a woman tells me something hard."
        ),
        "decisions": (
            "She plans sessions month by month with the circle's coordinator and decides on the day what each "
            "group needs to hear."
        ),
        "formats": "flip chart, sample kit, short videos on her phone",
        "channels": "WhatsApp, fortnightly champions' meeting, phone",
    },
    "South Asian women aged 50 to 70 in Mereshire": {
        "what_matters": (
            "Understanding what they are being asked to do, a woman doctor or nurse, privacy, and not having to "
            "find transport or time off. Many look after grandchildren or a husband and put their own health last."
        ),
        "decisions": (
            "Most decide after talking it over with family, friends or a trusted woman in the community, often "
            "after several reminders; a letter on its own is rarely enough."
        ),
        "formats": "spoken explanation in their own language, short video, pictures",
        "channels": "community sessions, WhatsApp voice notes, family, GP text",
    },
    "Bangladeshi women not registered with a GP": {
        "what_matters": (
            "Fear of being charged, of questions about immigration status, or of not being understood. They need "
            "to know what they are entitled to, and that a woman who speaks Sylheti will be there."
        ),
        "decisions": (
            "They decide through trusted women and family; registering with a GP is usually the first step and "
            "can take several attempts."
        ),
        "formats": "spoken information in Sylheti, GP registration card",
        "channels": "mosque women's committees, word of mouth, community sessions",
    },
    "Fatima Begum": {
        "what_matters": (
            "I want women like me to hear the results in words they understand, and to know that what I said on "
            "the advisory group changed something. Being paid for my time, and meetings I can reach by bus, matter."
        ),
        "decisions": (
            "She decides meeting by meeting, around caring for her husband, and has asked that contact go through "
            "the women's circle for now."
        ),
        "formats": "plain summary, read aloud in Bengali",
        "channels": "through the Al-Noor Women's Health Circle, face to face",
    },
    "healthwatch": {
        "what_matters": (
            "What people tell us: letters only in English, no interpreter at appointments, being turned away when "
            "trying to register with a GP. We want services to hear those voices and act on them."
        ),
        "decisions": (
            "The board agrees the work programme each April from what the public has told us; we publish reports "
            "and raise concerns at the Health and Wellbeing Board."
        ),
        "formats": "short report with patient quotes, infographic",
        "channels": "Health and Wellbeing Board, newsletter, public events",
    },
    "Mark Ellison": {
        "what_matters": (
            "I want Healthwatch seen as the independent voice, and evidence that lets me challenge the ICB on "
            "language access. I don't have the staff to run projects ourselves."
        ),
        "decisions": (
            "He sets priorities with the board each spring and decides what to escalate to the ICB's quality committee."
        ),
        "formats": "one-page summary, complaints data",
        "channels": "email, Health and Wellbeing Board",
    },
    "mereshire_trust": {
        "what_matters": (
            "Endoscopy waiting lists, the 28-day Faster Diagnosis Standard and cancelled lists. More positive FIT "
            "results mean more colonoscopies, and we need warning, and funding, before they arrive."
        ),
        "decisions": (
            "Capacity is planned each winter with the ICB in the operational planning round; the endoscopy unit "
            "reviews demand monthly."
        ),
        "formats": "demand figures, short note",
        "channels": "ICB planning meetings, email to the endoscopy service manager",
    },
    "kingsbridge_trust": {
        "what_matters": (
            "The tertiary cancer centre: treatment capacity, 62-day performance and research activity. Community "
            "work in Mereshire reaches us only as referrals, months later."
        ),
        "decisions": (
            "Through the cancer division's monthly performance meeting and the trust's annual business planning."
        ),
        "formats": "note of expected referral numbers",
        "channels": "cancer alliance meetings, email",
    },
    "council": {
        "what_matters": (
            "Cohesion, cost-of-living pressure on residents, and getting value from the community centres and "
            "voluntary groups we grant-fund. Health is one ask among many on a shrinking budget."
        ),
        "decisions": (
            "Cabinet sets grants in the budget round each February; the community services team awards small "
            "grants quarterly."
        ),
        "formats": "case study, ward-level figures",
        "channels": "councillor briefing, community development team",
    },
    "Agnieszka Kowalska": {
        "what_matters": (
            "I want groups to have what they need to carry on by themselves: a room, a small grant, volunteers "
            "with DBS checks. I see the same gaps in the Polish and Romanian communities I work with."
        ),
        "decisions": (
            "She puts groups forward to the quarterly community grants panel and books council rooms for them "
            "whenever they ask."
        ),
        "formats": "contact list, short summary",
        "channels": "phone, WhatsApp, community network meetings",
    },
    "university": {
        "what_matters": (
            "Papers in strong journals, a REF impact case study, follow-on grant income and a good record on "
            "public involvement. We want the methods cited and the impact evidenced properly."
        ),
        "decisions": (
            "The faculty research committee sets strategy termly; impact case studies for the next REF are chosen "
            "through an annual internal review."
        ),
        "formats": "journal paper, impact evidence log, seminar",
        "channels": "faculty research committee, research office, email",
    },
    "Prof Rachel Adeyemi": {
        "what_matters": (
            "I want this to be a model of rigorous, community-led evaluation, and the stepped-wedge lessons in "
            "print. The early-career researchers on the team need first-author papers."
        ),
        "decisions": (
            "She agrees the publication plan at the quarterly steering group and decides on new bids as calls open."
        ),
        "formats": "journal paper, methods note, conference talk",
        "channels": "steering group, email, conferences",
    },
    "funder": {
        "what_matters": (
            "Benefit to patients and the public, value for the money spent, delivery to time and budget, and "
            "honest reporting, including what did not work. We want the findings used, not just published."
        ),
        "decisions": (
            "Progress is checked against milestones in six-monthly reports; follow-on funding comes only through "
            "competitive calls with fixed deadlines."
        ),
        "formats": "final report, progress report, plain English summary",
        "channels": "six-monthly progress report, email to the programme manager",
    },
    "local_radio": {
        "what_matters": (
            "Stories our listeners care about, told by local voices: real people, not officials. The evening Asian "
            "programmes run in Urdu, Punjabi and Bengali, and we need guests who will talk live."
        ),
        "decisions": (
            "Presenters book guests a week or two ahead; the station manager decides on public information slots."
        ),
        "formats": "live interview, 30-second community notice, phone-in",
        "channels": "presenter's phone, email to the station, WhatsApp",
    },
    "Cancer Research Network East": {
        "what_matters": (
            "Getting local research into practice across the region, and joining studies up so communities are "
            "not asked the same questions twice. Members want methods and tools they can reuse."
        ),
        "decisions": (
            "The steering committee meets every two months and fixes the annual conference programme each spring."
        ),
        "formats": "webinar, short blog, conference poster",
        "channels": "members' newsletter, annual conference, webinar series",
    },
    "NHS England regional screening team": {
        "what_matters": (
            "Coverage and uptake against the national standards in all three cancer screening programmes, less "
            "variation between areas, and safe, quality-assured services that fit the national specifications."
        ),
        "decisions": (
            "Commissioning follows the annual public health functions agreement; the regional screening "
            "programme board reviews performance and inequalities plans quarterly."
        ),
        "formats": "programme board paper, health equity audit",
        "channels": "regional screening programme board, email",
    },
    "Mosque women's committees": {
        "what_matters": (
            "A private space where women can talk freely, female speakers, and respect for prayer times and "
            "Ramadan. They want to be asked, not told, and to choose who comes into their space."
        ),
        "decisions": ("Each committee decides at its own monthly meeting, usually after the imam has been consulted."),
        "formats": "talk by a woman speaker, leaflets in Urdu and Bengali",
        "channels": "committee meetings, WhatsApp, imam's notices",
    },
    "Community pharmacists in Mereshire": {
        "what_matters": (
            "Counters are busy and services are paid per item: a new task has to be quick, fit the pharmacy "
            "contract and be paid for. Many already see these women every month for repeat prescriptions."
        ),
        "decisions": (
            "Each owner decides for their pharmacy; new local services are taken up through the Local "
            "Pharmaceutical Committee, which meets monthly."
        ),
        "formats": "one-page counter guide, poster",
        "channels": "Local Pharmaceutical Committee, email bulletin",
    },
    "Bengali-speaking women's group": {
        "what_matters": (
            "Meeting in Bengali and Sylheti with women they know, close to home. Many do not read well in any "
            "language, so spoken and picture information matters, and a female interpreter at appointments."
        ),
        "decisions": (
            "The group decides together at its weekly session, and members often check with family before booking."
        ),
        "formats": "voice notes in Sylheti, picture leaflet",
        "channels": "weekly session, WhatsApp voice notes",
    },
    "Gujarati community centre": {
        "what_matters": (
            "Gujarati-speaking elders, Hindu and Muslim, who want things explained in Gujarati at times that fit "
            "around the lunch club and festival days. The centre wants its part recognised in funding bids."
        ),
        "decisions": ("The management committee meets monthly; the centre manager agrees day-to-day sessions."),
        "formats": "Gujarati leaflet, talk at the lunch club",
        "channels": "lunch club, centre newsletter, committee meeting",
    },
}
