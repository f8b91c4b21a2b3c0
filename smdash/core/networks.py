"""The networks smdash knows, by id, in the order pages list them. Their display names are the
catalogue's ``network.<id>`` strings; which source / medium belongs to which network is
``smdash.metrics.attribution``'s rule table, keyed by these ids."""

SOCIAL_NETWORKS = (
    "facebook",
    "instagram",
    "linkedin",
    "x",
    "tiktok",
    "youtube",
    "pinterest",
    "whatsapp",
    "telegram",
    "threads",
    "bluesky",
    "mastodon",
    "reddit",
)
OTHER_SOCIAL = "other social"  # a social site none of the ids above names
ALL_SOCIAL = (*SOCIAL_NETWORKS, OTHER_SOCIAL)
WEB_NETWORKS = ("search", "email", "direct", "referral", "other", OTHER_SOCIAL)
NETWORKS = (*ALL_SOCIAL, "search", "email", "direct", "referral", "other")
# the networks that the attribution rules could not place: listed so the CM can map them
UNPLACED = ("other", OTHER_SOCIAL)
# the medium under which GA4's channel-group rows are stored (source: the channel's name,
# 'Organic Social'): traffic without its source / medium, whose social part has no network
CHANNEL_GROUP = "(channel group)"
