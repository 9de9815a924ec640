"""The values a case file may choose from, apart from ``spec`` (the whole format, as data).

The command line names them in its options (``dsactl new --kind``): reading them from here
spares every start of ``dsactl`` the cost of building the format's description.
"""

PLATFORM_KINDS = ("VLOP", "VLOSE", "platform", "hosting", "other")
PROCEEDING_STATUSES = ("open", "closed", "commitments", "non-compliance")
REQUEST_KINDS = (
    "rfi",
    "rfi-decision",
    "preliminary-findings",
    "other",
    # Periods set by an act of the Commission (issue 11).
    "measures",
    "action-plan",
    "commitments",
    "interim-measures",
    "retention-order",
    "data-access",
)
#: How far a file's facts go: "own" (the provider's own records: every reply is recorded) or
#: "public" (public information: replies are not public, a past date is simply past).
TRACKING = ("own", "public")
#: Events that start statutory periods ([[anchors]] kind).
ANCHOR_KINDS = (
    "audit-report",
    "audit-recommendations",
    "provisional-fee",
    "thresholds-met",
    "concentration",
)
#: A proceeding's dated events ([[events]] kind).
EVENT_KINDS = (
    "opened",
    "extended",
    "preliminary-findings",
    "commitments",
    "non-compliance",
    "fine",
    "appeal",
    "retention-order",
    "request",
    "closed",
    "designation",
    "other",
)
#: How sure a dated fact is.
CONFIDENCES = ("primary", "press", "estimate", "conflict")
