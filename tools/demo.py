"""Demo data: export-shaped files for Forn de la Plaça, a fictional bakery chain in Valencia.

Four shops (Russafa, El Carme, Benimaclet, El Cabanyal), an online shop for pick-up orders and a
catering service for companies, from 2025-05-01 to 2026-10-31. Every figure comes from the
calendar and from ``random.Random`` streams seeded with fixed strings, so two runs write the same
bytes. ``python -m tools.demo [OUT_DIR]`` writes the files (default: data/demo).

Stories in the data: campaigns verano25/verano26 (summer), catering-empresas (autumn, LinkedIn
and leads), roscon-reyes (December to 6 January, the revenue peak) and fallas-2026 (1-19 March
2026, the traffic peak, with one viral TikTok); August dips; the Instagram account passes 10,000
followers and the Facebook page 5,000, each thanked with a post. One generator writes both GA4
files, so the December they share is identical.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import random
import re
import string
import sys
import zipfile
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path

START = date(2025, 5, 1)
END = date(2026, 10, 31)
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "demo"
FIXED_TIMESTAMP = datetime(2026, 11, 2, 9, 0, 0)

BUSINESS = "Forn de la Plaça"
HANDLE = "forndelaplaca"
FB_PAGE_ID = "108447309215738"
IG_ACCOUNT_ID = "17841452093817264"
GA4_PROPERTY = "Forn de la Plaça - GA4"
SHOPS = ("Russafa", "El Carme", "Benimaclet", "El Cabanyal")
BAKERS = ("Amparo Ferrer", "Vicent Soler", "Lucía Martínez", "Joan Llopis", "Rosa Climent")
CUSTOMERS = ("Laura G.", "Toni M.", "Marta R.", "Pep S.", "Inés V.", "Sergio P.")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ---------------------------------------------------------------------------------------------
# Calendar: seasons, weekdays, holidays and campaigns
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Campaign:
    name: str
    label: str
    theme: str
    start: date
    peak: tuple[date, date]
    end: date
    lift: dict[str, float]  # network -> multiplier at the peak
    paid: dict[str, float] = field(default_factory=dict)  # paid source / medium -> peak share

    def intensity(self, day: date) -> float:
        if not self.start <= day <= self.end:
            return 0.0
        if day < self.peak[0]:
            progress = (day - self.start).days / max(1, (self.peak[0] - self.start).days)
            return 0.35 + 0.45 * progress
        return 1.0 if day <= self.peak[1] else 0.5

    def lift_on(self, day: date, network: str) -> float:
        return 1 + (self.lift.get(network, 1.0) - 1) * self.intensity(day)


_SUMMER_LIFT = {
    "instagram": 1.6,
    "facebook": 1.3,
    "tiktok": 1.9,
    "x": 1.2,
    "search": 1.1,
    "email": 1.3,
    "posts": 1.4,
}
_CATERING_LIFT = {
    "linkedin": 3.0,
    "search": 1.1,
    "email": 1.4,
    "leads": 3.0,
    "posts": 1.2,
    "linkedin_posts": 2.6,
}
CAMPAIGNS = (
    Campaign(
        "verano25",
        "Verano 2025",
        "verano",
        date(2025, 6, 16),
        (date(2025, 7, 1), date(2025, 7, 20)),
        date(2025, 7, 31),
        _SUMMER_LIFT,
        {"fb / paid_social": 0.025},
    ),
    Campaign(
        "catering-empresas",
        "Catering empresas 2025",
        "catering",
        date(2025, 9, 15),
        (date(2025, 10, 6), date(2025, 11, 14)),
        date(2025, 11, 28),
        _CATERING_LIFT,
        {"linkedin / paid_social": 0.012, "google / cpc": 0.01},
    ),
    Campaign(
        "roscon-reyes",
        "Roscón de Reyes",
        "roscon",
        date(2025, 12, 1),
        (date(2025, 12, 19), date(2026, 1, 5)),
        date(2026, 1, 6),
        {
            "instagram": 2.3,
            "facebook": 2.0,
            "tiktok": 2.6,
            "x": 1.5,
            "youtube": 1.8,
            "linkedin": 1.3,
            "search": 1.6,
            "direct": 1.4,
            "email": 2.2,
            "news": 2.0,
            "orders": 1.7,
            "posts": 1.6,
        },
        {"fb / paid_social": 0.06, "google / cpc": 0.05},
    ),
    Campaign(
        "fallas-2026",
        "Fallas 2026",
        "fallas",
        date(2026, 3, 1),
        (date(2026, 3, 12), date(2026, 3, 19)),
        date(2026, 3, 19),
        {
            "instagram": 3.6,
            "facebook": 2.6,
            "tiktok": 4.2,
            "x": 2.2,
            "youtube": 2.0,
            "linkedin": 1.4,
            "search": 1.5,
            "direct": 1.3,
            "email": 1.8,
            "news": 4.0,
            "orders": 1.3,
            "posts": 2.0,
        },
        {"fb / paid_social": 0.10, "google / cpc": 0.04},
    ),
    Campaign(
        "verano26",
        "Verano 2026",
        "verano",
        date(2026, 6, 15),
        (date(2026, 7, 1), date(2026, 7, 20)),
        date(2026, 7, 31),
        {**_SUMMER_LIFT, "instagram": 1.8, "tiktok": 2.2},
        {"fb / paid_social": 0.03},
    ),
    Campaign(
        "catering-empresas",
        "Catering empresas 2026",
        "catering",
        date(2026, 9, 14),
        (date(2026, 10, 5), date(2026, 10, 23)),
        date(2026, 10, 30),
        _CATERING_LIFT,
        {"linkedin / paid_social": 0.015, "google / cpc": 0.01},
    ),
)

# seasonality at mid-month; August empties Valencia, Christmas and the roscón fill the shops
MONTH_FACTOR = (1.0, 0.92, 1.05, 1.0, 0.98, 0.95, 0.85, 0.58, 0.95, 1.02, 1.08, 1.3)  # Jan..Dec
HOLIDAYS = {
    date(2025, 8, 15): 0.7,
    date(2025, 12, 24): 1.25,
    date(2025, 12, 25): 0.45,
    date(2025, 12, 31): 0.75,
    date(2026, 1, 1): 0.45,
    date(2026, 1, 4): 1.5,
    date(2026, 1, 5): 1.9,
    date(2026, 1, 6): 0.8,
    date(2026, 8, 15): 0.7,
}
WEEKDAY = {  # Monday first
    "web": (1.0, 1.0, 1.02, 1.06, 1.12, 0.9, 0.78),
    "social": (0.92, 0.95, 0.97, 1.0, 1.05, 1.2, 1.15),
    "linkedin": (1.15, 1.2, 1.15, 1.1, 0.9, 0.3, 0.25),
    "email": (0.5, 0.5, 0.6, 2.6, 1.5, 0.6, 0.5),  # the newsletter goes out on Thursdays
    "orders": (0.9, 0.9, 0.95, 1.05, 1.3, 1.2, 0.75),
    "leads": (1.2, 1.2, 1.15, 1.1, 0.9, 0.2, 0.1),
}
NETWORK_WEEKDAY = {
    "linkedin": "linkedin",
    "email": "email",
    "search": "web",
    "direct": "web",
    "news": "web",
    "facebook": "social",
    "instagram": "social",
    "x": "social",
    "tiktok": "social",
    "youtube": "social",
}
# followers (or subscribers) at the start and at the end, for post reach
AUDIENCE = {
    "facebook": (4180, 6400),
    "instagram": (7950, 14500),
    "x": (1150, 1480),
    "tiktok": (2100, 9800),
    "youtube": (380, 930),
    "linkedin": (620, 1180),
}
# (month, day) windows that recur every year; Easter moves, so it has its own dates
SEASONAL_THEMES = (
    ("san_valentin", (2, 8), (2, 14)),
    ("sant_joan", (6, 18), (6, 24)),
    ("verano", (7, 1), (8, 31)),
    ("mocadora", (10, 3), (10, 9)),
    ("tots_sants", (10, 22), (11, 1)),
    ("otono", (10, 10), (11, 30)),
)
EASTER_2026 = (date(2026, 3, 25), date(2026, 4, 13))


def all_days(start: date = START, end: date = END) -> Iterator[date]:
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def season(day: date) -> float:
    """Monthly factor, blended linearly between mid-months so the curve has no steps."""
    middle = date(day.year, day.month, 15)
    offset = (day - middle).days / 30.4
    neighbour = (day.month % 12) + 1 if offset >= 0 else ((day.month - 2) % 12) + 1
    share = abs(offset)
    return MONTH_FACTOR[day.month - 1] * (1 - share) + MONTH_FACTOR[neighbour - 1] * share


def growth(day: date) -> float:
    return 1 + 0.28 * (day - START).days / 365


def weekday_factor(day: date, group: str) -> float:
    return WEEKDAY[group][day.weekday()]


def campaigns_on(day: date) -> list[Campaign]:
    return [c for c in CAMPAIGNS if c.start <= day <= c.end]


def lift(day: date, network: str) -> float:
    return math.prod(c.lift_on(day, network) for c in campaigns_on(day))


def audience(network: str, day: date) -> float:
    first, last = AUDIENCE[network]
    return first + (last - first) * (day - START).days / (END - START).days


def theme_for(rng: random.Random, day: date) -> str:
    active = campaigns_on(day)
    if active and rng.random() < 0.75:
        return active[0].theme
    seasonal = [
        name for name, first, last in SEASONAL_THEMES if first <= (day.month, day.day) <= last
    ]
    if EASTER_2026[0] <= day <= EASTER_2026[1]:
        seasonal.insert(0, "pascua")
    if seasonal and rng.random() < 0.6:
        return seasonal[0]
    return "diario"


def campaign_label(day: date, theme: str) -> str:
    return next((c.label for c in campaigns_on(day) if c.theme == theme), "")


# ---------------------------------------------------------------------------------------------
# Texts
# ---------------------------------------------------------------------------------------------

CAPTIONS = {
    "diario": (
        "Pan de masa madre recién salido del horno 🥖 24 horas de fermentación, harina "
        "ecológica de l'Horta y mucha paciencia.",
        "¿Croissant o napolitana de chocolate? 🥐🍫 Cuéntanos en comentarios cuál es tu favorito.",
        "Buenos días desde {shop} ☀️ Abrimos a las 7:30, con el café listo y las tostadas a punto.",
        "Esmorzaret com cal: entrepà de pa de cristall, cacau del collaret i cremaet ☕ "
        "Us esperem a {shop}!",
        'Conoce a {baker}: {years} años amasando con nosotros 💛\n"Lo mejor del oficio es ver la '
        'cara de la gente cuando prueba el pan", nos cuenta.',
        "Haz tu pedido online antes de las 20h y recógelo mañana en Russafa, El Carme, "
        "Benimaclet o El Cabanyal 👉 forndelaplaca.es/pedidos",
        "Fresh out of the oven in {shop} 🥖 Sourdough, croissants and coca de llanda, every "
        "morning from 7:30.",
        "Tres cosas que no sabías de nuestra coca de llanda:\n1) La receta es de la iaia Amparo\n"
        "2) Sin conservantes\n3) Sale del horno cada mañana a las 6",
        'Reseña de la semana ⭐⭐⭐⭐⭐ "El mejor pan de Valencia, y el trato, de diez". '
        "¡Gracias, {customer}!",
        "Ensaïmada de crema, solo sábados y domingos 🤤 En las 4 tiendas, hasta agotar "
        "existencias.",
        "Buscamos panadero/a para el obrador de Benimaclet 👩‍🍳 Jornada completa, turno de "
        "mañana. CV a equipo@forndelaplaca.es",
        "Sin prisa, con calma y con masa madre: así trabajamos desde 1987 🥖",
        "Pan de centeno, de espelta, de cristal, de payés... ¿Cuál te llevas hoy? 🍞",
        "Nuevo en {shop}: tostadas de masa madre con tomate, aceite de la Serra d'Espadà y "
        "jamón 🍅",
        "Los lunes, 2x1 en pan del día a partir de las 19h. Menos desperdicio, más pan para "
        "todos ♻️",
    ),
    "verano": (
        "Horchata de Alboraya y fartons recién hechos 🥤 El plan perfecto para esta tarde de "
        "calor en {shop}.",
        "Granizado de limón, de café o de horchata: ¿cuál pides? ☀️",
        "Horario de verano ☀️ Abrimos de 7:30 a 14:30 y de 17:30 a 21h, también domingos por la "
        "mañana.",
        "Summer in Valencia = horchata + fartons 🥤 Come and try ours in {shop}!",
        "Coca de llanda y horchata bien fría: merienda de verano, como toda la vida 💛",
        'Pide tu pack "Berenar d\'estiu" online: 1 litro de horchata + 6 fartons por 7,90 € 👉 '
        "forndelaplaca.es/verano",
    ),
    "sant_joan": (
        "Coca de Sant Joan amb pinyons i sucre 🔥 Només aquesta setmana, a les 4 botigues.",
        "Nit de Sant Joan 🔥🌊 Llévate la coca a la playa: en El Cabanyal abrimos hasta las 22h.",
    ),
    "mocadora": (
        "Per Sant Dionís, mocadorà! 🍬 Piuletes i tronadors de massapà fets al nostre obrador.",
        "9 d'Octubre: regala una mocadorà de mazapán artesano 💛❤️ Encárgala en cualquiera de "
        "nuestras tiendas.",
    ),
    "tots_sants": (
        "Huesos de santo y buñuelos de viento para Todos los Santos 🤍 Encárgalos online y "
        "recógelos sin colas.",
        "Buñuelos de viento rellenos de crema, nata o trufa. ¿Con cuál te quedas?",
    ),
    "otono": (
        "Llega el otoño y con él el boniato asado 🍠 y el pan de calabaza. ¿Ya los has probado?",
        "Pan de nueces y pasas, recién horneado 🍂 Perfecto con un buen queso.",
        "Días de lluvia = chocolate caliente y croissant en {shop} ☔",
    ),
    "san_valentin": (
        "Corazones de hojaldre y chocolate para San Valentín ❤️ Solo del 12 al 14 de febrero.",
        "Desayuno para dos a domicilio el 14 de febrero 💌 Reserva antes del jueves.",
    ),
    "pascua": (
        "La mona de Pascua ya está aquí 🥚 Con huevo de chocolate o tradicional, encárgala online.",
        'Panquemado y monas para el lunes de San Vicente 🐣 "Fer la mona" es tradición, ¡y '
        "nosotros ponemos el dulce!",
    ),
    "catering": (
        "Desayunos para tu empresa: minicroissants, bocadillos y fruta, entregados antes de las "
        "9h en Valencia ☕ Presupuesto en forndelaplaca.es/catering",
        "¿Reunión, formación o aniversario de empresa? Nuestro catering llega a tu oficina con "
        "pan del día y café 🥐 Presupuesto en 24 h.",
        "Este mes hemos servido más de 1.200 desayunos a empresas de València. ¡Gracias por la "
        "confianza! 💛",
        "Catering for your team: fresh pastries, coffee and sandwiches, delivered across "
        "Valencia before 9 am.",
    ),
    "roscon": (
        "¡Ya puedes encargar tu roscón de Reyes! 👑 Nata, trufa, crema o sin relleno. Reserva "
        "online y elige tienda y hora de recogida 👉 forndelaplaca.es/roscon",
        "Quedan pocos huecos para el 5 de enero ⏰ Reserva tu roscón hoy y olvídate de colas.",
        "El secreto de nuestro roscón: masa madre, agua de azahar y 18 horas de reposo 👑",
        "Turrón artesano, polvorones y panettone de la casa 🎄 Todo hecho en nuestro obrador de "
        "Benimaclet.",
        "Bon Nadal! 🎄 El 24 abrimos de 7 a 15h; el 25 descansamos para estar con la familia.",
        '¿Haba o rey? 👑 Este año escondemos 20 figuritas de oro en nuestros roscones.\n"Quien '
        'encuentre una, ¡desayuna gratis todo enero!"',
    ),
    "fallas": (
        "Ya huele a pólvora y a buñuelos 🎆 Buñuelos de calabaza recién hechos cada tarde en "
        "{shop}, con chocolate a la taza.",
        "Bunyols de carabassa i xocolata calenta 🔥 Aquesta setmana obrim fins a les 2 de la "
        "matinada a Russafa!",
        "Horario especial de Fallas 🎆\n15–19 de marzo: de 7 a 2h en Russafa y El Carme\nResto "
        "de tiendas: horario habitual",
        "Encarga tu docena de buñuelos online y recógela sin cola 👉 forndelaplaca.es/fallas",
        "Después de la mascletà, un chocolate con buñuelos 💥☕ ¿Nos vemos en la plaza?",
        'Fallas 2026: "la cremà" is coming 🔥 Come for buñuelos and hot chocolate in Russafa, '
        "open till 2 am.",
    ),
}
LINKEDIN_TEXTS = {
    "diario": (
        "Hoy celebramos los {years} años de {baker} en el obrador. Gente que hace oficio: "
        "gracias 💛",
        "Desde este mes, el 100 % de nuestra harina procede de molinos a menos de 100 km de "
        "Valencia. Kilómetro cero también en el pan.",
        "Buscamos responsable de turno para nuestro obrador de Benimaclet. Si te apasiona el pan "
        "artesano, escríbenos: equipo@forndelaplaca.es",
        "Así reducimos el desperdicio: el pan que no se vende se dona cada noche a bancos de "
        "alimentos de la ciudad ♻️",
        "38 personas, 4 tiendas y un obrador: así es un día en Forn de la Plaça, de las 4 de la "
        "mañana a la última hornada.",
        "Formación interna: este trimestre 12 personas del equipo han completado el curso de "
        "masa madre y fermentación lenta.",
    ),
    "catering": (
        *CAPTIONS["catering"],
        "Caso de éxito: cada lunes llevamos el desayuno a las 120 personas de una consultora del "
        "centro de Valencia. ¿Hablamos?",
        "Eventos de empresa, jornadas y congresos: catering de desayuno y coffee break con "
        "producto de obrador propio. Pide presupuesto sin compromiso.",
    ),
    "roscon": (
        "Regalos de empresa para Navidad: cestas con turrón artesano, panettone y roscón. "
        "Pedidos corporativos hasta el 15 de diciembre 🎄",
        "Cerramos el año con un récord: más de 9.000 roscones horneados para el Día de Reyes. "
        "Gracias a todo el equipo 👑",
    ),
    "fallas": (
        "Durante Fallas nuestro equipo hornea más de 40.000 buñuelos en cinco días. Así nos "
        "organizamos 🎆",
        "Fallas 2026: ampliamos horario en Russafa y El Carme y reforzamos la plantilla con 10 "
        "personas más.",
    ),
    "verano": (
        "Horario de verano en las tiendas y servicio de catering también en agosto, para las "
        "empresas que no paran ☀️",
    ),
}
SHORT_VIDEOS = {
    "diario": (
        "POV: eres panadero y son las 4 de la mañana 😅 #panaderia #valencia",
        "ASMR: la corteza del pan de cristal 🥖🔊 #asmr #pan",
        "Así se forma una barra de masa madre, paso a paso #masamadre",
        "El croissant más hojaldrado de Valencia 🥐 ¿lo comprobamos? #croissant",
        "Un día en nuestro obrador de Benimaclet #dayinmylife #bakery",
        "3 errores al hacer pan en casa (y cómo evitarlos) #pancasero",
        "Laminando mantequilla a las 5 de la mañana #croissant #obrador",
        "¿Cuántas capas tiene un croissant? Contamos 🔍 #hojaldre",
        "Greñando barras: cada panadero tiene su firma ✍️ #pan",
        "De la masa al horno en 30 segundos 🔥 #obrador",
        "Nuestra masa madre se llama Remedios y tiene 37 años #masamadre",
        "Primera hornada del día en {shop} 🥖 #valencia",
    ),
    "verano": (
        "Horchata + fartons: ¿mojas o no mojas? 🥤 #horchata #valencia",
        "Fartons recién hechos, glaseado en directo ✨ #fartons",
        "Granizado de horchata en 15 segundos 🧊 #verano",
    ),
    "roscon": (
        "Rellenamos 300 roscones en una mañana 👑 #roscondereyes",
        "¿Haba o rey? Así escondemos las sorpresas en el roscón 🤫 #reyes",
        "Cortando un roscón de 2 kilos 👑 #navidad",
    ),
    "fallas": (
        "Bunyols de carabassa pas a pas 🔥 #fallas2026 #bunyols",
        "5.000 buñuelos en una noche de Fallas 🎆 #fallas #valencia",
        "Buñuelos + chocolate después de la mascletà 💥 #fallas2026",
        "El buñuelo perfecto en 10 segundos 🔥 #fallas2026",
    ),
    "catering": ("Montamos un desayuno para 120 personas en 20 minutos ⏱️ #catering #valencia",),
    "tots_sants": ("Buñuelos de viento rellenos de crema 🤤 #todoslossantos",),
    "pascua": ("Decorando monas de Pascua 🐣 #mona #pascua",),
}
LONG_VIDEOS = {
    "diario": (
        "Pan de masa madre en casa: la receta completa | Forn de la Plaça",
        "Un día en el obrador: de las 4:00 a la primera hornada",
        "Coca de llanda esponjosa, la receta de la iaia Amparo",
        "Croissants de mantequilla paso a paso (laminado explicado)",
        "Pan de cristal: por qué lleva tanta agua y cómo se hace",
        "Ensaïmada casera: trucos de obrador",
        "Visitamos el molino que muele nuestra harina",
        "Cómo conservar el pan para que dure toda la semana",
        "Pan de espelta integral, receta fácil",
        "Masa madre desde cero: 7 días, paso a paso",
        "Pan de payés con corteza crujiente en horno doméstico",
        "Napolitanas de chocolate caseras",
        "Pa de pessic: el bizcocho valenciano de toda la vida",
        "Preguntas y respuestas: lo que siempre quisiste saber de nuestro pan",
    ),
    "verano": (
        "Fartons caseros para mojar en horchata",
        "Horchata de chufa casera vs. de Alboraya: comparamos",
    ),
    "roscon": ("Roscón de Reyes paso a paso, con masa madre", "Turrón casero: receta y trucos"),
    "fallas": (
        "Buñuelos de calabaza: la receta de nuestra abuela",
        "Fallas en el obrador: 40.000 buñuelos en 5 días",
    ),
    "otono": ("Pan de calabaza y boniato", "Huesos de santo caseros paso a paso"),
    "catering": ("Así preparamos un catering de empresa para 150 personas",),
    "pascua": ("Mona de Pascua tradicional valenciana",),
}
HASHTAGS = {
    "diario": (
        "#panartesano",
        "#masamadre",
        "#valencia",
        "#forndelaplaca",
        "#russafa",
        "#benimaclet",
    ),
    "verano": ("#horchata", "#fartons", "#veranovalencia", "#valencia"),
    "roscon": ("#roscondereyes", "#navidad", "#reyesmagos", "#valencia"),
    "fallas": ("#fallas2026", "#bunyols", "#fallas", "#valencia", "#mascleta"),
    "catering": ("#catering", "#cateringempresas", "#valencia"),
}


def fill(template: str, rng: random.Random) -> str:
    return template.format(
        shop=rng.choice(SHOPS),
        baker=rng.choice(BAKERS),
        years=rng.randint(4, 31),
        customer=rng.choice(CUSTOMERS),
    )


class Captioner:
    """Texts for one network from a pool by theme, never one of the last few it used."""

    def __init__(
        self, rng: random.Random, pool: dict[str, tuple[str, ...]] = CAPTIONS, memory: int = 6
    ) -> None:
        self.rng, self.pool, self.recent = rng, pool, deque(maxlen=memory)

    def __call__(self, theme: str) -> str:
        themed = self.pool.get(theme) or self.pool["diario"]
        fresh = [t for t in themed if t not in self.recent]
        fresh = fresh or [t for t in self.pool["diario"] if t not in self.recent]
        template = self.rng.choice(fresh)
        self.recent.append(template)
        return fill(template, self.rng)


def hashtags(rng: random.Random, theme: str, count: int) -> str:
    tags = HASHTAGS.get(theme, HASHTAGS["diario"])
    return " ".join(rng.sample(tags, min(count, len(tags))))


def pick_least_used(rng: random.Random, pools: dict, theme: str, used: dict[str, int]) -> str:
    """A template of the theme not used yet, else an everyday one used the fewest times."""
    fresh = [c for c in pools.get(theme, ()) if not used[c]]
    everyday = pools["diario"]
    fewest = min(used[c] for c in everyday)
    choice = rng.choice(fresh or [c for c in everyday if used[c] == fewest])
    used[choice] += 1
    return choice


# ---------------------------------------------------------------------------------------------
# Random helpers
# ---------------------------------------------------------------------------------------------


def make_rng(*parts: object) -> random.Random:
    return random.Random("forn-de-la-placa:" + ":".join(map(str, parts)))


def poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 40:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def noise(rng: random.Random, sigma: float) -> float:
    return rng.lognormvariate(0, sigma)


def part(rng: random.Random, total: float, low: float, high: float) -> int:
    return round(total * rng.uniform(low, high))


def digits(rng: random.Random, count: int, first: str = "") -> str:
    rest = "".join(rng.choice(string.digits) for _ in range(count - len(first) - 1))
    return first + rng.choice("123456789") + rest


def unique(rng: random.Random, make, used: set[str]) -> str:
    while (value := make(rng)) in used:
        pass
    used.add(value)
    return value


def spread(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, whole numbers that add up to ``total``."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def utc_from_madrid(moment: datetime) -> datetime:
    """Valencia local time to UTC (CET, or CEST from the last Sunday of March to October's)."""

    def last_sunday(month: int) -> date:
        day = date(moment.year, month, 31)
        return day - timedelta(days=(day.weekday() + 1) % 7)

    summer = last_sunday(3) <= moment.date() < last_sunday(10)
    return moment - timedelta(hours=2 if summer else 1)


def snowflake(rng: random.Random, moment: datetime, epoch_ms: int) -> str:
    """A time-ordered id like X's and LinkedIn's: milliseconds since an epoch, shifted by 22."""
    millis = int((utc_from_madrid(moment) - datetime(1970, 1, 1)).total_seconds() * 1000)
    return str(((millis + rng.randint(0, 999) - epoch_ms) << 22) | rng.getrandbits(22))


# ---------------------------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------------------------


@dataclass
class Post:
    at: datetime
    theme: str
    kind: str
    lift: float
    text: str = ""
    stats: dict[str, int] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Cadence:
    per_week: float
    hours: tuple[int, ...]
    minutes: tuple[int, ...] = (0, 15, 30, 45)
    weekdays: tuple[float, ...] = (1.0, 1.0, 1.0, 1.1, 1.1, 0.9, 0.8)
    lift_key: str = "posts"


CADENCES = {
    "facebook": Cadence(3.6, (8, 9, 12, 13, 17, 18, 19, 20)),
    "instagram": Cadence(4.4, (8, 9, 13, 14, 18, 19, 20, 21)),
    "x": Cadence(2.6, (8, 9, 11, 13, 17, 19), tuple(range(60))),
    "tiktok": Cadence(
        1.6, (13, 14, 18, 19, 20, 21, 22), tuple(range(60)), (0.8, 0.8, 0.9, 1.0, 1.2, 1.3, 1.2)
    ),
    "linkedin": Cadence(
        1.3, (8, 9, 10, 12), (0, 15, 30, 45), (1.3, 1.4, 1.3, 1.2, 0.8, 0.0, 0.0), "linkedin_posts"
    ),
}


def schedule(rng: random.Random, cadence: Cadence) -> list[datetime]:
    moments = []
    for day in all_days():
        mean = cadence.per_week / 7 * cadence.weekdays[day.weekday()] * lift(day, cadence.lift_key)
        for _ in range(min(3, poisson(rng, mean))):
            moment = time(rng.choice(cadence.hours), rng.choice(cadence.minutes))
            moments.append(datetime.combine(day, moment))
    return sorted(set(moments))


def weekend_bonus(day: date, bonus: float) -> float:
    return bonus if day.weekday() >= 5 else 1.0


def draft_posts(network: str, kinds: dict[str, float]) -> tuple[random.Random, list[Post]]:
    rng = make_rng(network, "posts")
    posts = []
    for moment in schedule(rng, CADENCES[network]):
        theme = theme_for(rng, moment.date())
        kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
        reach_lift = lift(moment.date(), network) ** 0.5  # campaigns post more, not only louder
        posts.append(Post(moment, theme, kind, reach_lift))
    return rng, posts


FB_KIND_REACH = {"Photos": 1.0, "Reels": 1.8, "Videos": 1.2, "Links": 0.6}
IG_KIND_REACH = {"IG image": 0.85, "IG carousel": 1.15, "IG reel": 2.0}


def facebook_posts() -> list[Post]:
    rng, posts = draft_posts("facebook", {"Photos": 45, "Reels": 25, "Videos": 10, "Links": 20})
    used: set[str] = set()
    caption = Captioner(rng)
    for post in posts:
        post.text = caption(post.theme)
        if post.kind == "Links":
            post.text += link_line(post)
        post.extra = facebook_extra(rng, post, used)
        post.stats = facebook_stats(rng, post)
    return posts


def link_line(post: Post) -> str:
    """A link post's link: tagged with its campaign's UTM while the campaign runs (so smdash
    matches it to the calendar entry it came from), else the bare site when the text has none."""
    campaign = next((c for c in campaigns_on(post.at.date()) if c.theme == post.theme), None)
    if campaign:
        tags = f"utm_source=facebook&utm_medium=social&utm_campaign={campaign.name}"
        return f"\n👉 https://forndelaplaca.es/?{tags}"
    return "" if "forndelaplaca.es" in post.text else "\n👉 forndelaplaca.es"


def facebook_extra(rng: random.Random, post: Post, used: set[str]) -> dict[str, str]:
    video = post.kind in ("Reels", "Videos")
    return {
        "id": unique(rng, lambda r: digits(r, 16), used),
        "pfbid": "pfbid0"
        + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(34)),
        "duration": str(
            rng.randint(12, 75) if post.kind == "Reels" else rng.randint(40, 240) if video else 0
        ),
        "crosspost": "1" if post.kind == "Reels" and rng.random() < 0.6 else "0",
        "label": campaign_label(post.at.date(), post.theme),
    }


