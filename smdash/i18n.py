"""Every user-visible string, in Spanish and English, and number/date formatting per language."""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "en"

CATALOG: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "smdash",
        "app.language": "Language",
        "nav.plan": "Plan",
        "nav.results": "Results",
        "nav.data": "Data",
        "nav.director": "Director",
        "page.overview": "Overview",
        "page.objectives": "Objectives",
        "page.review": "Plan review",
        "page.kpis": "KPI progress",
        "page.traffic": "Traffic by network",
        "page.import": "Import",
        "page.summary": "Executive summary",
        "placeholder.not_built": "This page is not built yet. It will show: {what}",
        "placeholder.objectives": "SMART objectives tied to business goals, with their KPIs.",
        "placeholder.review": "The plan review: keep, improve or drop each objective and action.",
        "placeholder.kpis": "Each objective's KPI against its target, with status and forecast.",
        "placeholder.traffic": "Web sessions, conversions and revenue by social network.",
        "placeholder.summary": "Visits, leads, sales and cost in business terms for the director.",
        "demo.banner": "You are looking at demo data for a fictional bakery chain in Valencia.",
        "demo.start_empty": "Start an empty workspace",
        "demo.confirm": "This deletes all demo data and its import history. Continue?",
        "demo.confirm_yes": "Yes, delete the demo data",
        "demo.cancel": "Cancel",
        "demo.loaded": "Demo data loaded: {files} files imported.",
        "workspace.empty": "The workspace is empty. Import your exports on the Import page.",
        "overview.title": "Overview",
        "overview.period": "Period",
        "overview.no_data": "No data in this period. Import exports on the Import page: {what}.",
        "overview.what_to_import": "post exports (Meta, LinkedIn, X, TikTok, YouTube) and a GA4 "
        "traffic acquisition report",
        "overview.by_network": "By network",
        "figure.posts": "Posts",
        "figure.impressions": "Impressions",
        "figure.reach": "Reach",
        "figure.engagements": "Engagements",
        "figure.link_clicks": "Link clicks",
        "figure.followers": "Followers",
        "figure.sessions": "Sessions",
        "figure.engaged_sessions": "Engaged sessions",
        "figure.conversions": "Conversions",
        "figure.revenue": "Revenue",
        "figure.network": "Network",
        "figure.month": "Month",
        "overview.sessions_trend": "Web sessions per month by network",
        "import.title": "Import exports",
        "import.intro": "Drop the files you downloaded from each network's analytics. smdash "
        "recognises the format from the content, shows what it found, and imports only after "
        "you confirm. Re-importing a file never duplicates data.",
        "import.uploader": "Export files (CSV or XLSX)",
        "import.supported": "Supported exports and where to download them",
        "import.detected": "{file}: {source}",
        "import.account": "Account",
        "import.range": "Dates",
        "import.rows": "Rows",
        "import.confirm": "Import {n} file(s)",
        "import.nothing_valid": "None of the files can be imported; see the messages above.",
        "import.result": "{file}: {added} added, {updated} updated, {unchanged} unchanged.",
        "import.failed": "{file} was not imported: {error}",
        "import.history": "Import history",
        "import.no_history": "Nothing imported yet.",
        "import.undo": "Undo import #{id}",
        "import.undone": "Import #{id} undone.",
        "import.pick_undo": "Import to undo",
        "import.progress_reading": "Reading {file}",
        "import.progress_checking": "Checking {file}",
        "import.progress_writing": "Writing {file}",
        "import.progress_done": "Done: {file}",
        "import.unexpected": "unexpected problem, nothing was written ({error})",
        "import.format": "Export",
        "import.where": "Where to download it",
        "import.results": "Results of the last import",
        "import.undo_button": "Undo",
        "history.import_id": "#",
        "history.imported_at": "When",
        "history.file_name": "File",
        "history.format": "Detected source",
        "history.account": "Account",
        "history.date_from": "From",
        "history.date_to": "To",
        "history.rows_added": "Added",
        "history.rows_updated": "Updated",
        "history.rows_unchanged": "Unchanged",
        "history.status": "Status",
        "import.status_applied": "applied",
        "column.platform": "Network",
        "column.post_id": "Post id",
        "column.account": "Account",
        "column.published_at": "Published",
        "column.post_type": "Type",
        "column.text": "Text",
        "column.permalink": "Link",
        "column.impressions": "Impressions",
        "column.reach": "Reach",
        "column.engagements": "Engagements",
        "column.reactions": "Reactions",
        "column.comments": "Comments",
        "column.shares": "Shares",
        "column.saves": "Saves",
        "column.clicks": "Clicks",
        "column.link_clicks": "Link clicks",
        "column.video_views": "Video views",
        "column.day": "Day",
        "column.metric": "Metric",
        "column.value": "Value",
        "column.property": "Property",
        "column.date_from": "From",
        "column.date_to": "To",
        "column.source": "Source",
        "column.medium": "Medium",
        "column.campaign": "Campaign",
        "column.content": "Content",
        "column.term": "Term",
        "column.sessions": "Sessions",
        "column.engaged_sessions": "Engaged sessions",
        "column.conversions": "Conversions",
        "column.revenue": "Revenue",
        "import.status_undone": "undone",
        "error.busy": "The database is busy: {error}",
        "import_error.not_found": "{file} does not exist or is not a file.",
        "import_error.empty": "{file} is empty.",
        "import_error.too_big": "{file} is {size_mb:.0f} MB; the limit is {limit_mb:.0f} MB.",
        "import_error.binary": "{file} is not a text CSV or an XLSX spreadsheet (it looks like a "
        "binary file).",
        "import_error.zip_not_xlsx": "{file} is a ZIP archive but not an XLSX spreadsheet.",
        "import_error.bad_xlsx": "{file} could not be opened as an XLSX spreadsheet ({detail}).",
        "import_error.no_data": "{file} has no data: every sheet is empty.",
        "import_error.unknown_format": "{file} is not an export smdash recognises. Known "
        "exports: {known}.",
        "import_error.csv_shape": "{file}, line {row}: the row does not have the columns of the "
        "header ({detail}). Is the file cut short?",
        "import_error.unreadable": "{file} could not be read as CSV: {detail}",
        "import_error.bad_value": "{file}, row {row}, column '{column}': expected {expected}, "
        "found '{found}'.",
        "import_error.missing_value": "{file}, row {row}, column '{column}' is empty; it needs "
        "{expected}.",
        "import_error.ambiguous_dates": "{file}, column '{column}': the dates read both as "
        "{first} and as {second} (day and month could be swapped). Export with a different "
        "date format.",
        "import_error.no_rows": "{file} has a header but no data rows.",
        "import_error.missing_key": "{file}: some rows have no '{column}', which smdash needs "
        "to tell rows apart.",
        "import_error.duplicate_key": "{file} has two rows for the same {row_key}.",
        "import_error.no_such_import": "There is no import #{import_id}.",
        "import_error.already_undone": "Import #{import_id} is already undone.",
    },
    "es": {
        "app.title": "smdash",
        "app.language": "Idioma",
        "nav.plan": "Plan",
        "nav.results": "Resultados",
        "nav.data": "Datos",
        "nav.director": "Dirección",
        "page.overview": "Resumen",
        "page.objectives": "Objetivos",
        "page.review": "Revisión del plan",
        "page.kpis": "Progreso de KPI",
        "page.traffic": "Tráfico por red",
        "page.import": "Importar",
        "page.summary": "Resumen ejecutivo",
        "placeholder.not_built": "Esta página aún no está construida. Mostrará: {what}",
        "placeholder.objectives": "Objetivos SMART ligados a metas de negocio, con sus KPI.",
        "placeholder.review": "La revisión del plan: mantener, mejorar o eliminar cada objetivo "
        "y acción.",
        "placeholder.kpis": "El KPI de cada objetivo frente a su meta, con estado y previsión.",
        "placeholder.traffic": "Sesiones web, conversiones e ingresos por red social.",
        "placeholder.summary": "Visitas, leads, ventas y coste en términos de negocio para la "
        "dirección.",
        "demo.banner": "Estás viendo datos de demostración de una cadena de panaderías ficticia "
        "de Valencia.",
        "demo.start_empty": "Empezar un espacio de trabajo vacío",
        "demo.confirm": "Se borrarán todos los datos de demostración y su historial de "
        "importaciones. ¿Continuar?",
        "demo.confirm_yes": "Sí, borrar los datos de demostración",
        "demo.cancel": "Cancelar",
        "demo.loaded": "Datos de demostración cargados: {files} archivos importados.",
        "workspace.empty": "El espacio de trabajo está vacío. Importa tus exportaciones en la "
        "página Importar.",
        "overview.title": "Resumen",
        "overview.period": "Periodo",
        "overview.no_data": "No hay datos en este periodo. Importa exportaciones en la página "
        "Importar: {what}.",
        "overview.what_to_import": "exportaciones de publicaciones (Meta, LinkedIn, X, TikTok, "
        "YouTube) y un informe de adquisición de tráfico de GA4",
        "overview.by_network": "Por red",
        "figure.posts": "Publicaciones",
        "figure.impressions": "Impresiones",
        "figure.reach": "Alcance",
        "figure.engagements": "Interacciones",
        "figure.link_clicks": "Clics en enlaces",
        "figure.followers": "Seguidores",
        "figure.sessions": "Sesiones",
        "figure.engaged_sessions": "Sesiones con interacción",
        "figure.conversions": "Conversiones",
        "figure.revenue": "Ingresos",
        "figure.network": "Red",
        "figure.month": "Mes",
        "overview.sessions_trend": "Sesiones web al mes por red",
        "import.title": "Importar exportaciones",
        "import.intro": "Suelta los archivos que descargaste de la analítica de cada red. smdash "
        "reconoce el formato por su contenido, muestra lo que encontró e importa solo cuando "
        "confirmas. Volver a importar un archivo nunca duplica datos.",
        "import.uploader": "Archivos exportados (CSV o XLSX)",
        "import.supported": "Exportaciones admitidas y dónde descargarlas",
        "import.detected": "{file}: {source}",
        "import.account": "Cuenta",
        "import.range": "Fechas",
        "import.rows": "Filas",
        "import.confirm": "Importar {n} archivo(s)",
        "import.nothing_valid": "Ninguno de los archivos se puede importar; mira los mensajes "
        "de arriba.",
        "import.result": "{file}: {added} nuevas, {updated} actualizadas, {unchanged} sin cambios.",
        "import.failed": "{file} no se ha importado: {error}",
        "import.history": "Historial de importaciones",
        "import.no_history": "Aún no se ha importado nada.",
        "import.undo": "Deshacer la importación n.º {id}",
        "import.undone": "Importación n.º {id} deshecha.",
        "import.pick_undo": "Importación que deshacer",
        "import.progress_reading": "Leyendo {file}",
        "import.progress_checking": "Comprobando {file}",
        "import.progress_writing": "Guardando {file}",
        "import.progress_done": "Hecho: {file}",
        "import.unexpected": "problema inesperado, no se ha escrito nada ({error})",
        "import.format": "Exportación",
        "import.where": "Dónde descargarla",
        "import.results": "Resultado de la última importación",
        "import.undo_button": "Deshacer",
        "history.import_id": "n.º",
        "history.imported_at": "Cuándo",
        "history.file_name": "Archivo",
        "history.format": "Origen detectado",
        "history.account": "Cuenta",
        "history.date_from": "Desde",
        "history.date_to": "Hasta",
        "history.rows_added": "Nuevas",
        "history.rows_updated": "Actualizadas",
        "history.rows_unchanged": "Sin cambios",
        "history.status": "Estado",
        "import.status_applied": "aplicada",
        "column.platform": "Red",
        "column.post_id": "Id. de publicación",
        "column.account": "Cuenta",
        "column.published_at": "Publicada",
        "column.post_type": "Tipo",
        "column.text": "Texto",
        "column.permalink": "Enlace",
        "column.impressions": "Impresiones",
        "column.reach": "Alcance",
        "column.engagements": "Interacciones",
        "column.reactions": "Reacciones",
        "column.comments": "Comentarios",
        "column.shares": "Compartidos",
        "column.saves": "Guardados",
        "column.clicks": "Clics",
        "column.link_clicks": "Clics en enlaces",
        "column.video_views": "Reproducciones",
        "column.day": "Día",
        "column.metric": "Métrica",
        "column.value": "Valor",
        "column.property": "Propiedad",
        "column.date_from": "Desde",
        "column.date_to": "Hasta",
        "column.source": "Fuente",
        "column.medium": "Medio",
        "column.campaign": "Campaña",
        "column.content": "Contenido",
        "column.term": "Término",
        "column.sessions": "Sesiones",
        "column.engaged_sessions": "Sesiones con interacción",
        "column.conversions": "Conversiones",
        "column.revenue": "Ingresos",
        "import.status_undone": "deshecha",
        "error.busy": "La base de datos está ocupada: {error}",
        "import_error.not_found": "{file} no existe o no es un archivo.",
        "import_error.empty": "{file} está vacío.",
        "import_error.too_big": "{file} ocupa {size_mb:.0f} MB; el límite es {limit_mb:.0f} MB.",
        "import_error.binary": "{file} no es un CSV de texto ni una hoja XLSX (parece un archivo "
        "binario).",
        "import_error.zip_not_xlsx": "{file} es un archivo ZIP pero no una hoja XLSX.",
        "import_error.bad_xlsx": "{file} no se pudo abrir como hoja XLSX ({detail}).",
        "import_error.no_data": "{file} no tiene datos: todas las hojas están vacías.",
        "import_error.unknown_format": "{file} no es una exportación que smdash reconozca. "
        "Exportaciones conocidas: {known}.",
        "import_error.csv_shape": "{file}, línea {row}: la fila no tiene las columnas de la "
        "cabecera ({detail}). ¿Está el archivo cortado?",
        "import_error.unreadable": "{file} no se pudo leer como CSV: {detail}",
        "import_error.bad_value": "{file}, fila {row}, columna '{column}': se esperaba {expected}"
        " y hay '{found}'.",
        "import_error.missing_value": "{file}, fila {row}, columna '{column}' está vacía; "
        "necesita {expected}.",
        "import_error.ambiguous_dates": "{file}, columna '{column}': las fechas se leen igual "
        "como {first} que como {second} (día y mes podrían estar cambiados). Exporta con otro "
        "formato de fecha.",
        "import_error.no_rows": "{file} tiene cabecera pero ninguna fila de datos.",
        "import_error.missing_key": "{file}: algunas filas no tienen '{column}', que smdash "
        "necesita para distinguirlas.",
        "import_error.duplicate_key": "{file} tiene dos filas para el mismo {row_key}.",
        "import_error.no_such_import": "No existe la importación n.º {import_id}.",
        "import_error.already_undone": "La importación n.º {import_id} ya está deshecha.",
    },
}

