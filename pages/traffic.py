from smdash import ui

ui.start_page("page.traffic")
ui.placeholder("placeholder.traffic")