def facebook_stats(rng: random.Random, post: Post) -> dict[str, int]:
    reach = (
        audience("facebook", post.at.date())
        * rng.uniform(0.14, 0.32)
        * FB_KIND_REACH[post.kind]
        * weekend_bonus(post.at.date(), 1.15)
        * post.lift
        * noise(rng, 0.35)
    )
    video = post.kind in ("Reels", "Videos")
    link_rate = (0.015, 0.035) if post.kind == "Links" else (0.001, 0.006)
    return {
        "views": part(rng, reach, 1.25, 1.8),
        "reach": round(reach),
        "reactions": part(rng, reach, 0.018, 0.05),
        "comments": part(rng, reach, 0.002, 0.01),
        "shares": part(rng, reach, 0.0015, 0.012 if video else 0.008),
        "link_clicks": part(rng, reach, *link_rate),
        "other_clicks": part(rng, reach, 0.008, 0.025),
    }


def instagram_posts() -> list[Post]:
    rng, posts = draft_posts("instagram", {"IG image": 35, "IG carousel": 30, "IG reel": 35})
    used: set[str] = set()
    caption = Captioner(rng)
    for post in posts:
        post.text = caption(post.theme)
        if rng.random() < 0.7:
            post.text += "\n\n" + hashtags(rng, post.theme, rng.randint(2, 4))
        post.extra = instagram_extra(rng, post, used)
        post.stats = instagram_stats(rng, post)
    return posts


