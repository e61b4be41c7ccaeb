"""Demo content: fictional organisations and postings, written for this example site.

The postings follow the facts and sections of real postings by allied organisations, rewritten in
our own words, with fictional names, contacts and example.org addresses.
"""

import datetime
import uuid

ORGANISATIONS = {
    "iern": {
        "translation_key": uuid.UUID("6f0c9a52-5b0e-4c1e-9a51-0c7d1c2a0001"),
        "name": "Informal Economy Research Network",
        "short_name": "IERN",
        "website": "https://iern.example.org/",
        "about": (
            "<p>A global network that works to secure livelihoods for working people in the "
            "informal economy, especially women. It supports organisations of informal workers, "
            "builds knowledge about informal work and brings workers' voices into local, national "
            "and international policy.</p>"
        ),
    },
    "hbwi": {
        "translation_key": uuid.UUID("6f0c9a52-5b0e-4c1e-9a51-0c7d1c2a0002"),
        "name": "Home-Based Workers International",
        "short_name": "HBWI",
        "website": "https://hbwi.example.org/",
        "about": (
            "<p>An international federation of organisations of home-based workers, who produce "
            "goods and services from their homes for markets and supply chains.</p>"
        ),
    },
    "cortradom": {
        "translation_key": uuid.UUID("6f0c9a52-5b0e-4c1e-9a51-0c7d1c2a0003"),
        "name": "Regional Coordination of Home-Based Workers of Latin America and the Caribbean",
        "short_name": "CORTRADOM",
        "website": "https://cortradom.example.org/",
        "about": (
            "<p>The regional coordination that brings together grassroots organisations of "
            "home-based workers across Latin America and the Caribbean.</p>"
        ),
    },
    "wpaa": {
        "translation_key": uuid.UUID("6f0c9a52-5b0e-4c1e-9a51-0c7d1c2a0004"),
        "name": "Waste Pickers' Alliance of the Americas",
        "short_name": "WPAA",
        "website": "https://wpaa.example.org/",
        "about": (
            "<p>An alliance of waste pickers' cooperatives and associations that defends the "
            "right of waste pickers to work and to be recognised for the service they give.</p>"
        ),
    },
}

STATEMENT = {
    "translation_key": uuid.UUID("6f0c9a52-5b0e-4c1e-9a51-0c7d1c2a0100"),
    "title": "Diversity and inclusion (default)",
    "text": (
        "<p>We are committed to diversity, equity and inclusion, and we welcome applications "
        "from everyone.</p>"
    ),
}

HOME = {
    "title": "Allied Workers' Network",
    "introduction": (
        "<p>A fictional network of organisations of home-based workers, waste pickers, street "
        "vendors and other workers in the informal economy, used to show wagtail-careers.</p>"
    ),
}

CAREERS = {
    "title": "Careers",
    "slug": "careers",
    "introduction": (
        "<p>Jobs and consultancies with the organisations of our network. Filter the open "
        "positions below, or follow them with a feed.</p>"
    ),
    # The plain page ``make demo`` serves on a third origin shows this listing in a frame.
    "embed_allowed_origins": "http://127.0.0.1:8002",
    "embed_filters": True,
}


def _id():
    return str(uuid.uuid4())


def block(block_type, value):
    return {"type": block_type, "value": value, "id": _id()}


def items(values):
    return [{"type": "item", "value": value, "id": _id()} for value in values]


def heading(text):
    return block("heading", {"text": text, "level": "h2"})


def paragraph(text):
    return block("paragraph", f"<p>{text}</p>")


def duties(title, entries, numbered=False, intro=""):
    return block(
        "duties",
        {
            "heading": title,
            "intro": f"<p>{intro}</p>" if intro else "",
            "list_style": "numbered" if numbered else "bulleted",
            "items": items(entries),
        },
    )


