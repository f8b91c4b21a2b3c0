"""The Streamlit glue: the only place in smdash that imports streamlit.

``runtime`` holds what every page shares (the language, connections, the cached-loader, write
and flash helpers, the session keys); ``<page>.py`` holds one page's loaders and widgets, under
the page's own name (``pages/traffic.py`` -> ``smdash/ui/traffic.py``); what two pages share
goes in a small module of its own (``networks``, ``session`` ...), never one page's module.

Pages import ``from smdash.ui import runtime as ui`` and ``from smdash.ui import <page> as
view``.
"""