def instagram_extra(rng: random.Random, post: Post, used: set[str]) -> dict[str, str]:
    code = "D" + "".join(rng.choice(string.ascii_letters + string.digits + "_-") for _ in range(10))
    path = "reel" if post.kind == "IG reel" else "p"
    return {
        "id": unique(rng, lambda r: digits(r, 17, "18"), used),
        "permalink": f"https://www.instagram.com/{path}/{code}/",
        "duration": str(rng.randint(9, 60) if post.kind == "IG reel" else 0),
    }


def instagram_stats(rng: random.Random, post: Post) -> dict[str, int]:
    reach = (
        audience("instagram", post.at.date())
        * rng.uniform(0.2, 0.4)
        * IG_KIND_REACH[post.kind]
        * weekend_bonus(post.at.date(), 1.1)
        * post.lift
        * noise(rng, 0.35)
    )
    reel = post.kind == "IG reel"
    return {
        "views": part(rng, reach, *((1.8, 2.6) if reel else (1.3, 1.7))),
        "reach": round(reach),
        "likes": part(rng, reach, 0.035, 0.08),
        "shares": part(rng, reach, 0.002, 0.024 if reel else 0.012),
        "follows": part(rng, reach, 0.0004, 0.0015),
        "comments": part(rng, reach, 0.002, 0.008),
        "saves": part(rng, reach, 0.004, 0.024 if post.kind == "IG carousel" else 0.015),
    }


