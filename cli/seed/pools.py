"""Where customers live and what they are called: real cities per country, and name, street
and postcode pools drawn once from Faker per locale (a Faker call per row would dominate the
run time)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from faker import Faker


@dataclass(frozen=True)
class Country:
    locale: str  # Faker locale
    name: str
    weight: int  # share of customers
    phone_prefixes: tuple[str, ...]  # E.164 prefixes of mobile ranges, all the same length
    phone_digits: int  # subscriber digits after the prefix
    tax_bp: int  # sales tax / VAT in basis points
    email_domains: tuple[str, ...]
    cities: tuple[tuple[str, str], ...]  # (city, state or region)
    couriers: tuple[tuple[str, str], ...]  # (courier, tracking prefix)
    documents: tuple[str, ...]  # accepted identity documents for KYC
    number_first: bool  # "12 High Street" rather than "Hauptstraße 12"


COUNTRIES = (
    Country("en_US", "United States", 22, ("+1212", "+1415", "+1312", "+1713", "+1305"), 7, 825,
            ("gmail.com", "yahoo.com", "outlook.com", "icloud.com"),
            (("New York", "NY"), ("San Francisco", "CA"), ("Chicago", "IL"), ("Houston", "TX"),
             ("Miami", "FL"), ("Seattle", "WA")),
            (("USPS", "9400"), ("UPS", "1Z"), ("FedEx", "7712")),
            ("passport", "driving_licence"), True),
    Country("en_GB", "United Kingdom", 14, ("+447",), 9, 2000,
            ("gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com"),
            (("London", "England"), ("Manchester", "England"), ("Birmingham", "England"),
             ("Glasgow", "Scotland"), ("Leeds", "England"), ("Cardiff", "Wales")),
            (("Royal Mail", "RM"), ("DPD UK", "15"), ("Evri", "H0")),
            ("passport", "driving_licence"), True),
    Country("de_DE", "Germany", 12, ("+49151", "+49160", "+49171", "+49176"), 8, 1900,
            ("gmx.de", "web.de", "t-online.de", "gmail.com"),
            (("Berlin", "Berlin"), ("Hamburg", "Hamburg"), ("München", "Bayern"),
             ("Köln", "Nordrhein-Westfalen"), ("Frankfurt am Main", "Hessen"),
             ("Stuttgart", "Baden-Württemberg"), ("Leipzig", "Sachsen")),
            (("DHL", "00340"), ("Hermes", "H10"), ("DPD", "0150")),
            ("national_id", "passport"), False),
    Country("fr_FR", "France", 9, ("+336", "+337"), 8, 2000,
            ("orange.fr", "free.fr", "gmail.com", "laposte.net"),
            (("Paris", "Île-de-France"), ("Lyon", "Auvergne-Rhône-Alpes"),
             ("Marseille", "Provence-Alpes-Côte d'Azur"), ("Toulouse", "Occitanie"),
             ("Bordeaux", "Nouvelle-Aquitaine"), ("Lille", "Hauts-de-France")),
            (("Colissimo", "6A"), ("Chronopost", "XY")),
            ("national_id", "passport"), True),
    Country("es_ES", "Spain", 7, ("+346",), 8, 2100,
            ("gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"),
            (("Madrid", "Comunidad de Madrid"), ("Barcelona", "Cataluña"),
             ("Valencia", "Comunitat Valenciana"), ("Sevilla", "Andalucía"),
             ("Bilbao", "País Vasco"), ("Málaga", "Andalucía")),
            (("Correos", "PQ"), ("SEUR", "SE")),
            ("national_id", "passport"), False),
    Country("it_IT", "Italy", 6, ("+39347", "+39333", "+39320"), 7, 2200,
            ("libero.it", "gmail.com", "virgilio.it", "tiscali.it"),
            (("Roma", "Lazio"), ("Milano", "Lombardia"), ("Napoli", "Campania"),
             ("Torino", "Piemonte"), ("Bologna", "Emilia-Romagna"), ("Firenze", "Toscana")),
            (("Poste Italiane", "RR"), ("BRT", "BR")),
            ("national_id", "passport"), False),
    Country("pt_BR", "Brazil", 8, ("+55119", "+55219", "+55319"), 8, 1700,
            ("gmail.com", "hotmail.com", "uol.com.br", "bol.com.br"),
            (("São Paulo", "SP"), ("Rio de Janeiro", "RJ"), ("Belo Horizonte", "MG"),
             ("Salvador", "BA"), ("Curitiba", "PR"), ("Recife", "PE")),
            (("Correios", "OJ"), ("Jadlog", "JD")),
            ("national_id", "passport"), False),
    Country("nl_NL", "Netherlands", 4, ("+316",), 8, 2100,
            ("gmail.com", "ziggo.nl", "kpnmail.nl", "hotmail.nl"),
            (("Amsterdam", "Noord-Holland"), ("Rotterdam", "Zuid-Holland"),
             ("Den Haag", "Zuid-Holland"), ("Utrecht", "Utrecht"), ("Eindhoven", "Noord-Brabant")),
            (("PostNL", "3S"), ("DHL Parcel", "JVGL")),
            ("national_id", "passport"), False),
    Country("pl_PL", "Poland", 4, ("+4850", "+4851", "+4860", "+4869"), 7, 2300,
            ("wp.pl", "onet.pl", "gmail.com", "interia.pl"),
            (("Warszawa", "Mazowieckie"), ("Kraków", "Małopolskie"), ("Wrocław", "Dolnośląskie"),
             ("Gdańsk", "Pomorskie"), ("Poznań", "Wielkopolskie")),
            (("InPost", "6200"), ("Poczta Polska", "PX")),
            ("national_id", "passport"), False),
    Country("tr_TR", "Turkey", 5, ("+90532", "+90542", "+90505"), 7, 2000,
            ("gmail.com", "hotmail.com", "yandex.com.tr"),
            (("İstanbul", "İstanbul"), ("Ankara", "Ankara"), ("İzmir", "İzmir"),
             ("Antalya", "Antalya"), ("Bursa", "Bursa")),
            (("Yurtiçi Kargo", "YK"), ("Aras Kargo", "AR")),
            ("national_id", "passport"), False),
    Country("es_MX", "Mexico", 6, ("+5255", "+5233", "+5281"), 8, 1600,
            ("gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.com"),
            (("Ciudad de México", "CDMX"), ("Guadalajara", "Jalisco"), ("Monterrey", "Nuevo León"),
             ("Puebla", "Puebla"), ("Cancún", "Quintana Roo")),
            (("Estafeta", "EST"), ("DHL Express", "JD01")),
            ("national_id", "passport"), False),
    Country("en_IN", "India", 5, ("+919", "+918", "+917"), 9, 1800,
            ("gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"),
            (("Mumbai", "Maharashtra"), ("Delhi", "Delhi"), ("Bengaluru", "Karnataka"),
             ("Hyderabad", "Telangana"), ("Chennai", "Tamil Nadu"), ("Pune", "Maharashtra")),
            (("Blue Dart", "BD"), ("Delhivery", "DL")),
            ("national_id", "passport"), True),
)  # fmt: skip

# Ids are mixed into phone numbers over this many digits; more ids than this would repeat.
PHONE_ID_LIMIT = 10 ** min(country.phone_digits for country in COUNTRIES)


@dataclass(frozen=True)
class Names:
    """One locale's pools; names come with an ASCII slug for building email addresses."""

    first: tuple[tuple[str, str], ...]
    last: tuple[tuple[str, str], ...]
    streets: tuple[str, ...]
    postcodes: tuple[str, ...]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_text.lower()) or "user"


def build_names(seed: int, size: int = 300) -> list[Names]:
    """Pools per country, in COUNTRIES order; deterministic for a seed and Faker version."""
    pools = []
    for offset, country in enumerate(COUNTRIES):
        fake = Faker(country.locale)
        fake.seed_instance(seed * 1_000 + offset)
        # dict.fromkeys de-duplicates in draw order; a set would make the order hash-random.
        first = dict.fromkeys(fake.first_name() for _ in range(size))
        last = dict.fromkeys(fake.last_name() for _ in range(size))
        pools.append(
            Names(
                first=tuple((name, slug(name)) for name in first),
                last=tuple((name, slug(name)) for name in last),
                streets=tuple(dict.fromkeys(fake.street_name() for _ in range(size // 4))),
                postcodes=tuple(fake.postcode() for _ in range(size // 4)),
            )
        )
    return pools
