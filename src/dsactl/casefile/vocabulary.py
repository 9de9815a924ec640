"""The values a case file may choose from, apart from ``spec`` (the whole format, as data).

The command line names them in its options (``dsactl new --kind``): reading them from here
spares every start of ``dsactl`` the cost of building the format's description.
"""

PLATFORM_KINDS = ("VLOP", "VLOSE", "platform", "hosting", "other")
PROCEEDING_STATUSES = ("open", "closed", "commitments", "non-compliance")
REQUEST_KINDS = ("rfi", "rfi-decision", "preliminary-findings", "other")