def requirements(title, essential, desirable=(), numbered=False):
    entries = [{"text": text, "importance": "essential"} for text in essential]
    entries += [{"text": text, "importance": "desirable"} for text in desirable]
    return block(
        "requirements",
        {
            "heading": title,
            "intro": "",
            "list_style": "numbered" if numbered else "bulleted",
            "items": items(entries),
        },
    )


def languages(*entries):
    """Each entry is (language, level, importance), or a group any one of whose languages will
    do: ((language, other, ...), level, importance)."""
    requirements = []
    for codes, level, importance in entries:
        first, *others = (codes,) if isinstance(codes, str) else codes
        requirements.append(
            {
                "language": first,
                "alternatives": items(others),
                "level": level,
                "importance": importance,
            }
        )
    return block("languages", {"heading": "", "items": items(requirements)})


def about(organisation_key):
    return block("about_organisation", {"heading": "", "organisation": organisation_key})


def offer(text, benefits=()):
    return block(
        "what_we_offer", {"heading": "", "text": f"<p>{text}</p>", "items": items(benefits)}
    )


def callout(text, tone="important"):
    return block("callout", {"tone": tone, "heading": "", "text": f"<p>{text}</p>"})


def document(kind, details=""):
    return block("document", {"kind": kind, "details": details})


def referees(count, details=""):
    return block("referees", {"count": count, "details": details})


def days_from_today(days):
    """Demo dates follow the day the demo is loaded, so that its open postings are open and its
    closed one is among the "recently closed" whenever it is loaded."""
    return datetime.date.today() + datetime.timedelta(days=days)


