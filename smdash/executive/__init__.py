"""The executive summary: what social media did for the business in a period, in its words.

One call, ``build(con, period)``, gathers everything the Director page, the PDF / XLSX report
and ``python -m smdash report`` show, so they always agree:

- six headline figures in business terms (``HEADLINES``): visits to the website from social
  networks, conversions (leads or sales, GA4 key events), revenue, money spent, cost per
  conversion, and objectives on track vs behind; each beside the previous period (the month,
  quarter or year before; for custom dates the same number of days just before) and the same
  period a year earlier, when there is data for them;
- the networks side by side (visits, conversions, revenue, spend, cost per conversion);
- the months up to the period's end (is it growing?);
- each business goal with a traffic light from its objectives' status (``GOAL_LIGHTS``);
- vanity metrics (followers, likes, reach, ...) only when the CM pins them;
- a narrative written from these numbers by fixed sentences in the chosen language
  (``narrative``): the same data always gives the same words;
- the CM's comment for the period, and the business's name and logo for the report.

Every figure comes from the KPI catalogue (``smdash.metrics.kpis``), the summary, the costs and the
objectives: nothing is computed twice in different ways.

The package, one module per part: terms, periods, figures, goals, settings, compose (the
whole summary), words, demo. Callers use the names listed here.
"""

from smdash.core.errors import InvalidInput
from smdash.executive.compose import (
    Summary,
    build,
)
from smdash.executive.demo import (
    clear_workspace,
    seed_demo,
)
from smdash.executive.figures import (
    Figure,
    campaign_spend,
    headline_figures,
    monthly_trend,
    network_table,
    objectives_figure,
    relative_change,
    vanity_figures,
)
from smdash.executive.goals import (
    GoalStatus,
    ObjectiveStatus,
    goal_light,
    goal_statuses,
    objective_status,
    shorten,
)
from smdash.executive.periods import (
    Period,
    custom_period,
    default_period,
    month_period,
    parse_period,
    period_choices,
    period_for,
    quarter_period,
    year_period,
)
from smdash.executive.settings import (
    business_name,
    checked_logo,
    comment,
    logo,
    pinned,
    save_comment,
    set_business_name,
    set_logo,
    set_pinned,
)
from smdash.executive.terms import (
    COMMENT_MAX,
    CURRENCY_SYMBOLS,
    CUSTOM,
    DEMO_FILE,
    GOAL_LIGHTS,
    GREY,
    HEADLINES,
    LOGO,
    LOGO_MAX_BYTES,
    MONTH,
    NAME_KEY,
    NAME_MAX,
    ON_TRACK,
    PERIOD_KINDS,
    PINNED_KEY,
    QUARTER,
    STATEMENT_CHARS,
    TREND_MONTHS,
    VANITY,
    YEAR,
)
from smdash.executive.words import (
    accounts_line,
    comparisons,
    figure_label,
    figure_value,
    money,
    narrative,
    network_row_name,
    objectives_detail,
    objectives_line,
    percent_change,
    period_line,
)

__all__ = [
    "COMMENT_MAX",
    "CURRENCY_SYMBOLS",
    "CUSTOM",
    "DEMO_FILE",
    "Figure",
    "GOAL_LIGHTS",
    "GREY",
    "GoalStatus",
    "HEADLINES",
    "InvalidInput",
    "LOGO",
    "LOGO_MAX_BYTES",
    "MONTH",
    "NAME_KEY",
    "NAME_MAX",
    "ON_TRACK",
    "ObjectiveStatus",
    "PERIOD_KINDS",
    "PINNED_KEY",
    "Period",
    "QUARTER",
    "STATEMENT_CHARS",
    "Summary",
    "TREND_MONTHS",
    "VANITY",
    "YEAR",
    "accounts_line",
    "build",
    "business_name",
    "campaign_spend",
    "checked_logo",
    "clear_workspace",
    "comment",
    "comparisons",
    "custom_period",
    "default_period",
    "figure_label",
    "figure_value",
    "goal_light",
    "goal_statuses",
    "headline_figures",
    "logo",
    "money",
    "month_period",
    "monthly_trend",
    "narrative",
    "network_row_name",
    "network_table",
    "objective_status",
    "objectives_figure",
    "objectives_detail",
    "objectives_line",
    "parse_period",
    "percent_change",
    "period_line",
    "period_choices",
    "period_for",
    "pinned",
    "quarter_period",
    "relative_change",
    "save_comment",
    "seed_demo",
    "set_business_name",
    "set_logo",
    "set_pinned",
    "shorten",
    "vanity_figures",
    "year_period",
]
