from smdash import ui

ui.start_page("page.objectives")
ui.placeholder("placeholder.objectives")
