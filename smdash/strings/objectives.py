"""Strings of the KPI catalogue, the Objectives page, the KPI progress page and annotations."""

from smdash.metrics.kpis import CATALOGUE

_NETWORK_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "pinterest": "Pinterest",
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "threads": "Threads",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "reddit": "Reddit",
}

EN = {
    **{f"kpis.doc.{kpi.key}": kpi.doc for kpi in CATALOGUE},
    **{f"objectives.network.{key}": name for key, name in _NETWORK_NAMES.items()},
    "kpis.name.followers": "Followers at end of period",
    "kpis.name.follower_growth": "Follower growth",
    "kpis.name.posts": "Posts published",
    "kpis.name.reach": "Reach",
    "kpis.name.impressions": "Impressions",
    "kpis.name.engagements": "Engagements",
    "kpis.name.engagement_rate": "Engagement rate (engagements / impressions)",
    "kpis.name.link_clicks": "Link clicks",
    "kpis.name.ctr": "Click-through rate (link clicks / impressions)",
    "kpis.name.sessions": "Web sessions from social",
    "kpis.name.engaged_sessions": "Engaged sessions from social",
    "kpis.name.conversions": "Conversions from social",
    "kpis.name.conversion_rate": "Conversion rate (conversions / sessions)",
    "kpis.name.revenue": "Revenue from social",
    "kpis.name.cost_per_conversion": "Cost per conversion",
    "kpis.unit.count": "number",
    "kpis.unit.percent": "%",
    "kpis.unit.currency": "currency",
    "kpis.direction.up": "higher is better",
    "kpis.direction.down": "lower is better",
    "kpis.needs.posts": "the post exports of {network} (Meta Business Suite, LinkedIn, X, "
    "TikTok Studio, YouTube Studio)",
    "kpis.needs.followers": "the daily followers series of {network} (Meta Business Suite)",
    "kpis.needs.new_followers": "the daily follows series of {network} (Meta Business Suite) "
    "or LinkedIn's followers export",
    "kpis.needs.web": "a GA4 traffic acquisition report (session source / medium) with visits "
    "from {network}",
    "kpis.needs.costs": "costs: an ads manager export, or costs entered on the Costs page",
    "objectives.scope.all": "All social networks",
    "objectives.intro": "Business goals, and under them SMART objectives: one KPI, a scope, a "
    "baseline, a target and a deadline each.",
    "objectives.goals": "Business goals",
    "objectives.no_goals": "No business goals yet. Add the goal your objectives serve, e.g. "
    "'Grow online sales 10% in 2026'.",
    "objectives.goal_name": "New business goal",
    "objectives.add_goal": "Add goal",
    "objectives.goal_added": "Goal added: {name}",
    "objectives.archive_goal": "Archive a goal",
    "objectives.archive_goal_button": "Archive goal",
    "objectives.goal_archived": "Goal archived: {name}. Its objectives are kept.",
    "objectives.goal_objectives": "{n} active objective(s)",
    "objectives.list": "Objectives",
    "objectives.none": "No objectives yet. Create the first one below.",
    "objectives.new": "New objective",
    "objectives.edit": "Edit objective",
    "objectives.pick_edit": "Objective to edit",
    "objectives.statement": "Statement (at most {limit} characters)",
    "objectives.statement_help": "If it does not fit in a post, it is not concrete enough.",
    "objectives.goal": "Business goal it serves",
    "objectives.no_goal": "(none)",
    "objectives.kpi": "KPI",
    "objectives.scope": "Scope",
    "objectives.start": "Start",
    "objectives.deadline": "Deadline",
    "objectives.baseline": "Baseline",
    "objectives.baseline_help": "Leave empty to use the value proposed from the data.",
    "objectives.baseline_proposed": "Proposed baseline: {value} ({kpi} from {start} to {end}, "
    "the same length of time before the start).",
    "objectives.baseline_none": "No data to propose a baseline ({kpi} from {start} to {end}): "
    "enter one.",
    "objectives.target": "Target",
    "objectives.owner": "Owner",
    "objectives.notes": "Notes",
    "objectives.save": "Save objective",
    "objectives.saved": "Objective saved: {statement}",
    "objectives.archive": "Archive",
    "objectives.archived_ok": "Objective archived: {statement}. Restore it from the archive.",
    "objectives.restore": "Restore",
    "objectives.restored": "Objective restored: {statement}",
    "objectives.archived": "Archived objectives",
    "objectives.no_archived": "No archived objectives.",
    "objectives.summary": "{kpi} · {scope} · {baseline} → {target} · {start} – {deadline}",
    "objectives.owner_goal": "Owner: {owner} · Goal: {goal}",
    "objectives.smart": "SMART check",
    "objectives.smart.S": "Specific",
    "objectives.smart.M": "Measurable",
    "objectives.smart.A": "Achievable",
    "objectives.smart.R": "Relevant",
    "objectives.smart.T": "Time-bound",
    "objectives.smart.s_ok": "One KPI, one scope and a statement.",
    "objectives.smart.s_fail": "It needs a statement, one KPI and a scope.",
    "objectives.smart.m_ok": "The KPI can be computed from the imported data for this scope "
    "({first} – {last}).",
    "objectives.smart.m_no_data": "No imported data for this KPI and scope yet: import {needs}.",
    "objectives.smart.m_no_costs": "Cost per conversion needs costs, and none are recorded "
    "yet: import an ads manager export or enter costs on the Costs page.",
    "objectives.smart.a_no_baseline": "No baseline to compare the target with (it is 0 or empty).",
    "objectives.smart.a_hold": "The target asks for no improvement on the baseline "
    "({needed}): it holds a level.",
    "objectives.smart.a_no_history": "The target needs {needed} on the baseline; there is not "
    "enough history (two periods of the same length before the start) to compare it with.",
    "objectives.smart.a_ambitious": "Very ambitious: the target needs {needed} on the baseline, "
    "more than {multiple} times the best change seen from one period of the same length to "
    "the next ({best}).",
    "objectives.smart.a_ok": "The target needs {needed} on the baseline; the best change seen "
    "from one period of the same length to the next was {best}.",
    "objectives.smart.r_ok": "Serves the business goal: {goal}.",
    "objectives.smart.r_fail": "Not linked to a business goal.",
    "objectives.smart.t_ok": "The deadline is {days} days after the start.",
    "objectives.smart.t_fail": "The deadline must come after the start.",
    "objectives.error.no_statement": "Write the objective's statement.",
    "objectives.error.too_long": "The statement has {length} characters; at most {limit} fit.",
    "objectives.error.kpi": "Unknown KPI: {kpi}.",
    "objectives.error.scope": "Unknown scope: {scope}.",
    "objectives.error.no_target": "Enter a target.",
    "objectives.error.no_baseline": "Enter a baseline: there is no data to propose one.",
    "objectives.error.no_dates": "Enter a start date and a deadline.",
    "objectives.error.goal": "That business goal no longer exists.",
    "objectives.error.no_goal_name": "Write the business goal.",
    "objectives.error.goal_too_long": "A business goal fits in {limit} characters.",
    "objectives.status.achieved": "Achieved",
    "objectives.status.on_track": "On track",
    "objectives.status.at_risk": "At risk",
    "objectives.status.behind": "Behind",
    "objectives.status.no_data": "No data",
    "objectives.rule.no_data": "No data: the KPI has no value for the scope since the start.",
    "objectives.rule.achieved": "Achieved: the value meets the target (at or above it, or at "
    "or below it for KPIs where lower is better).",
    "objectives.rule.deadline_passed": "Behind: the deadline has passed without meeting the "
    "target.",
    "objectives.rule.no_progress": "No data: progress cannot be measured (no baseline, or a "
    "target of 0 for a total).",
    "objectives.rule.on_track": "On track: progress trails the share of time elapsed by at "
    "most {on_track} points.",
    "objectives.rule.at_risk": "At risk: progress trails the time elapsed by at most {at_risk} "
    "points.",
    "objectives.rule.behind": "Behind: otherwise.",
    "objectives.rules_title": "How the status is decided (first rule that applies)",
    "objectives.progress_rule": "Progress: for totals (posts, reach, sessions, ...) the share "
    "of the target accumulated since the start; for levels and rates (followers, engagement "
    "rate, ...) the share of the way from the baseline to the target. Values are read as of "
    "the last day with imported data, never past the deadline.",
    "objectives.method.linear_trend": "linear trend (least squares) of the last 13 weekly "
    "values, extended to the deadline",
    "kpipage.intro": "Every active objective's KPI against its target.",
    "kpipage.network": "Network",
    "kpipage.all_networks": "All networks",
    "kpipage.period": "Period",
    "kpipage.no_objectives": "No active objectives. Create them on the Objectives page.",
    "kpipage.no_objectives_network": "No active objectives for this network.",
    "kpipage.current": "Current",
    "kpipage.target": "Target",
    "kpipage.progress": "Progress",
    "kpipage.elapsed": "Time elapsed",
    "kpipage.forecast": "Forecast at deadline",
    "kpipage.needed": "Needed per week",
    "kpipage.needed_average": "Needed on average",
    "kpipage.as_of": "As of {date}. Forecast: {method}.",
    "kpipage.no_data": "No data for {kpi} on {scope} since {start}. Import {needs}.",
    "kpipage.chart": "Chart",
    "kpipage.pick_chart": "Objective to chart",
    "kpipage.series": "Value so far",
    "kpipage.pace": "Ideal pace",
    "kpipage.target_line": "Target",
    "kpipage.forecast_line": "Forecast",
    "kpipage.date": "Date",
    "kpipage.value": "Value",
    "kpipage.line": "Line",
    "kpipage.comparison": "KPIs in the period and in the previous period of the same length",
    "kpipage.previous": "Previous period",
    "kpipage.change": "Change",
    "kpipage.kpi": "KPI",
    "kpipage.empty": "No data yet. Import your exports on the Import page: {what}.",
    "annotations.title": "Annotations",
    "annotations.intro": "Mark a date or a span with a short note (a campaign launch, a "
    "crisis, an algorithm change, a holiday): every time chart shows it.",
    "annotations.dates": "Date or span",
    "annotations.note": "Note (at most {limit} characters)",
    "annotations.add": "Add annotation",
    "annotations.added": "Annotation added: {note}",
    "annotations.none": "No annotations yet.",
    "annotations.archive": "Archive annotation",
    "annotations.pick": "Annotation to archive",
    "annotations.archived": "Annotation archived: {note}",
    "annotations.from": "From",
    "annotations.to": "To",
    "annotations.error.no_note": "Write the annotation's note.",
    "annotations.error.no_date": "Pick the day, or the first and last day of the span.",
    "annotations.error.too_long": "The note has {length} characters; at most {limit} fit.",
    "annotations.error.dates": "The span must end on or after the day it starts.",
}