MILESTONES = {
    "facebook": (
        5000,
        "Photos",
        "¡Ya somos 5.000 en Facebook! 💛 Gracias por estar ahí cada "
        "mañana, por vuestras fotos, reseñas y comentarios.",
    ),
    "instagram": (
        10000,
        "IG carousel",
        '¡Ya somos 10.000 en Instagram! 🎉\n"Gracias por cada '
        'like, cada comentario y cada visita". Sorteamos 10 desayunos para dos: '
        "comenta con quién vendrías 🥐☕",
    ),
}


def milestone_post(network: str, followers: list[tuple[date, int]]) -> Post | None:
    """The thank-you post the day after the followers total first reaches the round number."""
    threshold, kind, text = MILESTONES[network]
    crossed = next((day for day, total in followers if total >= threshold), None)
    if crossed is None or crossed >= END:
        return None
    rng = make_rng(network, "milestone")
    post = Post(
        datetime.combine(crossed + timedelta(days=1), time(12, 30)), "diario", kind, 2.2, text
    )
    if network == "facebook":
        post.extra = facebook_extra(rng, post, set())
        post.stats = facebook_stats(rng, post)
    else:
        post.extra = instagram_extra(rng, post, set())
        post.stats = instagram_stats(rng, post)
        post.stats["comments"] *= 12  # a giveaway: "comment to enter"
    return post


