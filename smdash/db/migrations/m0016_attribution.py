"""Schema step: an action's results are its own.

A review's frozen action keeps the part of its result that other actions claim too
(``shared_result``) and their ids (``shared_with``, "6,8"), so an export says "shared with A6"
as the page did when the review was saved.
"""

STEPS = [
    "ALTER TABLE review_items ADD COLUMN shared_result DOUBLE",
    "ALTER TABLE review_items ADD COLUMN shared_with VARCHAR",
]
