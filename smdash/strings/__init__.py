"""The UI's strings, one module per feature, each with an ``EN`` and an ``ES`` dict.

A feature adds its own module here and lists it in ``MODULES``; keys are prefixed by feature
(``import.``, ``objectives.``, ...) so modules never clash.
"""

from smdash.strings import auth, core, executive, imports, objectives, review, traffic

MODULES = (core, imports, objectives, traffic, executive, review, auth)