def x_posts() -> list[Post]:
    rng, posts = draft_posts("x", {"text": 35, "photo": 45, "link": 20})
    caption = Captioner(rng)
    for post in posts:
        post.text = x_text(rng, caption(post.theme), post.theme, post.kind)
        post.extra = {"id": snowflake(rng, post.at, 1288834974657)}
        post.stats = x_stats(rng, post)
    return posts


def x_text(rng: random.Random, text: str, theme: str, kind: str) -> str:
    if kind == "link" and "forndelaplaca.es" not in text:
        text += " forndelaplaca.es"
    if rng.random() < 0.6:
        text += " " + hashtags(rng, theme, rng.randint(1, 2))
    return text[:280]


def x_stats(rng: random.Random, post: Post) -> dict[str, int]:
    shown = (
        audience("x", post.at.date())
        * rng.uniform(0.35, 1.2)
        * post.lift
        * weekend_bonus(post.at.date(), 0.9)
        * noise(rng, 0.4)
    )
    media = post.kind == "photo"
    media_views = part(rng, shown, 0.05, 0.2) if media else 0
    stats = {
        "impressions": round(shown),
        "retweets": part(rng, shown, 0.001, 0.006),
        "replies": part(rng, shown, 0.0005, 0.004),
        "likes": part(rng, shown, 0.006, 0.02),
        "user profile clicks": part(rng, shown, 0.002, 0.008),
        "url clicks": part(rng, shown, *((0.004, 0.015) if post.kind == "link" else (0, 0.001))),
        "hashtag clicks": part(rng, shown, 0, 0.002) if "#" in post.text else 0,
        "detail expands": part(rng, shown, 0.004, 0.015),
        "permalink clicks": part(rng, shown, 0.001, 0.004),
        "app opens": 0,
        "app installs": 0,
        "follows": part(rng, shown, 0, 0.001),
        "email tweet": part(rng, shown, 0, 0.0004),
        "dial phone": 0,
        "media views": media_views,
        "media engagements": part(rng, media_views, 0.1, 0.3),
    }
    stats["engagements"] = sum(
        v for k, v in stats.items() if k not in ("impressions", "media views")
    )
    return stats


def tiktok_id(rng: random.Random, moment: datetime) -> str:
    """TikTok ids carry the upload time in seconds in their upper 32 bits."""
    unix = int((utc_from_madrid(moment) - datetime(1970, 1, 1)).total_seconds())
    return str((unix << 32) | rng.getrandbits(32))


def tiktok_posts() -> list[Post]:
    rng, posts = draft_posts("tiktok", {"video": 1})
    used: set[str] = set()
    caption = Captioner(rng, SHORT_VIDEOS, memory=8)
    for post in posts:
        post.text = caption(post.theme)
        post.extra = {
            "id": unique(rng, partial(tiktok_id, moment=post.at), used),
            "seconds": f"{rng.randint(0, 59):02d}",
        }
        views = (
            1400
            * growth(post.at.date())
            * post.lift
            * weekend_bonus(post.at.date(), 1.2)
            * noise(rng, 1.1)
        )
        post.stats = {
            "likes": part(rng, views, 0.04, 0.09),
            "comments": part(rng, views, 0.001, 0.005),
            "shares": part(rng, views, 0.002, 0.015),
            "views": round(views),
        }
    go_viral(posts)
    return posts


VIRAL_FACTOR = 25


def go_viral(posts: list[Post]) -> None:
    """The best Fallas video of the peak week takes off: the demo's one viral moment."""
    fallas = next(c for c in CAMPAIGNS if c.theme == "fallas")
    peak = [p for p in posts if p.theme == "fallas" and fallas.peak[0] <= p.at.date()]
    best = max((p for p in peak if p.at.date() <= fallas.peak[1]), key=lambda p: p.stats["views"])
    best.stats = {key: value * VIRAL_FACTOR for key, value in best.stats.items()}


def long_video_days() -> set[date]:
    """The first Thursday of every month, and the first peak day of the big campaigns."""
    days = {day for day in all_days() if day.weekday() == 3 and day.day <= 7}
    return days | {c.peak[0] for c in CAMPAIGNS if c.theme in ("roscon", "fallas")}


