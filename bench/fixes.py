"""What would bring each page that misses a target under it, read from its profile (bench/profile.py): RESULTS.md
shows each beside the profile it was read from, so a reader can tell when one no longer fits."""

FIXES = {
    "project overview": (
        "The jobs work out their state and next step on every visit (projects.jobs.statuses), the logic model's"
        " now kept under the data generation. Keeping the others too (outputs and stakeholders name the user's own"
        " reviews and contacts, so per user) and the plan health check's figures would leave the page's rendering."
    ),
    "logic model page, cold (after a change)": (
        "A change lays out and draws the 400-element diagram again (documents.logic_model.diagram_svg, a third;"
        " its crossing count, layout._inversions, leads its own time) and renders the board's forms (a third)."
        " Laying out only the columns a change touches would cut the first; one move form for the board, not one"
        " an element, the second."
    ),
    "logic model diagram (SVG)": (
        "Each download reads the whole model as objects and draws it again (planning.access.data, seven tenths; model"
        " constructors lead its own time). The drawing kept under the data generation, as the page keeps its board,"
        " would make it a read."
    ),
    "stakeholder register": (
        "Writing the page's 50 rows with their filters is seven tenths of it (stakeholders/register.html); on"
        " PostgreSQL the rows and their count are a quarter more. The unfiltered first page kept under the data"
        " generation would bring it under."
    ),
    "stakeholder network, cold (after a change)": (
        "A change works out the brokers (igraph's betweenness over 300 sampled sources, a fifth) and the spring"
        " layout of 2,000 stakeholders (graph_layout._spring) again. Working both out in a task when the map changes,"
        " kept in a cache every worker shares, would leave every visit warm."
    ),
    "stakeholder detail": (
        "Its relationship form offers every other stakeholder on the map: 2,000 names read, normalised twice by"
        " Django's choice field and written as 140 kB of options (the template is nearly half the request)."
        " Choosing the other stakeholder by a search on a page of its own would leave the page's own content."
    ),
    "due list (project)": (
        "Writing the list is half the request (engagement/due.html): each stakeholder due with its cadence, last"
        " contact and links. Showing the first 50 of each section, with the rest a page away, would bring it under."
    ),
    "due list (adviser, every project)": (
        "The support section (support.providers.next_steps, two fifths) reads and sorts all 182 open next steps of"
        " the adviser's cases with their requests, and the page writes each. An index on open next steps by due"
        " date, and the first 50 shown with a link to the rest, would bring it under."
    ),
    "project timeline": (
        "Each of five kinds (interactions, actions, workshops, outputs sent, webinars) is read by a query of its own,"
        " 50 rows each, and merged to show 50 (stakeholders.timeline.entries, three quarters). One query of their"
        " union, 50 rows in all, would read a fifth as much."
    ),
    "stakeholder timeline": (
        "As the project timeline, and its interactions query reads the stakeholder's 3,374 links and sorts them"
        " (engagement.providers.interactions, a third). The interaction's date kept on each link would let it read"
        " the newest 50 alone."
    ),
    "who should hear a finding (2,000 stakeholders ranked)": (
        "Ranking the map's 2,000 stakeholders in Python (outputs.hearing.rank, two thirds; reading their profiles"
        " with their interactions, a quarter). Keeping the profiles under the project's data generation would leave"
        " the ranking alone."
    ),
    "output editor": (
        "The plain-English check (outputs.readability, half of it) searches every sentence once for each glossary"
        " term and word to avoid, a regular expression each (two fifths in re.search). One pattern for all the"
        " words, or the check kept for each section's text, would bring it under."
    ),
    "evaluation": (
        "Building the indicators' periods and actuals as model objects (Django's model and queryset constructors lead"
        " its own time) and writing them (a sixth). Reading the figures as plain rows would bring it under; its p95"
        " is a garbage collection in the timed run."
    ),
    "feedback summary": (
        "Summarising 2,000 responses in Python (evaluation.access.summarise, a third; reading their answers, more than"
        " a quarter). A tally of each question's answers kept as responses arrive would leave the page's rendering"
        " (not the project's data generation: a public form's every response would empty the project's other pages)."
    ),
    "KMb plan, after a change to its project": (
        "Every section is drafted again from live data (29 queries; plans.views._body, seven tenths) after any change"
        " to the project. A generation for each job, not each project, would redraft only the sections a change"
        " touches."
    ),
    "what could meet a support request (adviser, across the programme)": (
        "Ranking the candidates across the programme in Python (core.ranking.best, three fifths). A full-text index"
        " (FTS5 on SQLite, tsvector on PostgreSQL), as the case study library has, would let the database rank them."
    ),
    "what could meet a system priority (adviser, the programme)": (
        "As what could meet a support request: core.ranking.best is half of it, and the evidence gaps people raised"
        " (engagement.access.gaps_by_person) a tenth."
    ),
    "how each outcome came about (the chain from activity to impact)": (
        "Writing the chain is half the request (evaluation/chain.html: each outcome with its activities, outputs and"
        " claims). Keeping the rendered chain under the project's data generation would bring it under."
    ),
    "support reports, cold (figures worked out again)": (
        "Worked out at most once a minute (core.fresh): 17 queries over the whole support log and the hours tallied by"
        " adviser, case, project and theme in Python (support.reports.hours_tables). Tallying in SQL (GROUP BY) would"
        " bring it under."
    ),
    "programme view, after a change to every project": (
        "Every project's figures worked out again (portfolio.access._figures, half). This is the worst case, all"
        " 2,000 projects changed at once: after a change to one project only its row is worked out again."
    ),
    "programme view (adviser, every project)": (
        "Ten round trips to the database (a fifth on PostgreSQL) and writing the rows (a fifth). The filters' lists and"
        " the names kept beside the cached figures would save three of the round trips."
    ),
    "programme report (adviser, the last 12 months)": (
        "Writing the report's tables is three quarters of it (portfolio/report.html; the table macro a fifth, escaping"
        " a tenth). The written report kept with its figures, which are kept for a minute, would make it a read."
    ),
    "programme report, cold (figures worked out again)": (
        "Worked out at most once a minute (core.fresh): each app's figures for the period in 26 queries, and the plan"
        " health check of every project. Tallying in SQL, as for the support reports, would bring it under."
    ),
    "library search, a word in every case study (visitor)": (
        "A word in all 5,000 case studies: the full-text match is counted and ranked in full to show the first page"
        " (two fifths in the database). Ranking the first page by a bounded top-k would bring it under."
    ),
    "API interactions": (
        "Django REST framework builds each of 50 rows field by field with its stakeholders and team; the query is a"
        " small part. Serialising from plain rows (values()) would bring it under."
    ),
    "support case (the busiest)": (
        "Writing the case is half of it (support/case.html): its advice log with a form for each entry"
        " (support.views.records.with_forms). One edit form opened on its own page, not one an entry, would bring it"
        " under."
    ),
    "webinar programme (visitor)": (
        "Writing the programme is half of it (events/programme.html: each webinar's dates formatted by Django's"
        " dateformat). The written list kept until an event changes would make it a read."
    ),
    "API projects (adviser)": (
        "Django REST framework builds 25 projects field by field, and the API's throttle records every request (a"
        " cache write; api.throttling). Serialising from plain rows would bring it under."
    ),
    "API stakeholders": (
        "On PostgreSQL its eight round trips are a fifth (psycopg's wait), the throttle's record a tenth, and Django"
        " REST framework builds each of 50 rows field by field. Serialising from plain rows would bring it under."
    ),
    "API relationships": (
        "As the API's stakeholders: round trips a fifth on PostgreSQL, the throttle a tenth, and 50 rows built field"
        " by field."
    ),
    "API case studies (visitor)": (
        "A visitor's list: each of 50 case studies is serialised with its public link reversed (library.presenting"
        ".public_url) and the visitor's address is counted by the API's throttle (a cache write) on every request."
        " Links built from one reversed prefix would bring it under."
    ),
    "API indicators": (
        "Each indicator's figures are worked out for the page (evaluation.access.with_values, a sixth) and every"
        " decimal is quantised by the serialiser. Serialising from plain rows would bring it under."
    ),
}
