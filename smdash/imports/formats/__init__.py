"""Every export format smdash knows. A new format is one module here declaring a ``FORMAT``
(a ``base.Format``), listed in ``all_formats``."""

from __future__ import annotations

from smdash.imports.formats import (
    ads_linkedin,
    ads_meta,
    ads_tiktok,
    ads_x,
    daily_metrics,
    facebook_legacy,
    ga4_traffic,
    linkedin_content,
    linkedin_creator,
    linkedin_followers,
    meta_daily,
    meta_posts,
    tiktok_content,
    web_sources,
    x_tweets,
    youtube_table,
)
from smdash.imports.formats.base import HEADER_SEARCH_ROWS, Format, Match

__all__ = ["HEADER_SEARCH_ROWS", "Format", "Match", "all_formats", "supported"]


def all_formats() -> list[Format]:
    return [
        meta_posts.FACEBOOK_VIDEOS,  # before the posts: a video export may name a Post ID too
        meta_posts.FACEBOOK,
        meta_posts.INSTAGRAM,
        facebook_legacy.FORMAT,
        meta_daily.FORMAT,
        meta_daily.XLSX_FORMAT,
        ga4_traffic.FORMAT,
        web_sources.UNIVERSAL_ANALYTICS,
        web_sources.MATOMO,
        web_sources.PLAUSIBLE,
        x_tweets.CLASSIC,
        x_tweets.CONTENT,
        daily_metrics.X_DAILY,
        tiktok_content.FORMAT,
        daily_metrics.TIKTOK_OVERVIEW,
        daily_metrics.TIKTOK_OVERVIEW_XLSX,
        daily_metrics.TIKTOK_FOLLOWERS,
        youtube_table.FORMAT,
        daily_metrics.YOUTUBE_TOTALS,
        daily_metrics.YOUTUBE_CHART,
        daily_metrics.YOUTUBE_CHART_SPLIT,
        linkedin_content.POSTS_FORMAT,
        linkedin_content.METRICS_FORMAT,
        linkedin_followers.FORMAT,
        linkedin_creator.ENGAGEMENT,
        linkedin_creator.FOLLOWERS,
        daily_metrics.LINKEDIN_VISITORS,
        ads_meta.FORMAT,
        ads_meta.XLSX_FORMAT,
        ads_linkedin.FORMAT,
        ads_x.FORMAT,
        ads_tiktok.FORMAT,
        ads_tiktok.XLSX_FORMAT,
    ]


def supported(lang: str) -> list[tuple[str, str]]:
    """(label, where to download it) of every export smdash reads, once each (a CSV and an
    XLSX download of one export share theirs): the Import page's list and the README's."""
    pairs = ((fmt.label[lang], fmt.hint[lang]) for fmt in all_formats() if fmt.hint[lang])
    return list(dict.fromkeys(pairs))