def youtube_videos() -> list[Post]:
    rng = make_rng("youtube", "videos")
    used_titles: dict[str, int] = defaultdict(int)
    used_ids: set[str] = set()
    long_days = long_video_days()
    videos = []
    for day in all_days():
        if day in long_days:
            videos.append(youtube_video(rng, day, "long", used_titles, used_ids))
        if rng.random() < 0.2 / 7 * lift(day, "posts"):
            videos.append(youtube_video(rng, day, "short", used_titles, used_ids))
    # an id that starts with '-' is written with a leading space; keep one to show that quirk
    videos[len(videos) // 3].extra["id"] = "-" + videos[len(videos) // 3].extra["id"][1:]
    return videos


def youtube_video(
    rng: random.Random, day: date, kind: str, used_titles: dict[str, int], used_ids: set[str]
) -> Post:
    theme = theme_for(rng, day)
    moment = datetime.combine(day, time(rng.choice((12, 17, 18)), 0))
    post = Post(moment, theme, kind, lift(day, "youtube"))
    template = pick_least_used(
        rng, LONG_VIDEOS if kind == "long" else SHORT_VIDEOS, theme, used_titles
    )
    title = fill(template, rng).split(" #")[0]
    if used_titles[template] > 1:
        title += f" ({used_titles[template]}ª parte)"
    post.text = title if kind == "long" else title + " #Shorts"
    alphabet = string.ascii_letters + string.digits + "_-"
    post.extra = {
        "id": unique(rng, lambda r: "".join(r.choice(alphabet) for _ in range(11)), used_ids)
    }
    post.stats = youtube_stats(rng, post)
    return post


def youtube_stats(rng: random.Random, post: Post) -> dict[str, int]:
    months_online = max(0.3, (END - post.at.date()).days / 30)
    long = post.kind == "long"
    duration = rng.randint(300, 900) if long else rng.randint(15, 58)
    views = (
        (160 if long else 420) * post.lift * months_online**0.6 * noise(rng, 0.7 if long else 1.0)
    )
    watched_share = rng.uniform(0.3, 0.45) if long else rng.uniform(0.7, 0.95)
    click_rate = rng.uniform(3.0, 9.0) if long else rng.uniform(1.5, 5.0)
    return {
        "duration": duration,
        "views": round(views),
        "watch_units": round(views * duration * watched_share / 3600 * 10_000),  # 0.0001 h
        "subscribers": part(rng, views, 0.002, 0.006),
        "impressions": round(views / (click_rate / 100)),
        "ctr_hundredths": round(click_rate * 100),
    }


LINKEDIN_KINDS = {"Image": 45, "Text": 20, "Video": 15, "Document": 10, "Article": 10}
LINKEDIN_AUTHORS = ("Lucía Martínez", "Lucía Martínez", "Lucía Martínez", "Vicent Soler")


def linkedin_posts() -> list[Post]:
    rng, posts = draft_posts("linkedin", LINKEDIN_KINDS)
    caption = Captioner(rng, LINKEDIN_TEXTS, memory=4)
    for post in posts:
        post.text = caption(post.theme)
        post.extra = {"author": rng.choice(LINKEDIN_AUTHORS)}
        post.stats = linkedin_stats(
            rng,
            post,
            audience("linkedin", post.at.date()) * rng.uniform(0.8, 3.0) * noise(rng, 0.45),
        )
    return posts + sponsored_linkedin_posts(rng, caption)


def linkedin_stats(rng: random.Random, post: Post, impressions: float) -> dict[str, int]:
    return {
        "impressions": round(impressions),
        "views": part(rng, impressions, 0.3, 0.6) if post.kind == "Video" else 0,
        "clicks": part(rng, impressions, 0.01, 0.05),
        "likes": part(rng, impressions, 0.008, 0.03),
        "comments": part(rng, impressions, 0.0005, 0.005),
        "reposts": part(rng, impressions, 0.0003, 0.003),
        "follows": part(rng, impressions, 0.0005, 0.003),
    }


def sponsored_linkedin_posts(rng: random.Random, caption: Captioner) -> list[Post]:
    posts = []
    for campaign in (c for c in CAMPAIGNS if "linkedin / paid_social" in c.paid):
        for index in range(3):
            day = campaign.start + timedelta(days=2 + 7 * index)
            post = Post(datetime.combine(day, time(9, 0)), "catering", "Image", 1.0)
            post.text = caption("catering")
            post.extra = {
                "author": "Lucía Martínez",
                "campaign": campaign.label,
                "start": campaign.start.strftime("%m/%d/%Y"),
                "end": campaign.end.strftime("%m/%d/%Y"),
            }
            post.stats = linkedin_stats(rng, post, rng.uniform(7000, 16000))
            posts.append(post)
    return posts


# ---------------------------------------------------------------------------------------------
# Daily series: follows and followers
# ---------------------------------------------------------------------------------------------

DAILY_FOLLOWS = {"facebook": 3.0, "instagram": 5.5}
PAID_FOLLOWS = {"facebook": 60, "instagram": 90}  # extra follows a day at a full paid push


def pulse(posts: list[Post], weight_key: str) -> dict[date, float]:
    """Daily activity a network's posts create (weight spread over 4 days), mean 1."""
    raw: dict[date, float] = defaultdict(float)
    for post in posts:
        for lag, share in enumerate((0.5, 0.25, 0.15, 0.1)):
            raw[post.at.date() + timedelta(days=lag)] += post.stats[weight_key] * share
    mean = sum(raw[d] for d in all_days()) / ((END - START).days + 1)
    return {day: raw[day] / mean for day in all_days()}


def meta_ads_push(day: date) -> float:
    return sum(c.paid.get("fb / paid_social", 0) * c.intensity(day) for c in campaigns_on(day))


def follows_series(network: str, posts: list[Post], activity: dict[date, float]) -> list[int]:
    rng = make_rng(network, "follows")
    from_posts: dict[date, int] = defaultdict(int)
    for post in posts:
        from_posts[post.at.date()] += post.stats.get("follows", 0)
    follows = []
    for day in all_days():
        organic = DAILY_FOLLOWS[network] * growth(day) * weekday_factor(day, "social")
        mean = organic * activity[day] ** 0.7 + PAID_FOLLOWS[network] * meta_ads_push(day)
        follows.append(poisson(rng, mean) + from_posts[day])
    return follows


Series = list[tuple[date, int]]


def running_total(network: str, follows: list[int]) -> Series:
    total, out = AUDIENCE[network][0], []
    for day, count in zip(all_days(), follows, strict=True):
        total += count
        out.append((day, total))
    return out


def meta_series(
    network: str, posts: list[Post], activity: dict[date, float]
) -> tuple[Series, Series]:
    """(follows, followers) per day, and the milestone post, which joins ``posts``."""
    follows = follows_series(network, posts, activity)
    post = milestone_post(network, running_total(network, follows))
    if post is not None:
        posts.append(post)
        follows[(post.at.date() - START).days] += post.stats.get("follows", 0)
    days = list(all_days())
    return list(zip(days, follows, strict=True)), running_total(network, follows)


# ---------------------------------------------------------------------------------------------
# GA4 traffic acquisition
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Channel:
    source_medium: str
    network: str
    share: float  # of the base daily sessions
    campaign: str
    engagement: float
    seconds: float
    order_rate: float
    lead_rate: float = 0.0
    tagged: bool = False  # links carry utm_campaign during campaigns


BASE_SESSIONS = 480
SOCIAL_NETWORKS = ("facebook", "instagram", "x", "tiktok", "youtube", "linkedin")
CHANNELS = (
    Channel("google / organic", "search", 0.30, "(organic)", 0.68, 72, 0.020, 0.0015),
    Channel("(direct) / (none)", "direct", 0.20, "(direct)", 0.60, 88, 0.032, 0.0015),
    Channel("bing / organic", "search", 0.02, "(organic)", 0.66, 65, 0.018, 0.001),
    Channel("google / cpc", "search", 0.035, "forn-marca", 0.62, 55, 0.028, 0.002),
    Channel("facebook / social", "facebook", 0.035, "(not set)", 0.55, 45, 0.009, 0.0005, True),
    Channel("m.facebook.com / referral", "facebook", 0.04, "(referral)", 0.48, 38, 0.007),
    Channel("l.facebook.com / referral", "facebook", 0.03, "(referral)", 0.52, 42, 0.008),
    Channel("ig / social", "instagram", 0.045, "(not set)", 0.57, 40, 0.010, 0.0, True),
    Channel("instagram.com / referral", "instagram", 0.025, "(referral)", 0.5, 36, 0.008),
    Channel("l.instagram.com / referral", "instagram", 0.05, "(referral)", 0.53, 39, 0.009),
    Channel("linkedin / social", "linkedin", 0.008, "(not set)", 0.63, 75, 0.002, 0.015, True),
    Channel("lnkd.in / referral", "linkedin", 0.006, "(referral)", 0.6, 70, 0.002, 0.01),
    Channel("t.co / referral", "x", 0.008, "(referral)", 0.45, 35, 0.006),
    Channel("x.com / referral", "x", 0.004, "(referral)", 0.45, 33, 0.006),
    Channel("tiktok / social", "tiktok", 0.02, "(not set)", 0.42, 30, 0.005, 0.0, True),
    Channel("youtube.com / referral", "youtube", 0.01, "(referral)", 0.7, 110, 0.012),
    Channel("newsletter / email", "email", 0.03, "butlleti-setmanal", 0.72, 95, 0.045, 0.002, True),
    Channel("levante-emv.com / referral", "news", 0.006, "(referral)", 0.58, 64, 0.012),
)
PAID_CHANNELS = {
    "fb / paid_social": Channel("fb / paid_social", "facebook", 0, "", 0.45, 28, 0.012),
    "google / cpc": Channel("google / cpc", "search", 0, "", 0.62, 55, 0.03, 0.002),
    "linkedin / paid_social": Channel(
        "linkedin / paid_social", "linkedin", 0, "", 0.55, 50, 0.001, 0.02
    ),
}
POST_WEIGHT = {
    "facebook": "link_clicks",
    "instagram": "reach",
    "x": "url clicks",
    "tiktok": "views",
    "youtube": "views",
    "linkedin": "clicks",
}
# local press writes about the bakery now and then: (first day, days, sessions on the first day)
NEWS_ARTICLES = (
    (date(2025, 9, 24), 4, 160),
    (date(2025, 12, 18), 5, 240),
    (date(2026, 3, 14), 4, 300),
    (date(2026, 5, 20), 3, 120),
)

GA4_HEADERS = {
    "en": [
        "Date",
        "Session source / medium",
        "Session campaign",
        "Sessions",
        "Engaged sessions",
        "Engagement rate",
        "Average engagement time per session",
        "Event count",
        "Key events",
        "Session key event rate",
        "Total revenue",
    ],
    "es": [
        "Fecha",
        "Fuente / medio de la sesión",
        "Campaña de la sesión",
        "Sesiones",
        "Sesiones con interacción",
        "Porcentaje de interacción",
        "Tiempo medio de interacción por sesión",
        "Recuento de eventos",
        "Eventos clave",
        "Porcentaje de eventos clave de la sesión",
        "Ingresos totales",
    ],
}
GA4_PREAMBLE = {
    "en": (
        "Traffic acquisition: Session source / medium",
        "Account",
        "Property",
        "All Users",
        "Start date",
        "End date",
    ),
    "es": (
        "Adquisición de tráfico: Fuente / medio de la sesión",
        "Cuenta",
        "Propiedad",
        "Todos los usuarios",
        "Fecha de inicio",
        "Fecha de finalización",
    ),
}


def news_sessions(day: date) -> float:
    total = 0.0
    for first, length, peak in NEWS_ARTICLES:
        age = (day - first).days
        if 0 <= age < length:
            total += peak * 0.45**age
    return total


def daily_base(day: date, network: str) -> float:
    return (
        BASE_SESSIONS
        * season(day)
        * growth(day)
        * HOLIDAYS.get(day, 1.0)
        * weekday_factor(day, NETWORK_WEEKDAY[network])
    )


def untagged_factor(channel: Channel, day: date, activity: dict[str, dict]) -> float:
    """Social visits follow the network's post activity; the rest follow the campaigns."""
    if channel.network in activity:
        return 0.35 + 0.65 * activity[channel.network][day]
    return 1.0 if channel.tagged else lift(day, channel.network)


def expected_rows(day: date, activity: dict[str, dict]) -> list[tuple[Channel, str, float]]:
    """(channel, campaign, expected sessions) for every row the day may have."""
    rows = []
    for channel in CHANNELS:
        base = channel.share * daily_base(day, channel.network)
        extra = news_sessions(day) if channel.network == "news" else 0.0
        rows.append(
            (channel, channel.campaign, base * untagged_factor(channel, day, activity) + extra)
        )
        if channel.tagged:
            for campaign in campaigns_on(day):
                boost = campaign.lift_on(day, channel.network) - 1
                if boost > 0:
                    rows.append((channel, campaign.name, base * boost))
    for campaign in campaigns_on(day):
        for source_medium, share in campaign.paid.items():
            channel = PAID_CHANNELS[source_medium]
            mean = share * campaign.intensity(day) * daily_base(day, channel.network)
            rows.append((channel, campaign.name, mean))
    return rows


def order_value_cents(rng: random.Random, day: date) -> int:
    themes = {c.theme for c in campaigns_on(day)}
    average = 31.0 if "roscon" in themes else 17.0 if "fallas" in themes else 21.5
    if day.month in (7, 8):
        average = 14.5
    return round(average * (1 + 0.05 * (day - START).days / 365) * rng.uniform(0.45, 1.9) * 100)


def ga4_row(
    rng: random.Random, day: date, channel: Channel, campaign: str, sessions: int
) -> list[str]:
    engaged = min(sessions, round(sessions * min(0.95, channel.engagement * noise(rng, 0.08))))
    seconds = channel.seconds * rng.uniform(0.8, 1.2)
    events = round(sessions * rng.uniform(4.0, 8.5))
    orders = poisson(
        rng, sessions * channel.order_rate * lift(day, "orders") * weekday_factor(day, "orders")
    )
    leads = poisson(
        rng, sessions * channel.lead_rate * lift(day, "leads") * weekday_factor(day, "leads")
    )
    cents = sum(order_value_cents(rng, day) for _ in range(orders))
    key_events = orders + leads
    return [
        day.strftime("%Y%m%d"),
        channel.source_medium,
        campaign,
        str(sessions),
        str(engaged),
        f"{engaged / sessions:.6f}",
        f"{seconds:.2f}",
        str(events),
        str(key_events),
        f"{min(key_events, sessions) / sessions:.6f}",
        f"{cents // 100}.{cents % 100:02d}",
    ]


def ga4_day(day: date, activity: dict[str, dict]) -> list[list[str]]:
    rng = make_rng("ga4", day.isoformat())
    rows = []
    for channel, campaign, mean in expected_rows(day, activity):
        sessions = poisson(rng, mean * noise(rng, 0.1))
        if sessions:
            rows.append(ga4_row(rng, day, channel, campaign, sessions))
    return sorted(rows, key=lambda r: (-int(r[3]), r[1], r[2]))


def ga4_rows(activity: dict[str, dict]) -> list[list[str]]:
    return [row for day in all_days() for row in ga4_day(day, activity)]


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------


def csv_text(rows: list[list[str]], quoting: int = csv.QUOTE_MINIMAL) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=quoting, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def write_utf8(path: Path, text: str, bom: bool) -> Path:
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    return path


def newest_first(posts: list[Post]) -> list[Post]:
    return sorted(posts, key=lambda p: (p.at, p.text), reverse=True)


FACEBOOK_HEADER = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Link clicks",
    "Other Clicks",
]


