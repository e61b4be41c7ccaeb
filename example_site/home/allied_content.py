"""Demo content of the allied organisation's own site (``make demo`` serves it on port 8001): a
fictional waste pickers' alliance, in Portuguese and French, whose careers listing shows its own
posting and, syndicated from the network's site, the network's postings."""

import datetime
import uuid

from home.demo_content import (
    about,
    days_from_today,
    document,
    duties,
    heading,
    languages,
    paragraph,
    requirements,
)

#: Where ``make demo`` serves this site.
BASE_URL = "http://127.0.0.1:8001"
#: The network's listing, as this site's source fetches it (every open posting, in pages).
NETWORK_FEED = "http://127.0.0.1:8000/careers/feed/json/?all=1"

ORGANISATIONS = {
    "acs": {
        "translation_key": uuid.UUID("6f0c9a52-5b0e-4c1e-9a51-0c7d1c2a0201"),
        "name": "Aliança de Catadoras do Sul",
        "short_name": "ACS",
        "website": "https://acs.example.org/",
        "about": (
            "<p>Uma aliança fictícia de cooperativas de catadoras e catadores de materiais "
            "recicláveis do sul do continente.</p>"
        ),
    },
}

STATEMENT = {
    "translation_key": uuid.UUID("6f0c9a52-5b0e-4c1e-9a51-0c7d1c2a0300"),
    "title": "Igualdade de oportunidades",
    "text": "<p>Acolhemos candidaturas de todas as pessoas, sem discriminação.</p>",
}

#: Languages this site's demo translates nothing into: its one posting is in Portuguese.
TRANSLATED = {}

HOME = {
    "title": "Aliança de Catadoras do Sul",
    "introduction": (
        "<p>O site de uma organização aliada (fictícia), para mostrar como um site publica as "
        "vagas de outro.</p>"
    ),
}

CAREERS = {
    "title": "Vagas",
    "slug": "vagas",
    "introduction": (
        "<p>As nossas vagas e as da rede de organizações aliadas: as vagas da rede levam ao "
        "site da rede.</p>"
    ),
}

SOURCE = {
    "name": "Allied Workers' Network",
    "feed_url": NETWORK_FEED,
}

POSTINGS = [
    {
        "slug": "assessora-de-comunicacao",
        "organisations": ["acs"],
        "title": "Assessora ou assessor de comunicação",
        "introduction": (
            "A ACS procura uma pessoa para contar as lutas das catadoras nas redes sociais e na "
            "imprensa, a partir de casa, no Brasil ou no Uruguai."
        ),
        "fields": {
            "reference_code": "ACS-COM-01",
            "employment_types": ["part_time"],
            "time_commitment": "três dias por semana",
            "workplace_type": "home_based",
            "applicant_countries": ["BR", "UY"],
            "remuneration": "Conforme a experiência",
            "date_posted": days_from_today(-5),
            "closing_date": days_from_today(40),
            "closing_time": datetime.time(18, 0),
            "closing_timezone": "America/Sao_Paulo",
            "application_email": "vagas@acs.example.org",
            "application_reference": "Comunicação",
            "contact_name": "Rita Moraes",
            "contact_role": "Coordenação",
            "contact_email": "coordenacao@acs.example.org",
        },
        "documents": [document("cv"), document("cover_letter", "uma carta de motivação")],
        "body": lambda: [
            heading("A vaga"),
            paragraph(
                "A pessoa contratada cuida da comunicação da aliança com as cooperativas, a "
                "imprensa e o público."
            ),
            duties(
                "Tarefas",
                [
                    "Escrever notícias e publicações para as redes sociais.",
                    "Acompanhar as cooperativas nas suas campanhas.",
                    "Preparar um boletim mensal.",
                ],
            ),
            requirements(
                "Perfil",
                ["Experiência em comunicação com movimentos sociais."],
                desirable=["Conhecimento do trabalho das catadoras."],
            ),
            languages(("pt", "fluent", "essential"), ("es", "reading", "desirable")),
            about("acs"),
        ],
    },
]
