# ruff: noqa: E501
"""Demo data: the Södertörn collaboration. Organisations are real public
bodies; every person is invented."""

REGION = {
    "title": "Etablering Södertörn",
    "slug": "sodertorn",
    "short_name": "Södertörn",
    "description": (
        "Samverkan mellan kommunerna på Södertörn och Arbetsförmedlingen om "
        "nyanländas etablering."
    ),
    "contact_email": "samordnare@etablering-sodertorn.example",
}

# (title, slug, municipality code, member since, member until)
MUNICIPALITIES = [
    ("Botkyrka kommun", "botkyrka", "0127", "2016-01-01", None),
    ("Haninge kommun", "haninge", "0136", "2016-01-01", None),
    ("Huddinge kommun", "huddinge", "0126", "2016-01-01", None),
    ("Nacka kommun", "nacka", "0182", "2016-01-01", None),
    ("Nynäshamns kommun", "nynashamn", "0192", "2016-01-01", None),
    ("Salems kommun", "salem", "0128", "2016-01-01", None),
    ("Tyresö kommun", "tyreso", "0138", "2016-01-01", None),
    ("Värmdö kommun", "varmdo", "0120", "2016-01-01", None),
    ("Södertälje kommun", "sodertalje", "0181", "2018-01-01", "2023-12-31"),
    ("Nykvarns kommun", "nykvarn", "0140", None, None),
]

COLLABORATION_OFFICE = "samordning"

# (title, slug, kind, org number, member since)
OTHER_ORGANISATIONS = [
    (
        "Arbetsförmedlingen Södertörn, Haninge",
        "af-haninge",
        "authority_office",
        "202100-2114",
        "2016-01-01",
    ),
    (
        "Arbetsförmedlingen Södertörn, Huddinge",
        "af-huddinge",
        "authority_office",
        "202100-2114",
        "2016-01-01",
    ),
    (
        "Arbetsförmedlingen Södertörn, Botkyrka",
        "af-botkyrka",
        "authority_office",
        "202100-2114",
        "2016-01-01",
    ),
    ("Länsstyrelsen Stockholm", "lansstyrelsen-stockholm", "county_board", "", None),
    ("Region Stockholm", "region-stockholm", "region", "", None),
    ("Språkcafé Södertörn (ideell förening)", "sprakcafe-sodertorn", "ngo", "", None),
    # The collaboration's own office: the strategist and the communicator,
    # who publish the collaboration's news and the groups' meetings.
    ("Etablering Södertörn, samordning", COLLABORATION_OFFICE, "other", "", None),
]

# Invented people: (organisation slug, name, title, e-mail local part)
PEOPLE = [
    (
        COLLABORATION_OFFICE,
        "Karin Lindqvist",
        "Regional strateg, Etablering Södertörn",
        "karin.lindqvist",
    ),
    (
        COLLABORATION_OFFICE,
        "Sara Nilsson",
        "Kommunikatör, Etablering Södertörn",
        "sara.nilsson",
    ),
    ("botkyrka", "Amir Haddad", "Enhetschef, integration", "amir.haddad"),
    ("botkyrka", "Elin Sandberg", "Samordnare nyanlända", "elin.sandberg"),
    ("botkyrka", "Jonas Ek", "Rektor SFI", "jonas.ek"),
    ("haninge", "Maria Nordin", "Avdelningschef, arbetsmarknad", "maria.nordin"),
    ("haninge", "Yusuf Abdi", "Samordnare samhällsorientering", "yusuf.abdi"),
    ("huddinge", "Lena Berg", "Verksamhetschef, vuxenutbildning", "lena.berg"),
    ("huddinge", "Daniel Öberg", "Utvecklingsledare", "daniel.oberg"),
    ("nacka", "Sara Holm", "Enhetschef, etablering", "sara.holm"),
    ("nacka", "Ali Rahimi", "Arbetsmarknadskonsulent", "ali.rahimi"),
    ("nynashamn", "Eva Ström", "Integrationssamordnare", "eva.strom"),
    ("nynashamn", "Per Wallin", "Socialchef", "per.wallin"),
    ("salem", "Hanna Lund", "Enhetschef, vuxenutbildning", "hanna.lund"),
    ("salem", "Omar Farah", "Hälsokommunikatör", "omar.farah"),
    ("tyreso", "Johanna Kraft", "Arbetsmarknadschef", "johanna.kraft"),
    ("tyreso", "Dawit Tesfaye", "Samordnare ensamkommande", "dawit.tesfaye"),
    ("varmdo", "Ingrid Sjöberg", "Integrationsstrateg", "ingrid.sjoberg"),
    ("varmdo", "Nadia Karimi", "Studie- och yrkesvägledare", "nadia.karimi"),
    ("af-haninge", "Mikael Forsberg", "Sektionschef", "mikael.forsberg"),
    ("af-huddinge", "Leila Mansour", "Arbetsförmedlare, etablering", "leila.mansour"),
    ("af-botkyrka", "Tomas Lundgren", "Verksamhetsutvecklare", "tomas.lundgren"),
    (
        "lansstyrelsen-stockholm",
        "Anna Wikström",
        "Handläggare, integration",
        "anna.wikstrom",
    ),
    ("sprakcafe-sodertorn", "Sofia Engström", "Ordförande", "sofia.engstrom"),
]

# (slug, name, kind, description, [(person e-mail local part, role)])
GROUPS = [
    (
        "ledningsgrupp",
        "Ledningsgruppen",
        "steering",
        "Förvaltningschefer och Arbetsförmedlingen; beslutar om inriktning och följer upp kvartalsvis.",
        [
            ("amir.haddad", "member"),
            ("maria.nordin", "chair"),
            ("lena.berg", "member"),
            ("sara.holm", "member"),
            ("per.wallin", "member"),
            ("hanna.lund", "member"),
            ("johanna.kraft", "vice_chair"),
            ("ingrid.sjoberg", "member"),
            ("mikael.forsberg", "member"),
            ("karin.lindqvist", "secretary"),
        ],
    ),
    (
        "beredningsgrupp",
        "Beredningsgruppen",
        "preparatory",
        "Bereder ärenden till ledningsgruppen.",
        [
            ("karin.lindqvist", "chair"),
            ("elin.sandberg", "member"),
            ("yusuf.abdi", "member"),
            ("daniel.oberg", "member"),
            ("ali.rahimi", "member"),
            ("eva.strom", "member"),
            ("leila.mansour", "member"),
        ],
    ),
    (
        "arbetsgrupp-sfi",
        "Arbetsgruppen för SFI och samhällsorientering",
        "working",
        "Samordnar SFI, yrkes-SFI och samhällsorientering mellan kommunerna.",
        [
            ("jonas.ek", "chair"),
            ("yusuf.abdi", "member"),
            ("lena.berg", "member"),
            ("hanna.lund", "member"),
            ("nadia.karimi", "member"),
            ("tomas.lundgren", "co_opted"),
        ],
    ),
    (
        "natverk-halsa",
        "Nätverket för hälsokommunikatörer",
        "network",
        "Erfarenhetsutbyte mellan hälsokommunikatörer och samordnare.",
        [
            ("omar.farah", "chair"),
            ("dawit.tesfaye", "member"),
            ("sofia.engstrom", "member"),
        ],
    ),
]

EMAIL_DOMAIN = "example.se"