# Words inside messages that come from code (what a value should look like), per language.
EXPECTED_WORDS = {
    "es": {
        "a whole number": "un número entero",
        "a number": "un número",
        "a date": "una fecha",
        "a date and time": "una fecha y hora",
        "a value": "un valor",
        " like ": " como ",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for ``key`` in ``lang`` (English when missing), with ``params`` filled in."""
    catalog = CATALOG.get(lang, CATALOG[DEFAULT_LANGUAGE])
    text = catalog.get(key) or CATALOG[DEFAULT_LANGUAGE].get(key, key)
    if lang in EXPECTED_WORDS and "expected" in params:
        expected = str(params["expected"])
        for en, local in EXPECTED_WORDS[lang].items():
            expected = expected.replace(en, local)
        params = {**params, "expected": expected}
    return text.format(**params)


def language_from_locale(locale: str | None) -> str:
    """Spanish for any ``es`` locale (es-ES, es-MX, ...), English otherwise."""
    return "es" if (locale or "").lower().startswith("es") else DEFAULT_LANGUAGE


def format_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """``1,234.5`` in English, ``1.234,5`` in Spanish; an em dash for no value."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    if lang == "es":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_date(value: dt.date | None, lang: str) -> str:
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y" if lang == "es" else "%Y-%m-%d")
