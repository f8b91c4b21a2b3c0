"""Strings of the importers: new import error messages, the column-mapping form, parts."""

EN = {
    "import_error.zip_without_exports": "{file} is a ZIP archive with no export smdash "
    "recognises inside (it reads the CSV and XLSX files in it).",
    "import_error.no_year": "{file}, column '{column}': dates like '{found}' have no year, and "
    "the file does not say which year they belong to. Export them with the year.",
    "import_error.mapping_incomplete": "The mapping needs a column for: {fields}.",
    "import_error.mapping_no_header": "{file} has no header row to map.",
    "imports.skipped": "Files in the archive that are not an export smdash knows (left out): "
    "{files}",
    "imports.map_title": "Map its columns once",
    "imports.map_intro": "Tell smdash which column holds what. The mapping is saved for this "
    "header: the next file with the same columns imports on its own. Fields with * are needed.",
    "imports.map_target": "What the file holds",
    "imports.map_platform": "Network (facebook, instagram, linkedin, x, tiktok, youtube, ...)",
    "imports.map_account": "Account (optional)",
    "imports.map_property": "Website or analytics property",
    "imports.map_save": "Save the mapping and read the file again",
    "imports.table_posts": "Posts, one row per post",
    "imports.table_account_daily": "Daily account figures, one row per day",
    "imports.table_web_traffic": "Web traffic by source / medium",
    "imports.metric_impressions": "Impressions",
    "imports.metric_reach": "Reach",
    "imports.metric_engagements": "Engagements",
    "imports.metric_new_followers": "New followers",
    "imports.metric_followers": "Followers (total)",
    "imports.metric_profile_visits": "Profile visits",
    "imports.metric_link_clicks": "Link clicks",
    "imports.metric_video_views": "Video views",
}

ES = {
    "import_error.zip_without_exports": "{file} es un archivo ZIP sin ninguna exportación que "
    "smdash reconozca dentro (lee los CSV y XLSX que contiene).",
    "import_error.no_year": "{file}, columna '{column}': las fechas como '{found}' no tienen año "
    "y el archivo no indica a qué año pertenecen. Expórtalas con el año.",
    "import_error.mapping_incomplete": "La correspondencia necesita una columna para: {fields}.",
    "import_error.mapping_no_header": "{file} no tiene una fila de cabecera que asignar.",
    "imports.skipped": "Archivos del ZIP que no son una exportación que smdash conozca (no se "
    "importan): {files}",
    "imports.map_title": "Asigna sus columnas una vez",
    "imports.map_intro": "Indica a smdash qué columna contiene qué. La correspondencia se guarda "
    "para esta cabecera: el próximo archivo con las mismas columnas se importa solo. Los campos "
    "con * son obligatorios.",
    "imports.map_target": "Qué contiene el archivo",
    "imports.map_platform": "Red (facebook, instagram, linkedin, x, tiktok, youtube, ...)",
    "imports.map_account": "Cuenta (opcional)",
    "imports.map_property": "Sitio web o propiedad de analítica",
    "imports.map_save": "Guardar la correspondencia y volver a leer el archivo",
    "imports.table_posts": "Publicaciones, una fila por publicación",
    "imports.table_account_daily": "Datos diarios de la cuenta, una fila por día",
    "imports.table_web_traffic": "Tráfico web por fuente / medio",
    "imports.metric_impressions": "Impresiones",
    "imports.metric_reach": "Alcance",
    "imports.metric_engagements": "Interacciones",
    "imports.metric_new_followers": "Nuevos seguidores",
    "imports.metric_followers": "Seguidores (total)",
    "imports.metric_profile_visits": "Visitas al perfil",
    "imports.metric_link_clicks": "Clics en enlaces",
    "imports.metric_video_views": "Reproducciones",
}