def facebook_csv(posts: list[Post]) -> str:
    rows = [FACEBOOK_HEADER]
    for post in newest_first(posts):
        s, e = post.stats, post.extra
        rows.append(
            [
                e["id"],
                FB_PAGE_ID,
                BUSINESS,
                "",
                post.text,
                e["duration"],
                post.at.strftime("%m/%d/%Y %H:%M"),
                "N/A",
                f"https://www.facebook.com/{FB_PAGE_ID}/posts/{e['pfbid']}",
                e["crosspost"],
                "0",
                post.kind,
                "",
                e["label"],
                "",
                "",
                "Lifetime",
                s["views"],
                s["reach"],
                s["reactions"] + s["comments"] + s["shares"],
                s["reactions"],
                s["comments"],
                s["shares"],
                s["link_clicks"] + s["other_clicks"],
                s["link_clicks"],
                s["other_clicks"],
            ]
        )
    return csv_text(rows)


INSTAGRAM_HEADER_ES = [
    "Identificador de la publicación",
    "Identificador de la cuenta",
    "Nombre de usuario de la cuenta",
    "Nombre de la cuenta",
    "Descripción",
    "Duración (s)",
    "Hora de publicación",
    "Enlace permanente",
    "Tipo de publicación",
    "Comentario sobre los datos",
    "Fecha",
    "Visualizaciones",
    "Alcance",
    "Me gusta",
    "Veces que se ha compartido",
    "Seguimientos",
    "Comentarios",
    "Guardados",
]


def instagram_csv(posts: list[Post]) -> str:
    rows = [INSTAGRAM_HEADER_ES]
    for post in newest_first(posts):
        s, e = post.stats, post.extra
        rows.append(
            [
                e["id"],
                IG_ACCOUNT_ID,
                HANDLE,
                BUSINESS,
                post.text,
                e["duration"],
                post.at.strftime("%m/%d/%Y %H:%M"),
                e["permalink"],
                post.kind,
                "",
                "Lifetime",
                s["views"],
                s["reach"],
                s["likes"],
                s["shares"],
                s["follows"],
                s["comments"],
                s["saves"],
            ]
        )
    return csv_text(rows)


def meta_daily_bytes(title: str, series: list[tuple[date, int]]) -> bytes:
    lines = ["sep=,", f'"{title}"', '"Date","Primary"']
    lines += [f'"{day.isoformat()}T00:00:00","{value}"' for day, value in series]
    return codecs.BOM_UTF16_LE + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


def ga4_csv(rows: list[list[str]], first: date, last: date, language: str) -> str:
    title, account, prop, users, start, end = GA4_PREAMBLE[language]
    rule = "# " + "-" * 40
    preamble = [
        rule,
        f"# {title}",
        f"# {account}: {BUSINESS}",
        f"# {prop}: {GA4_PROPERTY}",
        rule,
        "# ",
        f"# {users}",
        f"# {start}: {first:%Y%m%d}",
        f"# {end}: {last:%Y%m%d}",
    ]
    period = [r for r in rows if f"{first:%Y%m%d}" <= r[0] <= f"{last:%Y%m%d}"]
    return "\n".join(preamble) + "\n" + csv_text([GA4_HEADERS[language], *period])


X_COUNTS = ("impressions", "engagements")
X_INTERACTIONS = (
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "hashtag clicks",
    "detail expands",
    "permalink clicks",
)
X_PLAIN = (
    "app opens",
    "app installs",
    "follows",
    "email tweet",
    "dial phone",
    "media views",
    "media engagements",
)
X_PROMOTED = len(X_COUNTS) + 1 + len(X_INTERACTIONS) + len(X_PLAIN)
X_HEADER = [
    "Tweet id",
    "Tweet permalink",
    "Tweet text",
    "time",
    *X_COUNTS,
    "engagement rate",
    *X_INTERACTIONS,
    *X_PLAIN,
    *(f"promoted {name}" for name in (*X_COUNTS, "engagement rate", *X_INTERACTIONS, *X_PLAIN)),
]


def x_csv(posts: list[Post]) -> str:
    rows = [X_HEADER]
    for post in newest_first(posts):
        s = post.stats
        rate = s["engagements"] / s["impressions"] if s["impressions"] else 0.0
        rows.append(
            [
                post.extra["id"],
                f"https://twitter.com/{HANDLE}/status/{post.extra['id']}",
                post.text,
                f"{utc_from_madrid(post.at):%Y-%m-%d %H:%M} +0000",
                *(f"{s[k]}.0" for k in X_COUNTS),
                repr(rate),
                *(f"{s[k]}.0" for k in X_INTERACTIONS),
                *(str(s[k]) for k in X_PLAIN),
                *["-"] * X_PROMOTED,
            ]
        )
    return csv_text(rows, csv.QUOTE_ALL)


def tiktok_csv(posts: list[Post]) -> str:
    rows = [
        [
            "Video title",
            "Video link",
            "Post time",
            "Total likes",
            "Total comments",
            "Total shares",
            "Total views",
        ]
    ]
    for post in newest_first(posts):
        s = post.stats
        rows.append(
            [
                post.text,
                f"https://www.tiktok.com/@{HANDLE}/video/{post.extra['id']}",
                f"{post.at:%Y-%m-%d %H:%M}:{post.extra['seconds']}",
                s["likes"],
                s["comments"],
                s["shares"],
                s["views"],
            ]
        )
    return csv_text(rows)


def ten_thousandths(units: int) -> str:
    text = f"{units // 10_000}.{units % 10_000:04d}".rstrip("0")
    return text.rstrip(".")


def youtube_csv(videos: list[Post]) -> str:
    ordered = sorted(videos, key=lambda v: (-v.stats["views"], v.extra["id"]))
    total = {
        k: sum(v.stats[k] for v in videos)
        for k in ("views", "watch_units", "subscribers", "impressions")
    }
    rows = [
        [
            "Content",
            "Video title",
            "Video publish time",
            "Duration",
            "Views",
            "Watch time (hours)",
            "Subscribers",
            "Impressions",
            "Impressions click-through rate (%)",
        ],
        [
            "Total",
            "",
            "",
            "",
            total["views"],
            ten_thousandths(total["watch_units"]),
            total["subscribers"],
            total["impressions"],
            "",
        ],
    ]
    for video in ordered:
        s, day = video.stats, video.at.date()
        content = video.extra["id"]
        rows.append(
            [
                " " + content if content.startswith("-") else content,
                video.text,
                f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}",
                s["duration"],
                s["views"],
                ten_thousandths(s["watch_units"]),
                s["subscribers"],
                s["impressions"],
                f"{s['ctr_hundredths'] / 100:.2f}",
            ]
        )
    return csv_text(rows)


