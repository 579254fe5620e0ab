# ruff: noqa: E501
"""What the demo interventions share: opening days, closures, places."""

WEEKDAYS = (1, 2, 3, 4, 5)

SFI_JULY = {
    "start_date": "2025-07-01",
    "end_date": "2025-07-31",
    "recurs_yearly": True,
    "reason": "SFI är stängt i juli",
}
CHRISTMAS = {
    "start_date": "2025-12-22",
    "end_date": "2026-01-06",
    "recurs_yearly": True,
    "reason": "Jul- och nyårsuppehåll",
}
SUMMER = {
    "start_date": "2025-06-16",
    "end_date": "2025-08-15",
    "recurs_yearly": True,
    "reason": "Sommaruppehåll",
}

FREE = "Kostnadsfritt för deltagaren"


# (key, name, street address, postal code, city, latitude, longitude)
# fmt: off
_PLACES = [
    ("botkyrka-vux", "Botkyrka vuxenutbildning", "Tumbavägen 24", "147 30", "Tumba", "59.199500", "17.833000"),
    ("botkyrka-alby", "Mötesplats Alby", "Albyvägen 31", "145 59", "Norsborg", "59.239000", "17.845000"),
    ("botkyrka-fittja", "Fittja träffpunkt", "Fittja torg 4", "145 50", "Norsborg", "59.247200", "17.860500"),
    ("haninge-vux", "Haninge vuxenutbildning", "Poseidons torg 5", "136 46", "Handen", "59.167800", "18.139900"),
    ("haninge-handen", "Kulturhuset Handen", "Rudsjöterrassen 2", "136 40", "Handen", "59.168500", "18.137000"),
    ("haninge-brandbergen", "Familjecentralen Brandbergen", "Brandbergsvägen 15", "136 65", "Haninge", "59.172500", "18.164000"),
    ("huddinge-flemingsberg", "Huddinge vuxenutbildning, Flemingsberg", "Flemingsbergsvägen 9", "141 52", "Huddinge", "59.219000", "17.946000"),
    ("huddinge-centrum", "Etableringsenheten", "Kommunalvägen 26", "141 46", "Huddinge", "59.236600", "17.981500"),
    ("huddinge-bibliotek", "Huddinge bibliotek", "Sjödalstorget 1", "141 47", "Huddinge", "59.237000", "17.980000"),
    ("huddinge-skogas", "Skogås träffpunkt", "Skogåstorget 3", "142 43", "Skogås", "59.218000", "18.153500"),
    ("nacka-sickla", "Nacka etableringsenhet", "Vikdalsvägen 50", "131 52", "Nacka", "59.311000", "18.164000"),
    ("nacka-fisksatra", "Fisksätra medborgarkontor", "Fisksätra torg 12", "133 41", "Saltsjöbaden", "59.294000", "18.257000"),
    ("nynashamn-larcentrum", "Nynäshamns lärcentrum", "Fredsgatan 14", "149 30", "Nynäshamn", "58.903000", "17.948000"),
    ("nynashamn-centrum", "Integrationsenheten", "Centralgatan 5", "149 31", "Nynäshamn", "58.902500", "17.947000"),
    ("salem-centrum", "Salems vuxenutbildning", "Säbyvägen 6", "144 30", "Rönninge", "59.197000", "17.770000"),
    ("salem-ronninge", "Rönninge träffpunkt", "Rönningevägen 12", "144 60", "Rönninge", "59.193000", "17.750000"),
    ("tyreso-centrum", "Tyresö arbetsmarknadsenhet", "Bollmora allé 2", "135 40", "Tyresö", "59.244000", "18.229000"),
    ("tyreso-bibliotek", "Tyresö bibliotek", "Bollmoravägen 8", "135 40", "Tyresö", "59.243500", "18.227500"),
    ("tyreso-trollbacken", "Trollbäckens ungdomsgård", "Tyresövägen 360", "135 54", "Tyresö", "59.223000", "18.205000"),
    ("varmdo-gustavsberg", "Värmdö vuxenutbildning", "Odelbergs väg 7", "134 40", "Gustavsberg", "59.326500", "18.389000"),
    ("af-haninge", "Arbetsförmedlingen Haninge", "Handenterminalen 5", "136 40", "Handen", "59.169000", "18.137000"),
    ("af-huddinge", "Arbetsförmedlingen Huddinge", "Tomtbergavägen 1", "141 46", "Huddinge", "59.235500", "17.983000"),
    ("af-botkyrka", "Arbetsförmedlingen Botkyrka", "Hallunda torg 2", "145 68", "Norsborg", "59.243000", "17.825500"),
]
# fmt: on

PLACES = {
    key: {
        "name": name,
        "street_address": street,
        "postal_code": postal_code,
        "city": city,
        "latitude": lat,
        "longitude": lon,
    }
    for key, name, street, postal_code, city, lat, lon in _PLACES
}
