from smdash import ui

ui.start_page("page.kpis")
ui.placeholder("placeholder.kpis")
