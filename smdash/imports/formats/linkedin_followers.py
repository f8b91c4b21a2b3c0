"""LinkedIn Page followers export (XLSX), sheet ``New followers``: ``Date, Sponsored followers,
Organic followers, Total followers``, the header in row 1. ``Total followers`` is the number of
new followers that day (sponsored + organic), not the running total: metric 'new_followers'.
Spanish headers are guesses (unconfirmed).
"""

from smdash.db.tables import ACCOUNT_DAILY
from smdash.imports.fields import COUNT, field
from smdash.imports.formats.base import Format
from smdash.imports.formats.linkedin_content import date_fields, needs_date

_FIELDS = [
    *date_fields("day", "Date", "Fecha"),
    field(
        "new_followers",
        COUNT,
        "Total followers",
        "Total de seguidores",
        "Seguidores totales",
        required=True,
    ),
]

FORMAT = Format(
    name="linkedin_new_followers",
    label={
        "en": "LinkedIn Page new followers",
        "es": "Nuevos seguidores de una página de LinkedIn",
    },
    hint={
        "en": "LinkedIn Page > Analytics > Followers > Export (XLS)",
        "es": "Página de LinkedIn > Analíticas > Seguidores > Exportar (XLS)",
    },
    target=ACCOUNT_DAILY,
    kind="xlsx",
    fields=_FIELDS,
    context=needs_date("day"),
    rows_sql="""
        SELECT 'linkedin' AS platform, '' AS account, coalesce(day, day_es) AS day,
               'new_followers' AS metric, CAST(new_followers AS DOUBLE) AS value
        FROM parsed
    """,
)