_DOCS_ES = {
    "followers": "Seguidores al final del periodo: los seguidores de cada cuenta el último día "
    "del periodo con datos, sumados entre cuentas. Unidad: seguidores. Dirección: subir.",
    "follower_growth": "Crecimiento de seguidores: seguidores nuevos ganados en el periodo, la "
    "suma de la serie diaria de nuevos seguidores (Meta 'Follows', nuevos seguidores de "
    "LinkedIn). Unidad: seguidores. Dirección: subir.",
    "posts": "Publicaciones: número de publicaciones publicadas en el periodo. Unidad: "
    "publicaciones. Dirección: subir.",
    "reach": "Alcance: suma del alcance de las publicaciones del periodo (personas alcanzadas "
    "por publicación; quien ve dos publicaciones cuenta dos veces). Unidad: personas. "
    "Dirección: subir.",
    "impressions": "Impresiones: suma de las impresiones (visualizaciones) de las "
    "publicaciones del periodo. Unidad: impresiones. Dirección: subir.",
    "engagements": "Interacciones: suma de las interacciones (reacciones, comentarios, "
    "compartidos, guardados, clics) de las publicaciones del periodo. Unidad: interacciones. "
    "Dirección: subir.",
    "engagement_rate": "Tasa de interacción = interacciones / impresiones × 100, ambas sumadas "
    "sobre las publicaciones del periodo que informan de las dos (denominador: impresiones, no "
    "seguidores ni alcance). Unidad: %. Dirección: subir.",
    "link_clicks": "Clics en enlaces: suma de los clics en enlaces de las publicaciones del "
    "periodo (redes que los informan). Unidad: clics. Dirección: subir.",
    "ctr": "CTR = clics en enlaces / impresiones × 100, ambos sumados sobre las publicaciones "
    "del periodo que informan de los dos. Unidad: %. Dirección: subir.",
    "sessions": "Sesiones web desde redes: sesiones de GA4 del periodo cuya fuente / medio es "
    "una red social. Unidad: sesiones. Dirección: subir.",
    "engaged_sessions": "Sesiones con interacción desde redes: sesiones con interacción de GA4 "
    "del periodo desde redes sociales. Unidad: sesiones. Dirección: subir.",
    "conversions": "Conversiones desde redes: eventos clave de GA4 del periodo desde redes "
    "sociales. Unidad: conversiones. Dirección: subir.",
    "conversion_rate": "Tasa de conversión = conversiones / sesiones × 100, filas de GA4 del "
    "periodo desde redes sociales. Unidad: %. Dirección: subir.",
    "revenue": "Ingresos desde redes: ingresos de GA4 del periodo desde redes sociales. "
    "Unidad: moneda de la propiedad de GA4. Dirección: subir.",
    "cost_per_conversion": "Coste por conversión = costes registrados del periodo / "
    "conversiones desde redes del periodo (costes importados de anuncios y anotados a mano). "
    "Sin datos mientras no haya costes. Unidad: "
    "moneda. Dirección: bajar.",
}

