"""Exports smdash knows but does not import: audience breakdowns, GA4's Reports snapshot and
its event and city reports, TikTok Studio's viewers. A file that no format reads is checked
against these, so that its refusal says what the file is and which export to download instead
(``import_error.refused_<kind>``), rather than only that it is unknown.

A rule matches on the file's first rows: a GA4 ``#`` preamble title, a header holding given
cells, or a header whose first cell is an audience dimension (``Age``, ``City``, ``Gender``).
"""

from __future__ import annotations

from dataclasses import dataclass

from smdash.imports.errors import ImportFailed
from smdash.imports.fields import normalize_header
from smdash.imports.formats import HEADER_SEARCH_ROWS
from smdash.imports.sniff import Sniffed

# first header cells of a breakdown by who the audience is or where it lives
AUDIENCE_DIMENSIONS = frozenset(
    normalize_header(name)
    for name in (
        "Age", "Gender", "Age & gender", "City", "Town/City", "Country", "Region", "Language",
        "Top cities", "Top countries", "Top territories", "Territories", "Viewer age",
        "Viewer gender", "Geography", "Location", "Job function", "Seniority", "Industry",
        "Company size", "Top Demographics", "Job titles", "Edad", "Género", "Edad y sexo",
        "Ciudad", "País", "Región", "Idioma", "Ciudades principales", "Países principales",
        "Territorios principales", "Edad del espectador", "Sexo del espectador", "Geografía",
        "Ubicación", "Función laboral", "Nivel de responsabilidad", "Sector",
        "Tamaño de la empresa", "Datos demográficos principales",
    )
)  # fmt: skip


# what an audience breakdown gives per age, city, ...: a share, or a count of people
AUDIENCE_SHARES = frozenset(
    normalize_header(name)
    for name in (
        "Distribution", "Percentage", "Value", "Women", "Men", "Female", "Male", "Followers",
        "Total followers", "Viewers", "Active users", "Users", "Members", "Audience",
        "Distribución", "Porcentaje", "Valor", "Mujeres", "Hombres", "Seguidores",
        "Seguidores totales", "Espectadores", "Usuarios activos", "Usuarios", "Miembros",
        "Audiencia",
    )
)  # fmt: skip


@dataclass(frozen=True)
class Rule:
    code: str  # the message: import_error.<code>
    titles: tuple[str, ...] = ()  # a GA4 preamble title starting with one of these
    headers: tuple[frozenset[str], ...] = ()  # a row holding every cell of one of these
    first_cells: frozenset[str] = frozenset()  # a header row starting with one of these ...
    companions: frozenset[str] = frozenset()  # ... and holding one of these (if any), or a '%'
    needs_preamble: bool | None = None  # only with (True) or without (False) a '#' preamble

    def matches(self, rows: list[list[str]]) -> bool:
        preamble = [",".join(row).lstrip("#").strip() for row in rows if row and row[0][:1] == "#"]
        if self.needs_preamble is not None and bool(preamble) != self.needs_preamble:
            return False
        if any(normalize_header(line).startswith(self.titles) for line in preamble if self.titles):
            return True
        for row in rows[:HEADER_SEARCH_ROWS]:
            cells = [normalize_header(cell) for cell in row if cell.strip()]
            if any(needed <= set(cells) for needed in self.headers):
                return True
            if len(cells) > 1 and cells[0] in self.first_cells and self._accompanied(cells):
                return True
        return False

    def _accompanied(self, cells: list[str]) -> bool:
        others = cells[1:]
        return not self.companions or any(c in self.companions or "%" in c for c in others)


def _cells(*names: str) -> frozenset[str]:
    return frozenset(normalize_header(name) for name in names)


RULES = (
    Rule(
        "refused_ga4_snapshot",
        titles=("reports snapshot", "instantanea de informes", "resumen de informes"),
        needs_preamble=True,
    ),
    Rule(
        "refused_ga4_events",
        titles=("events", "eventos"),
        headers=(_cells("Event name", "Event count"), _cells("Nombre del evento")),
        needs_preamble=True,
    ),
    Rule(
        "refused_ga4_audience",
        titles=("demographic details", "detalles demograficos", "user attributes"),
        first_cells=AUDIENCE_DIMENSIONS,
        needs_preamble=True,
    ),
    Rule(
        "refused_tiktok_viewers",
        headers=(
            _cells("Total viewers"),
            _cells("New viewers", "Returning viewers"),
            _cells("Espectadores totales"),
            _cells("Nuevos espectadores", "Espectadores recurrentes"),
        ),
    ),
    Rule(
        "refused_audience",
        headers=(_cells("Active followers"), _cells("Seguidores activos")),
        first_cells=AUDIENCE_DIMENSIONS,
        # a share of the audience, not any figure by country that a user may want to map
        companions=AUDIENCE_SHARES,
    ),
)


def refusal(sniffed: Sniffed) -> ImportFailed | None:
    """The refusal of a known export smdash does not import, or None for an unknown file."""
    for rows in sniffed.sheets.values():
        for rule in RULES:
            if rule.matches(rows):
                return ImportFailed(rule.code, file=sniffed.file_name)
    return None