# ---------------------------------------------------------------------------------------------
# LinkedIn workbook
# ---------------------------------------------------------------------------------------------

LINKEDIN_METRICS = (
    "Impressions",
    "Unique impressions",
    "Clicks",
    "Reactions",
    "Comments",
    "Reposts",
)
LINKEDIN_POST_HEADER = [
    "Post title",
    "Post link",
    "Post type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Campaign start date",
    "Campaign end date",
    "Audience",
    "Impressions",
    "Views (excluding off-site video views)",
    "Off-site views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
    "Content Type",
]
DECAY = (0.45, 0.25, 0.13, 0.08, 0.05, 0.04)
STAT_OF_METRIC = {
    "Impressions": "impressions",
    "Clicks": "clicks",
    "Reactions": "likes",
    "Comments": "comments",
    "Reposts": "reposts",
}


def rate(part_: int, whole: int) -> float:
    return round(part_ / whole, 4) if whole else 0.0


def linkedin_post_row(rng: random.Random, post: Post) -> list:
    s, e = post.stats, post.extra
    sponsored = "campaign" in e
    urn = snowflake(rng, post.at, 0)
    engaged = s["clicks"] + s["likes"] + s["comments"] + s["reposts"]
    video = post.kind == "Video"
    return [
        post.text[:60],
        f"https://www.linkedin.com/feed/update/urn:li:activity:{urn}",
        "Sponsored" if sponsored else "Organic",
        e.get("campaign"),
        e["author"],
        post.at.strftime("%m/%d/%Y"),
        e.get("start"),
        e.get("end"),
        "Valencia · Empresas de 11 a 500 empleados" if sponsored else "All followers",
        s["impressions"],
        s["views"] if video else None,
        0 if video else None,
        s["clicks"],
        rate(s["clicks"], s["impressions"]),
        s["likes"],
        s["comments"],
        s["reposts"],
        s["follows"],
        rate(engaged, s["impressions"]),
        post.kind,
    ]


def linkedin_daily(posts: list[Post]) -> dict[str, dict[date, dict[str, int]]]:
    """Per day, the organic and sponsored figures the posts add up to."""
    daily = {kind: defaultdict(lambda: defaultdict(int)) for kind in ("organic", "sponsored")}
    for post in posts:
        if "campaign" in post.extra:
            first = post.at.date()
            campaign_end = datetime.strptime(post.extra["end"], "%m/%d/%Y").date()
            days = [first + timedelta(days=i) for i in range((campaign_end - first).days + 1)]
            weights = [1.0 + 0.3 * math.sin(i) for i in range(len(days))]
            kind = "sponsored"
        else:
            days = [post.at.date() + timedelta(days=i) for i in range(len(DECAY))]
            weights, kind = list(DECAY), "organic"
        for metric, stat in STAT_OF_METRIC.items():
            for day, value in zip(days, spread(post.stats[stat], weights), strict=True):
                daily[kind][day][metric] += value
    return daily


def linkedin_metrics_rows(posts: list[Post]) -> list[list]:
    rng = make_rng("linkedin", "metrics")
    daily = linkedin_daily(posts)
    rows = []
    for day in all_days():
        organic = dict(daily["organic"][day])
        organic["Impressions"] = organic.get("Impressions", 0) + rng.randint(4, 30)
        figures = {"organic": organic, "sponsored": dict(daily["sponsored"][day])}
        for values in figures.values():
            impressions = values.get("Impressions", 0)
            values["Unique impressions"] = part(rng, impressions, 0.62, 0.78)
        rows.append([day.strftime("%m/%d/%Y"), *linkedin_metric_cells(figures)])
    return rows


def linkedin_metric_cells(figures: dict[str, dict[str, int]]) -> list:
    cells = []
    total = {m: sum(f.get(m, 0) for f in figures.values()) for m in LINKEDIN_METRICS}
    for metric in LINKEDIN_METRICS:
        cells += [
            figures["organic"].get(metric, 0),
            figures["sponsored"].get(metric, 0),
            total[metric],
        ]
    for values in (figures["organic"], figures["sponsored"], total):
        engaged = sum(values.get(m, 0) for m in ("Clicks", "Reactions", "Comments", "Reposts"))
        cells.append(rate(engaged, values.get("Impressions", 0)))
    return cells


def linkedin_workbook(posts: list[Post]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    metrics = workbook.active
    metrics.title = "Metrics"
    metrics.append(["Aggregated metrics for the period. Data is updated daily."])
    metrics.append(
        [
            "Date",
            *(
                f"{m} ({kind})"
                for m in LINKEDIN_METRICS
                for kind in ("organic", "sponsored", "total")
            ),
            *(f"Engagement rate ({kind})" for kind in ("organic", "sponsored", "total")),
        ]
    )
    for row in linkedin_metrics_rows(posts):
        metrics.append(row)
    listing = workbook.create_sheet("All posts")
    listing.append(["All posts published in the selected period, with lifetime metrics."])
    listing.append(LINKEDIN_POST_HEADER)
    rng = make_rng("linkedin", "urns")
    for post in newest_first(posts):
        listing.append(linkedin_post_row(rng, post))
    workbook.properties.creator = "LinkedIn"
    workbook.properties.created = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_zip(buffer.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed entry dates and document dates, so every run is identical."""
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" when saving
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + stamp.encode(),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------------

SPAN = f"{START:%Y%m%d}_{END:%Y%m%d}"
GA4_FILES = (
    (f"ga4_traffic_acquisition_{START:%Y%m%d}_20251231.csv", START, date(2025, 12, 31), "en"),
    (f"ga4_adquisicion_trafico_20251201_{END:%Y%m%d}.csv", date(2025, 12, 1), END, "es"),
)


@dataclass
class DemoData:
    facebook: list[Post]
    instagram: list[Post]
    x: list[Post]
    tiktok: list[Post]
    youtube: list[Post]
    linkedin: list[Post]
    series: dict[str, list[tuple[date, int]]]
    ga4: list[list[str]]


def build() -> DemoData:
    posts = {
        "facebook": facebook_posts(),
        "instagram": instagram_posts(),
        "x": x_posts(),
        "tiktok": tiktok_posts(),
        "youtube": youtube_videos(),
        "linkedin": linkedin_posts(),
    }
    activity = {n: pulse(posts[n], POST_WEIGHT[n]) for n in SOCIAL_NETWORKS}
    series = {}
    for network in ("facebook", "instagram"):
        follows, followers = meta_series(network, posts[network], activity[network])
        series[f"{network} follows"] = follows
        series[f"{network} followers"] = followers
    return DemoData(**posts, series=series, ga4=ga4_rows(activity))


def generate(out_dir: Path) -> list[Path]:
    """Write every demo file into ``out_dir``; returns their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = build()
    paths = [
        write_utf8(out_dir / f"facebook_posts_{SPAN}.csv", facebook_csv(data.facebook), True),
        write_utf8(
            out_dir / f"instagram_publicaciones_{SPAN}.csv", instagram_csv(data.instagram), True
        ),
    ]
    for key, values in data.series.items():
        network, metric = key.split()
        path = out_dir / f"{network}_{metric}_daily_{SPAN}.csv"
        path.write_bytes(meta_daily_bytes(f"{network.capitalize()} {metric}", values))
        paths.append(path)
    for name, first, last, language in GA4_FILES:
        paths.append(write_utf8(out_dir / name, ga4_csv(data.ga4, first, last, language), False))
    paths += [
        write_utf8(
            out_dir / f"tweet_activity_metrics_{HANDLE}_{SPAN}_en.csv", x_csv(data.x), False
        ),
        write_utf8(out_dir / f"tiktok_content_{SPAN}.csv", tiktok_csv(data.tiktok), True),
        write_utf8(out_dir / f"youtube_table_data_{SPAN}.csv", youtube_csv(data.youtube), False),
    ]
    xlsx = out_dir / f"linkedin_{HANDLE}_content_{SPAN}.xlsx"
    xlsx.write_bytes(linkedin_workbook(data.linkedin))
    paths.append(xlsx)
    return paths


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0]) if args else DEFAULT_OUT
    for path in generate(out_dir):
        print(path)


if __name__ == "__main__":
    main()