POSTINGS = [
    {
        "slug": "regional-organiser-latin-america",
        "organisations": ["hbwi", "cortradom"],
        "title": "Regional organiser, Latin America and the Caribbean",
        "introduction": (
            "HBWI and CORTRADOM are looking for an experienced organiser to strengthen the "
            "member organisations of home-based workers in Latin America and the Caribbean."
        ),
        "fields": {
            "reference_code": "HBWI-RO-01",
            "employment_types": ["full_time"],
            "time_commitment": "with priority dedication",
            "workplace_type": "home_based",
            "applicant_regions": ["latin_america"],
            "travel_required": True,
            "remuneration": "Based on work experience",
            "date_posted": days_from_today(-23),
            "closing_date": days_from_today(110),
            "closing_time": datetime.time(23, 59),
            "closing_timezone": "UTC",
            "application_email": (
                "jobs@hbwi.example.org, coordination@cortradom.example.org, "
                "recruitment@hbwi.example.org"
            ),
            "application_reference": "Regional organiser",
            "contact_name": "Lucía Ferreyra",
            "contact_role": "Communications officer (media enquiries)",
            "contact_email": "press@hbwi.example.org",
        },
        "documents": [document("cv"), document("cover_letter", "a letter of interest")],
        "body": lambda: [
            heading("The position"),
            paragraph(
                "The organiser is the link between the grassroots organisations of the regional "
                "coordination. It is both a political and an administrative role: it helps the "
                "organisation of home-based workers grow and helps manage the material, "
                "financial and human resources of the region's plans and projects."
            ),
            duties(
                "Duties and responsibilities",
                [
                    "Coordinate the activities of the regional coordination with its member "
                    "organisations.",
                    "Bring new organisations of home-based workers into the regional coordination "
                    "in countries where it has no members yet.",
                    "Develop local and regional initiatives to organise home-based workers.",
                    "Help draft proposals for rules that protect both subcontracted and "
                    "self-employed home-based workers, and prepare annual narrative and financial "
                    "reports with the regional and global teams.",
                    "Support the Executive Committee in managing the organisation's resources.",
                    "Keep the Executive Committee closely informed and pass its decisions on to "
                    "every level of the organisation.",
                    "Carry out the project tasks the Executive Committee assigns.",
                    "Organise workshops, forums and regional meetings, online and in person.",
                    "Lead the region's internal and external communication.",
                    "Write project and meeting reports and follow learning and evaluation.",
                ],
                numbered=True,
            ),
            requirements(
                "Candidate profile",
                [
                    "Experience in building regional and international organisations, "
                    "particularly in Latin America and the Caribbean.",
                    "Experience in the trade union movement and in defending workers' rights.",
                    "Knowledge of gender, class, intersectional and intercultural approaches.",
                    "Administrative knowledge to manage material, human and financial resources.",
                    "Experience in writing reports.",
                    "Availability to travel to support member organisations.",
                    "Knowledge of the documents and tools of the international labour movement "
                    "on informal work.",
                    "Good communication and teamwork skills, and the ability to work "
                    "independently.",
                    "At least three years of relevant work experience, ideally with women's "
                    "groups and workers.",
                    "At least five years of experience in the development sector.",
                    "Living in Latin America or the Caribbean.",
                ],
                desirable=["A degree in social or political sciences."],
                numbered=True,
            ),
            languages(
                ("es", "reading", "essential"),
                ("en", "reading", "essential"),
                ("pt", "reading", "essential"),
            ),
            about("hbwi"),
            about("cortradom"),
        ],
    },
    {
        "slug": "advocacy-worker-education-specialist",
        "organisations": ["iern"],
        "title": "Advocacy and worker education specialist (3 days per week)",
        "introduction": (
            "A one-year, part-time consultancy to build a training platform for workers in "
            "Mexico City and to support advocacy as the city's politics change."
        ),
        "fields": {
            "reference_code": "IERN-AWE-02",
            "employment_types": ["consultancy"],
            "contract_length": "One year, with a three-month trial; may continue after that",
            "time_commitment": "3 days per week",
            "workplace_type": "home_based",
            "applicant_countries": ["MX"],
            "remuneration": (
                "Paid in US dollars, according to experience, location and our pay policy"
            ),
            "date_posted": days_from_today(-15),
            "closing_date": days_from_today(56),
            "closing_time": datetime.time(23, 59),
            "closing_timezone": "UTC",
            "application_email": "recruit@iern.example.org",
            "application_reference": "Advocacy and worker education specialist",
        },
        "locations": [("Mexico City", "MX")],
        "documents": [
            document("cv"),
            document("writing_sample"),
            document("cover_letter", "on your motivation and how you meet the requirements"),
            referees(2, "from your employment history"),
        ],
        "body": lambda: [
            about("iern"),
            heading("The position"),
            paragraph(
                "Our focal cities work supports organisations of informal workers in four "
                "cities. In Mexico City it works with recyclers, domestic workers, street and "
                "metro vendors and other non-salaried workers. The specialist supports the focal "
                "city coordinator, leads a cross-sector training platform for workers and "
                "analyses the changing political landscape to recommend advocacy priorities."
            ),
            duties(
                "Responsibilities",
                [
                    "Ask partner organisations about their training needs and agree priority "
                    "themes with the coordinator.",
                    "Review existing training materials and build an integrated curriculum with "
                    "partners.",
                    "Lead the training platform: logistics, attending every session, supporting "
                    "workers to attend and improving each session with partners.",
                    "Follow up with participating organisations and summarise what they learned.",
                    "Give strategic advice and policy analysis to support partners' advocacy.",
                    "Support other activities with partner organisations as time allows.",
                ],
            ),
            requirements(
                "About you",
                [
                    "Living in or near Mexico City.",
                    "At least three years of experience in organising, popular education or "
                    "facilitation with workers' or grassroots groups.",
                    "Able to turn complex information into short, persuasive briefing notes.",
                    "Experience in policy analysis and strategy.",
                    "Experience planning or evaluating advocacy campaigns.",
                    "Strong political and relationship-building skills, and experience with "
                    "diverse groups.",
                    "Able to work independently and to change priorities when needed.",
                    "Commitment to social justice and workers' rights.",
                ],
            ),
            languages(("es", "fluent", "essential"), ("en", "conversational", "desirable")),
            callout(
                "We cannot offer relocation to Mexico City, so we can only consider applicants "
                "who already live there."
            ),
            offer(
                "A self-employed consultancy for one year, part time, starting with a "
                "three-month trial. Work may continue after the first year.",
                [
                    "Work from home: you need your own computer and a good internet connection.",
                ],
            ),
        ],
    },
    {
        "slug": "focal-cities-coordinator",
        "organisations": ["iern"],
        "title": "Focal cities coordinator",
        "introduction": (
            "A home-based consultancy, based in Africa or Latin America, to lead our focal "
            "cities work and support the local teams in four cities."
        ),
        "fields": {
            "reference_code": "IERN-FCC-03",
            "employment_types": ["consultancy"],
            "contract_length": (
                "Three-month trial, extendable to two years, then renewable every two years"
            ),
            "time_commitment": "5 days per week, flexible hours",
            "workplace_type": "home_based",
            "applicant_regions": ["africa", "latin_america"],
            "remuneration": (
                "Paid in US dollars, according to experience, location and our pay policy"
            ),
            "date_posted": days_from_today(-9),
            "closing_date": days_from_today(72),
            "closing_time": datetime.time(17, 0),
            "closing_timezone": "America/Lima",
            "application_email": "recruit@iern.example.org",
            "application_reference": "Focal cities coordinator",
        },
        "documents": [
            document("cv"),
            document("writing_sample", "in English"),
            document("cover_letter", "on your motivation and how you meet the requirements"),
        ],
        "body": lambda: [
            about("iern"),
            heading("The focal cities team"),
            paragraph(
                "The focal cities team supports organisations of informal workers in four cities "
                "to win fairer laws, better urban services and a voice in planning. It sits in "
                "the urban policies programme, and the coordinator reports to its director."
            ),
            duties(
                "Broad aims of the role",
                [
                    "Make sure local teams have the support and information they need, and that "
                    "their work follows the network's policies.",
                    "Build a culture of learning and exchange within the urban teams.",
                    "Represent the focal cities in internal and external forums.",
                    "Complete reporting, budget and contract administration.",
                ],
            ),
            duties(
                "Support to local teams, administration and representation",
                [
                    "Advise local teams on activities, plans, spending, partners and workload.",
                    "Track each team's activities against its annual plan and budget.",
                    "Approve project costs and invoices as budget holder.",
                    "Oversee the terms of reference of local consultants.",
                    "Lead internal and external reporting.",
                ],
            ),
            duties(
                "Internal communication, learning and exchange",
                [
                    "Lead annual learning plans with the urban policies programme.",
                    "Work with the communications team on global and local priorities.",
                ],
            ),
            duties(
                "Documentation of urban content",
                [
                    "Help document good practice in including informal workers in cities.",
                    "Turn what the teams learn into material useful for the wider network.",
                ],
                intro=(
                    "The urban team documents what works for informal workers in cities, "
                    "without burdening local teams."
                ),
            ),
            requirements(
                "Required experience and qualifications",
                [
                    "Leadership experience and a commitment to co-creative approaches.",
                    "At least five years of experience in people management.",
                    "Project administration skills: budgets, monitoring and evaluation, grants "
                    "and donor reports.",
                    "In-depth knowledge of the informal economy.",
                    "Knowledge of urban planning, climate adaptation and urban governance.",
                    "A master's degree in a relevant field, or equivalent experience.",
                ],
            ),
            requirements(
                "Skills and competencies",
                [
                    "A collaborative, team-oriented leadership style.",
                    "Strong writing skills.",
                    "Able to work in a multicultural, virtual team.",
                    "Commitment to labour rights and social justice.",
                ],
            ),
            languages(
                ("en", "fluent", "essential"),
                ("es", "conversational", "desirable"),
                ("fr", "conversational", "desirable"),
            ),
            offer(
                "A self-employed consultancy, five days a week with flexible hours, starting "
                "with a three-month trial.",
                ["Work from home: you need your own computer and a good internet connection."],
            ),
        ],
    },
    {
        "slug": "research-assistant-internship",
        "organisations": ["wpaa"],
        "title": "Research assistant (internship)",
        "introduction": (
            "A three-month internship supporting a study of recycling cooperatives in Bogotá."
        ),
        "fields": {
            "reference_code": "WPAA-RA-04",
            "employment_types": ["internship"],
            "contract_length": "Three months",
            "time_commitment": "20 hours per week",
            "workplace_type": "on_site",
            "salary_currency": "USD",
            "salary_min": 600,
            "salary_max": 800,
            "salary_period": "month",
            "date_posted": days_from_today(-50),
            "closing_date": days_from_today(-20),
            "closing_time": datetime.time(23, 59),
            "closing_timezone": "America/Bogota",
            "application_url": "https://wpaa.example.org/apply/research-assistant",
        },
        "locations": [("Bogotá", "CO")],
        "documents": [document("cv"), document("cover_letter")],
        "body": lambda: [
            about("wpaa"),
            duties(
                "What you will do",
                [
                    "Visit recycling cooperatives with the research team.",
                    "Enter and check survey data.",
                ],
            ),
            requirements(
                "About you",
                ["Studying social sciences or statistics."],
                desirable=["Experience of fieldwork."],
            ),
            languages(("es", "fluent", "essential")),
        ],
    },
    {
        "slug": "communications-and-learning-officer",
        # Employers first; other organisations with their role.
        "organisations": ["iern", ("wpaa", "supporter")],
        "title": "Communications and learning officer",
        "introduction": (
            "A part-time consultancy to share what organisations of informal workers learn from "
            "each other, in several languages, from our East Africa hub."
        ),
        "fields": {
            "reference_code": "IERN-CLO-05",
            "employment_types": ["part_time", "consultancy"],
            "contract_length": "Nine months, renewable",
            "time_commitment": "3 days per week",
            "reports_to": "Head of Communications",
            "workplace_type": "hybrid",
            "remuneration": "A monthly fee in US dollars, according to experience",
            "date_posted": days_from_today(-5),
            "open_until_filled": True,
            "closing_date": None,
            "review_from": days_from_today(14),
            "closing_timezone": "Africa/Nairobi",
            "application_email": "apply@iern.example.org",
            "application_cc": "learning@wpaa.example.org",
            "contact_name": "Amani Otieno",
            "contact_role": "Learning coordinator",
            "contact_email": "learning@iern.example.org",
            "show_statement": False,
        },
        "locations": [("Nairobi", "KE")],
        "documents": [document("cv"), document("cover_letter", "in English")],
        "body": lambda: [
            heading("The position"),
            paragraph(
                "Member organisations keep finding answers to the same questions: how to "
                "negotiate with a city, how to count their members, how to train new leaders. "
                "The officer gathers these answers and shares them across the network, with the "
                "support of the Waste Pickers' Alliance of the Americas. The position stays open "
                "until it is filled."
            ),
            duties(
                "What you will do",
                [
                    "Write short stories of practice with member organisations.",
                    "Turn them into guides, posts and radio scripts with the translators.",
                    "Run two online exchanges a year between organisations.",
                    "Keep the network's library of learning materials in order.",
                ],
            ),
            requirements(
                "About you",
                [
                    "Three years of experience in communications for a social movement.",
                    "Clear, plain writing.",
                ],
                desirable=["Experience of radio or audio production."],
            ),
            languages(
                ("en", "fluent", "essential"),
                (("fr", "es", "ar", "sw"), "working", "essential"),
            ),
            offer(
                "A part-time consultancy, three days a week, from home or from our Nairobi hub.",
                ["Flexible hours", "A laptop on loan"],
            ),
        ],
    },
]

# Translated with wagtail-localize, by posting index: Spanish for the organiser, the coordinator,
# the closed internship and the communications officer, published; French for the coordinator,
# left as a draft half-way through. The specialist posting stays in English only, to show the
# listing's fallback to a posting's source language.
TRANSLATED = {
    "es": {"published": [0, 2, 3, 4], "drafts": []},
    "fr": {"published": [], "drafts": [2]},
}