ES = {
    **{f"kpis.doc.{key}": doc for key, doc in _DOCS_ES.items()},
    **{f"objectives.network.{key}": name for key, name in _NETWORK_NAMES.items()},
    "kpis.name.followers": "Seguidores al final del periodo",
    "kpis.name.follower_growth": "Crecimiento de seguidores",
    "kpis.name.posts": "Publicaciones",
    "kpis.name.reach": "Alcance",
    "kpis.name.impressions": "Impresiones",
    "kpis.name.engagements": "Interacciones",
    "kpis.name.engagement_rate": "Tasa de interacción (interacciones / impresiones)",
    "kpis.name.link_clicks": "Clics en enlaces",
    "kpis.name.ctr": "CTR (clics en enlaces / impresiones)",
    "kpis.name.sessions": "Sesiones web desde redes",
    "kpis.name.engaged_sessions": "Sesiones con interacción desde redes",
    "kpis.name.conversions": "Conversiones desde redes",
    "kpis.name.conversion_rate": "Tasa de conversión (conversiones / sesiones)",
    "kpis.name.revenue": "Ingresos desde redes",
    "kpis.name.cost_per_conversion": "Coste por conversión",
    "kpis.unit.count": "número",
    "kpis.unit.percent": "%",
    "kpis.unit.currency": "moneda",
    "kpis.direction.up": "cuanto más, mejor",
    "kpis.direction.down": "cuanto menos, mejor",
    "kpis.needs.posts": "las exportaciones de publicaciones de {network} (Meta Business Suite, "
    "LinkedIn, X, TikTok Studio, YouTube Studio)",
    "kpis.needs.followers": "la serie diaria de seguidores de {network} (Meta Business Suite)",
    "kpis.needs.new_followers": "la serie diaria de nuevos seguidores de {network} (Meta "
    "Business Suite) o la exportación de seguidores de LinkedIn",
    "kpis.needs.web": "un informe de adquisición de tráfico de GA4 (fuente / medio de la "
    "sesión) con visitas desde {network}",
    "kpis.needs.costs": "costes: una exportación de un gestor de anuncios o costes anotados en "
    "la página Costes",
    "objectives.scope.all": "Todas las redes sociales",
    "objectives.intro": "Objetivos de negocio y, bajo ellos, objetivos SMART: cada uno con un "
    "KPI, un ámbito, una línea base, una meta y una fecha límite.",
    "objectives.goals": "Objetivos de negocio",
    "objectives.no_goals": "Aún no hay objetivos de negocio. Añade el objetivo al que sirven "
    "tus objetivos, p. ej. 'Aumentar un 10 % las ventas online en 2026'.",
    "objectives.goal_name": "Nuevo objetivo de negocio",
    "objectives.add_goal": "Añadir objetivo de negocio",
    "objectives.goal_added": "Objetivo de negocio añadido: {name}",
    "objectives.archive_goal": "Archivar un objetivo de negocio",
    "objectives.archive_goal_button": "Archivar objetivo de negocio",
    "objectives.goal_archived": "Objetivo de negocio archivado: {name}. Sus objetivos se "
    "conservan.",
    "objectives.goal_objectives": "{n} objetivo(s) activo(s)",
    "objectives.list": "Objetivos",
    "objectives.none": "Aún no hay objetivos. Crea el primero aquí abajo.",
    "objectives.new": "Nuevo objetivo",
    "objectives.edit": "Editar objetivo",
    "objectives.pick_edit": "Objetivo que editar",
    "objectives.statement": "Enunciado (como mucho {limit} caracteres)",
    "objectives.statement_help": "Si no cabe en una publicación, no es lo bastante concreto.",
    "objectives.goal": "Objetivo de negocio al que sirve",
    "objectives.no_goal": "(ninguno)",
    "objectives.kpi": "KPI",
    "objectives.scope": "Ámbito",
    "objectives.start": "Inicio",
    "objectives.deadline": "Fecha límite",
    "objectives.baseline": "Línea base",
    "objectives.baseline_help": "Déjala vacía para usar el valor propuesto a partir de los datos.",
    "objectives.baseline_proposed": "Línea base propuesta: {value} ({kpi} del {start} al "
    "{end}, el mismo tiempo antes del inicio).",
    "objectives.baseline_none": "No hay datos para proponer una línea base ({kpi} del {start} "
    "al {end}): escribe una.",
    "objectives.target": "Meta",
    "objectives.owner": "Responsable",
    "objectives.notes": "Notas",
    "objectives.save": "Guardar objetivo",
    "objectives.saved": "Objetivo guardado: {statement}",
    "objectives.archive": "Archivar",
    "objectives.archived_ok": "Objetivo archivado: {statement}. Puedes restaurarlo desde el "
    "archivo.",
    "objectives.restore": "Restaurar",
    "objectives.restored": "Objetivo restaurado: {statement}",
    "objectives.archived": "Objetivos archivados",
    "objectives.no_archived": "No hay objetivos archivados.",
    "objectives.summary": "{kpi} · {scope} · {baseline} → {target} · {start} – {deadline}",
    "objectives.owner_goal": "Responsable: {owner} · Objetivo de negocio: {goal}",
    "objectives.smart": "Comprobación SMART",
    "objectives.smart.S": "Específico",
    "objectives.smart.M": "Medible",
    "objectives.smart.A": "Alcanzable",
    "objectives.smart.R": "Relevante",
    "objectives.smart.T": "Temporal",
    "objectives.smart.s_ok": "Un KPI, un ámbito y un enunciado.",
    "objectives.smart.s_fail": "Necesita un enunciado, un KPI y un ámbito.",
    "objectives.smart.m_ok": "El KPI se puede calcular con los datos importados para este "
    "ámbito ({first} – {last}).",
    "objectives.smart.m_no_data": "Aún no hay datos importados para este KPI y ámbito: importa "
    "{needs}.",
    "objectives.smart.m_no_costs": "El coste por conversión necesita costes y aún no hay "
    "ninguno: importa una exportación de un gestor de anuncios o anota costes en la página "
    "Costes.",
    "objectives.smart.a_no_baseline": "No hay línea base con la que comparar la meta (es 0 o "
    "está vacía).",
    "objectives.smart.a_hold": "La meta no pide mejorar la línea base ({needed}).",
    "objectives.smart.a_no_history": "La meta pide {needed} sobre la línea base; no hay "
    "historia suficiente (dos periodos de la misma duración antes del inicio) para compararla.",
    "objectives.smart.a_ambitious": "Muy ambicioso: la meta pide {needed} sobre la línea base, "
    "más de {multiple} veces el mejor cambio visto de un periodo de la misma duración al "
    "siguiente ({best}).",
    "objectives.smart.a_ok": "La meta pide {needed} sobre la línea base; el mejor cambio visto "
    "de un periodo de la misma duración al siguiente fue {best}.",
    "objectives.smart.r_ok": "Sirve al objetivo de negocio: {goal}.",
    "objectives.smart.r_fail": "No está vinculado a un objetivo de negocio.",
    "objectives.smart.t_ok": "La fecha límite llega {days} días después del inicio.",
    "objectives.smart.t_fail": "La fecha límite debe ser posterior al inicio.",
    "objectives.error.no_statement": "Escribe el enunciado del objetivo.",
    "objectives.error.too_long": "El enunciado tiene {length} caracteres; caben como mucho "
    "{limit}.",
    "objectives.error.kpi": "KPI desconocido: {kpi}.",
    "objectives.error.scope": "Ámbito desconocido: {scope}.",
    "objectives.error.no_target": "Escribe una meta.",
    "objectives.error.no_baseline": "Escribe una línea base: no hay datos para proponerla.",
    "objectives.error.no_dates": "Escribe una fecha de inicio y una fecha límite.",
    "objectives.error.goal": "Ese objetivo de negocio ya no existe.",
    "objectives.error.no_goal_name": "Escribe el objetivo de negocio.",
    "objectives.error.goal_too_long": "Un objetivo de negocio cabe en {limit} caracteres.",
    "objectives.status.achieved": "Conseguido",
    "objectives.status.on_track": "En camino",
    "objectives.status.at_risk": "En riesgo",
    "objectives.status.behind": "Retrasado",
    "objectives.status.no_data": "Sin datos",
    "objectives.rule.no_data": "Sin datos: el KPI no tiene valor para el ámbito desde el inicio.",
    "objectives.rule.achieved": "Conseguido: el valor cumple la meta (igual o por encima, o "
    "igual o por debajo en los KPI en que menos es mejor).",
    "objectives.rule.deadline_passed": "Retrasado: la fecha límite ha pasado sin cumplir la meta.",
    "objectives.rule.no_progress": "Sin datos: no se puede medir el avance (sin línea base, o "
    "una meta de 0 en un total).",
    "objectives.rule.on_track": "En camino: el avance va por detrás del tiempo transcurrido "
    "como mucho {on_track} puntos.",
    "objectives.rule.at_risk": "En riesgo: el avance va por detrás del tiempo transcurrido "
    "como mucho {at_risk} puntos.",
    "objectives.rule.behind": "Retrasado: en cualquier otro caso.",
    "objectives.rules_title": "Cómo se decide el estado (la primera regla que se cumple)",
    "objectives.progress_rule": "Avance: en los totales (publicaciones, alcance, sesiones...) "
    "la parte de la meta acumulada desde el inicio; en niveles y tasas (seguidores, tasa de "
    "interacción...) la parte del camino recorrida de la línea base a la meta. Los valores se "
    "leen en el último día con datos importados, nunca después de la fecha límite.",
    "objectives.method.linear_trend": "tendencia lineal (mínimos cuadrados) de los últimos 13 "
    "valores semanales, prolongada hasta la fecha límite",
    "kpipage.intro": "El KPI de cada objetivo activo frente a su meta.",
    "kpipage.network": "Red",
    "kpipage.all_networks": "Todas las redes",
    "kpipage.period": "Periodo",
    "kpipage.no_objectives": "No hay objetivos activos. Créalos en la página Objetivos.",
    "kpipage.no_objectives_network": "No hay objetivos activos para esta red.",
    "kpipage.current": "Actual",
    "kpipage.target": "Meta",
    "kpipage.progress": "Avance",
    "kpipage.elapsed": "Tiempo transcurrido",
    "kpipage.forecast": "Previsión a la fecha límite",
    "kpipage.needed": "Necesario por semana",
    "kpipage.needed_average": "Necesario de media",
    "kpipage.as_of": "A {date}. Previsión: {method}.",
    "kpipage.no_data": "No hay datos de {kpi} en {scope} desde el {start}. Importa {needs}.",
    "kpipage.chart": "Gráfico",
    "kpipage.pick_chart": "Objetivo que representar",
    "kpipage.series": "Valor acumulado",
    "kpipage.pace": "Ritmo ideal",
    "kpipage.target_line": "Meta",
    "kpipage.forecast_line": "Previsión",
    "kpipage.date": "Fecha",
    "kpipage.value": "Valor",
    "kpipage.line": "Línea",
    "kpipage.comparison": "KPI del periodo y del periodo anterior de la misma duración",
    "kpipage.previous": "Periodo anterior",
    "kpipage.change": "Cambio",
    "kpipage.kpi": "KPI",
    "kpipage.empty": "Aún no hay datos. Importa tus exportaciones en la página Importar: {what}.",
    "annotations.title": "Anotaciones",
    "annotations.intro": "Marca un día o un intervalo con una nota breve (lanzamiento de una "
    "campaña, una crisis, un cambio de algoritmo, un festivo): todos los gráficos temporales la "
    "muestran.",
    "annotations.dates": "Día o intervalo",
    "annotations.note": "Nota (como mucho {limit} caracteres)",
    "annotations.add": "Añadir anotación",
    "annotations.added": "Anotación añadida: {note}",
    "annotations.none": "Aún no hay anotaciones.",
    "annotations.archive": "Archivar anotación",
    "annotations.pick": "Anotación que archivar",
    "annotations.archived": "Anotación archivada: {note}",
    "annotations.from": "Desde",
    "annotations.to": "Hasta",
    "annotations.error.no_note": "Escribe la nota de la anotación.",
    "annotations.error.no_date": "Elige el día, o el primer y el último día del intervalo.",
    "annotations.error.too_long": "La nota tiene {length} caracteres; caben como mucho {limit}.",
    "annotations.error.dates": "El intervalo debe terminar el mismo día en que empieza o después.",
}
