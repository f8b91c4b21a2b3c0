from smdash import ui

ui.start_page("page.summary")
ui.placeholder("placeholder.summary")
