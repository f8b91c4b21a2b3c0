from smdash import ui

ui.start_page("page.review")
ui.placeholder("placeholder.review")
